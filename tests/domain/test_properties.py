"""Properties that must hold for every record, not only the examples."""

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from mneedle_desktop.domain.record_json import record_from_dict, record_to_dict
from mneedle_desktop.domain.screening import OUTCOME_RANK, screen
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_record
from tests.domain.strategies import answers, record_dicts

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "mneedle_desktop/content/record.schema.json").read_text()
)
QUESTION_IDS = sorted(CATALOGUE.questions)


@settings(max_examples=150, deadline=None)
@given(record_dicts())
def test_valid_records_round_trip_through_json_unchanged(data: dict[str, Any]) -> None:
    record = record_from_dict(data, CATALOGUE)
    again = record_from_dict(json.loads(json.dumps(record_to_dict(record))), CATALOGUE)
    assert again == record


@settings(max_examples=60, deadline=None)
@given(record_dicts())
def test_what_the_program_writes_matches_the_published_schema(data: dict[str, Any]) -> None:
    jsonschema.validate(record_to_dict(record_from_dict(data, CATALOGUE)), SCHEMA)


@settings(max_examples=300, deadline=None)
@given(record_dicts(), st.sampled_from(QUESTION_IDS), st.data())
def test_adding_a_contraindication_never_makes_the_decision_more_permissive(
    data: dict[str, Any], qid: str, more: st.DataObject
) -> None:
    before = screen(record_from_dict(data, CATALOGUE), CONSULTATION_DATE, CATALOGUE)
    if data["medical_history"][qid]["answer"] == "yes":
        return
    data["medical_history"][qid] = more.draw(answers(qid).filter(lambda a: a["answer"] == "yes"))
    after = screen(record_from_dict(data, CATALOGUE), CONSULTATION_DATE, CATALOGUE)
    assert OUTCOME_RANK[after.outcome] <= OUTCOME_RANK[before.outcome]
    if before.outcome is after.outcome and before.eligible_from and after.eligible_from:
        assert after.eligible_from >= before.eligible_from


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2025, 1, 1), max_value=CONSULTATION_DATE),
    st.integers(min_value=1, max_value=400),
)
def test_a_later_last_dose_never_gives_an_earlier_eligible_date(first: date, gap: int) -> None:
    later = min(first + timedelta(days=gap), CONSULTATION_DATE)

    def eligible(last_dose: date) -> date | None:
        record = make_record(
            history={"isotretinoin": {"answer": "yes", "last_dose": last_dose.isoformat()}}
        )
        decision = screen(record, date(2025, 1, 1), CATALOGUE)
        return decision.eligible_from

    a, b = eligible(first), eligible(later)
    assert a is not None
    assert b is not None
    assert b >= a
