"""What voids a consent, and the checks the plan makes against the screening."""

from dataclasses import replace
from typing import Any

from mneedle_desktop.domain.consent import consent_fingerprint, consent_problems
from mneedle_desktop.domain.plan import propose_plan
from mneedle_desktop.domain.record import ConsentAnswers, ConsultationRecord
from mneedle_desktop.domain.screening import Outcome, screen
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_record

PLAN = {"device": "pen_steel", "sessions": 3, "interval_weeks": 4, "depths_mm": {"cheeks": 1.5}}
PLAN_CHANGED = "The plan changed after the client agreed to it"


def problems_after_signing(signed: ConsultationRecord, now: ConsultationRecord) -> list[str]:
    """Sign ``signed``'s plan, then check the consent against ``now``'s plan."""
    decision = screen(signed, CONSULTATION_DATE, CATALOGUE)
    fingerprint = consent_fingerprint(signed, propose_plan(signed, decision, CATALOGUE), CATALOGUE)
    consent = ConsentAnswers(version=CATALOGUE.consent.version, fingerprint=fingerprint)
    record = replace(now, consent=consent)
    decision = screen(record, CONSULTATION_DATE, CATALOGUE)
    return consent_problems(record, decision, propose_plan(record, decision, CATALOGUE), CATALOGUE)


def record_with(**plan: Any) -> ConsultationRecord:
    return make_record(plan={**PLAN, **plan})


def test_a_consent_for_the_same_plan_stands() -> None:
    record = record_with()
    problems = problems_after_signing(record, record)
    assert not any(PLAN_CHANGED in p for p in problems)


def test_more_sessions_after_signing_voids_the_consent() -> None:
    problems = problems_after_signing(record_with(), record_with(sessions=5))
    assert any(PLAN_CHANGED in p for p in problems)


def test_a_new_interval_after_signing_voids_the_consent() -> None:
    problems = problems_after_signing(record_with(), record_with(interval_weeks=6))
    assert any(PLAN_CHANGED in p for p in problems)


def test_an_added_area_after_signing_voids_the_consent() -> None:
    cheeks = {"area": "cheeks", "skin_thickness": "thick", "scar": {"type": "rolling"}}
    forehead = {"area": "forehead", "skin_thickness": "thin", "scar": {"type": "rolling"}}
    signed = make_record(plan=PLAN, areas=[cheeks])
    now = make_record(plan=PLAN, areas=[cheeks, forehead])
    problems = problems_after_signing(signed, now)
    assert any(PLAN_CHANGED in p for p in problems)


def test_skipping_the_test_patch_on_darker_skin_is_a_warning_to_acknowledge() -> None:
    darker = make_record(fitzpatrick_type=5, plan={**PLAN, "test_patch": False})
    plan = propose_plan(darker, screen(darker, CONSULTATION_DATE, CATALOGUE), CATALOGUE)
    [warning] = [w for w in plan.unacknowledged if w.id == "test_patch_skipped"]
    assert "test patch" in warning.text
    assert "fitzpatrick_iv_vi" not in warning.text, "the rule is named in words, not by id"

    with_patch = make_record(fitzpatrick_type=5, plan={**PLAN, "test_patch": True})
    plan = propose_plan(with_patch, screen(with_patch, CONSULTATION_DATE, CATALOGUE), CATALOGUE)
    assert "test_patch_skipped" not in {w.id for w in plan.warnings}


def test_skipping_the_test_patch_on_lighter_skin_needs_no_acknowledgement() -> None:
    lighter = make_record(plan={**PLAN, "test_patch": False})
    plan = propose_plan(lighter, screen(lighter, CONSULTATION_DATE, CATALOGUE), CATALOGUE)
    assert "test_patch_skipped" not in {w.id for w in plan.warnings}


def test_a_minor_whose_guardian_has_not_answered_is_incomplete_not_refused() -> None:
    minor = {
        "id": "99999999-8888-4777-8666-555555555555",
        "family_name": "Test",
        "given_name": "Young",
        "date_of_birth": "2010-05-12",
    }
    unanswered = make_record(client=minor, guardian={"name": "Pat Test", "relationship": "mother"})
    decision = screen(unanswered, CONSULTATION_DATE, CATALOGUE)
    assert "guardian.consents" in decision.missing
    [under_18] = [r for r in decision.reasons if r.rule_id == "under_18"]
    assert not under_18.blocking
    assert decision.outcome is not Outcome.NOT_SUITABLE

    refused = make_record(
        client=minor, guardian={"name": "Pat Test", "relationship": "mother", "consents": False}
    )
    decision = screen(refused, CONSULTATION_DATE, CATALOGUE)
    [under_18] = [r for r in decision.reasons if r.rule_id == "under_18"]
    assert under_18.blocking
    assert decision.outcome is Outcome.NOT_SUITABLE
