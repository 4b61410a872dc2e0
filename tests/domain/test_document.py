"""What the consent and aftercare document says: for the client, in its own words."""

from dataclasses import replace

from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.consent import consent_sections
from mneedle_desktop.domain.document import build_document
from mneedle_desktop.domain.plan import propose_plan
from mneedle_desktop.domain.screening import screen
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_record

CLINIC = ClinicProfile("Calm Skin Clinic", phone="0113 496 0000")
PLAN = {"device": "pen_steel", "sessions": 3, "interval_weeks": 4, "depths_mm": {"cheeks": 1.5}}


def test_an_answer_of_yes_is_labelled_as_the_medical_history_not_left_bare() -> None:
    """A question answered yes sat as a bare bullet under the precautions, and read as one
    of them."""
    record = make_record(history={"cold_sores": {"answer": "yes"}}, plan=PLAN)
    document = build_document(record, CATALOGUE, CLINIC)
    [assessment] = [
        s for s in document.sections if s.heading == CATALOGUE.document.headings["assessment"]
    ]
    label = CATALOGUE.document.labels["history_yes"]
    assert (label, CATALOGUE.question_text("cold_sores")) in assessment.rows
    assert not assessment.bullets


def test_the_consent_states_how_long_this_clinic_keeps_signed_records() -> None:
    record = make_record(plan=PLAN)
    plan = propose_plan(record, screen(record, CONSULTATION_DATE, CATALOGUE), CATALOGUE)
    for years in (8, 10):
        clinic = replace(CLINIC, retention_years=years)
        words = " ".join(text for _, text in consent_sections(record, plan, CATALOGUE, clinic))
        assert f"keeps your signed records for {years} years after your last treatment" in words
        assert "Calm Skin Clinic keeps your records" in words
        assert "{" not in words, "every placeholder filled"
