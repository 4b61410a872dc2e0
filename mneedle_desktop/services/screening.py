"""Screening use case: read a record, decide, propose a plan and aftercare.

The GUI and the ``screen`` command both call ``assess``.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mneedle_desktop.domain.aftercare import AftercareSheet, aftercare
from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.catalogue_load import load_catalogue
from mneedle_desktop.domain.overrides import OVERRIDE_FILENAME, apply_overrides
from mneedle_desktop.domain.plan import PlanProposal, propose_plan
from mneedle_desktop.domain.record import ConsultationRecord
from mneedle_desktop.domain.record_json import RecordError, RecordProblem, record_from_json
from mneedle_desktop.domain.scales import ScarScores, scar_scores
from mneedle_desktop.domain.screening import Decision, Outcome, screen
from mneedle_desktop.domain.toml_reader import ContentError


@dataclass(frozen=True)
class Assessment:
    record: ConsultationRecord
    decision: Decision
    scores: tuple[tuple[str, ScarScores], ...]  # per treatment area with a scar
    plan: PlanProposal | None  # none when not suitable
    aftercare: AftercareSheet | None  # only when treatment can go ahead


def clinic_catalogue(data_dir: Path | None) -> Catalogue:
    """The bundled content, with the clinic's override file applied when there is one.
    Raises ``ContentError`` naming the file, line and key of a bad override."""
    catalogue = load_catalogue()
    if data_dir is None:
        return catalogue
    override = data_dir / OVERRIDE_FILENAME
    if not override.exists():
        return catalogue
    try:
        text = override.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(str(override), "", "is not UTF-8 text", None) from None
    except OSError as e:
        raise ContentError(str(override), "", f"cannot be read ({e.strerror or e})", None) from e
    return apply_overrides(catalogue, text, str(override))


def assess(record: ConsultationRecord, on: date, catalogue: Catalogue) -> Assessment:
    decision = screen(record, on, catalogue)
    scores = tuple(
        (area.area, scar_scores(area.scar, catalogue)) for area in record.areas if area.scar
    )
    plan = (
        None
        if decision.outcome is Outcome.NOT_SUITABLE
        else propose_plan(record, decision, catalogue)
    )
    sheet = (
        aftercare(record, decision, plan, catalogue)
        if plan is not None and decision.outcome is not Outcome.DEFER
        else None
    )
    return Assessment(record, decision, scores, plan, sheet)


def assess_file(path: Path, on: date | None, catalogue: Catalogue) -> Assessment:
    """Read the record at ``path`` (``RecordError`` if it is not valid) and assess it on
    ``on``, by default its own consultation date."""
    record = record_from_json(path.read_bytes(), catalogue)
    if on is not None and on < record.consultation_date:
        raise RecordError(
            [
                RecordProblem(
                    "--on",
                    f"{on.isoformat()} is before the consultation date "
                    f"{record.consultation_date.isoformat()}",
                )
            ]
        )
    return assess(record, on or record.consultation_date, catalogue)
