"""Signing, the full PDF of a long consultation, backing the store up, and checking it."""

import random
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from benchmarks.interactive import complete_draft, ms, signed_clients
from benchmarks.stats import Figure
from benchmarks.stores import PASSWORD
from mneedle_desktop.cli.demo_command import DEMO_USERNAME
from mneedle_desktop.domain.record import AreaAssessment, SkinThickness
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.demo_data import consented
from mneedle_desktop.services.documents import render_pdf


def measure_operations(services: AppServices, repeat: int) -> list[Figure]:
    account = services.accounts.sign_in(DEMO_USERNAME, PASSWORD)
    rng = random.Random(2)
    clients = signed_clients(services, services.clients.summaries())
    catalogue = services.consultations.catalogue
    clinic = services.clinic.current()
    signing: list[float] = []
    record = None
    for _ in range(max(3, repeat // 3)):
        draft = complete_draft(services, rng.choice(clients))
        plan = services.consultations.assess(draft.record).plan
        record = consented(
            draft.record, plan, catalogue, account.profile.full_name, services.clock.now()
        )
        start = time.perf_counter()
        services.consultations.sign_consent(draft, record)
        signing.append((time.perf_counter() - start) * 1000)
    assert record is not None

    # A long consultation: every area of the body assessed, long notes.
    areas = tuple(
        AreaAssessment(area_id, SkinThickness.THICK, record.areas[0].scar)
        for area_id in catalogue.areas
    )
    long_record = replace(record, areas=areas, skin_notes="Combination skin. " * 60)
    render_pdf(long_record, catalogue, clinic)  # the first one imports reportlab
    pdf = [ms(lambda: render_pdf(long_record, catalogue, clinic)) for _ in range(repeat)]
    services.accounts.sign_out()

    backups: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for i in range(3):
            target = Path(folder) / str(i)
            backups.append(ms(partial(services.backups.back_up, target)))
    checks = [ms(services.health) for _ in range(3)]
    pdf_figure = Figure("PDF: a long consultation", "ms", tuple(pdf))
    return [
        Figure("signing (with its PDF)", "ms", tuple(signing)),
        Figure(
            pdf_figure.name,
            "ms",
            pdf_figure.samples,
            "median under 150 ms",
            pdf_figure.median < 150,
        ),
        Figure("backup: the whole store", "ms", tuple(backups)),
        Figure("check: the whole store", "ms", tuple(checks)),
    ]
