from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.consent import consent_problems
from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.demo_data import RealClientsError
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD
from tests.services.test_clients import ZOE


def filled(folder: Path, clock: FixedClock, seed: int) -> list[tuple[str, str, str, date]]:
    folder.mkdir()
    services = AppServices.open(folder / "mneedle.sqlite3", clock, kdf=FAST_KDF)
    try:
        services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
        services.demo_data.fill(60, seed)
        return sorted(
            (r.id, r.family_name, r.given_name, r.date_of_birth)
            for r in services.clients.summaries()
        )
    finally:
        services.close()


def test_the_same_seed_gives_the_same_clients(tmp_path: Path, clock: FixedClock) -> None:
    first = filled(tmp_path / "a", clock, 5)
    assert filled(tmp_path / "b", clock, 5) == first
    assert filled(tmp_path / "c", clock, 6) != first
    scripts = {ord(max(name)) > 0x2FF for _, name, _, _ in first}
    assert scripts == {True, False}  # Latin names and names in other scripts


def test_every_outcome_signed_and_draft_and_each_signed_record_is_complete(
    owner_services: AppServices,
) -> None:
    report = owner_services.demo_data.fill(200, 1)
    assert report.clients == 200
    assert 200 <= report.consultations <= 200 * 9
    statuses: Counter[ConsultationStatus] = Counter()
    catalogue = owner_services.consultations.catalogue
    for client in owner_services.clients.summaries():
        for summary in owner_services.consultations.history(client.id):
            statuses[summary.status] += 1
    assert set(statuses) == set(ConsultationStatus)
    outcomes: Counter[str] = Counter()
    for client in owner_services.clients.summaries()[:40]:
        for summary in owner_services.consultations.history(client.id):
            c = owner_services.consultations.open(summary.id)
            outcomes[str(c.outcome)] += 1
            if (
                c.editable
                or c.outcome is None
                or c.outcome.value
                not in (
                    "suitable",
                    "suitable_with_precautions",
                )
            ):
                continue
            assessment = owner_services.consultations.assess(c.record)
            assert assessment.decision.outcome == c.outcome
            assert consent_problems(c.record, assessment.decision, assessment.plan, catalogue) == []
    assert {"suitable", "suitable_with_precautions", "defer", "not_suitable", "None"} <= set(
        outcomes
    )
    assert owner_services.health().ok


def test_a_store_with_real_clients_is_refused_unless_told(owner_services: AppServices) -> None:
    owner_services.clients.add(ZOE)
    with pytest.raises(RealClientsError):
        owner_services.demo_data.fill(5, 1)
    assert len(owner_services.clients.summaries()) == 1
    owner_services.demo_data.fill(5, 1, into_real_store=True)
    assert len(owner_services.clients.summaries()) == 6
