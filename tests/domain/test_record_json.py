import json
from pathlib import Path

import pytest

from mneedle_desktop.domain.record_json import (
    RecordError,
    canonical_json,
    record_from_dict,
    record_from_json,
    record_hash,
    record_to_dict,
)
from tests.domain.records import CATALOGUE, make_dict

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.json"))


def problems(data: object) -> list[str]:
    with pytest.raises(RecordError) as info:
        record_from_dict(data, CATALOGUE)
    return [str(p) for p in info.value.problems]


def test_not_json_is_reported() -> None:
    with pytest.raises(RecordError, match="not valid JSON"):
        record_from_json(b"{ not json", CATALOGUE)


def test_a_date_after_the_consultation_is_pointed_at() -> None:
    data = make_dict(history={"isotretinoin": {"answer": "yes", "last_dose": "2027-01-01"}})
    assert problems(data) == ["medical_history.isotretinoin.last_dose: date is in the future"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"consultation_date": "2026-02-30"},
            "consultation_date: is not a real date in the form YYYY-MM-DD: '2026-02-30'",
        ),
        ({"record_id": "abc"}, "record_id: should be a UUID"),
        ({"format_version": 99}, "format_version: version 99 is not one this program reads (1, 2)"),
        ({"colour": "blue"}, "colour: is not a known field"),
        (
            {"medical_history": {"smoking": {"answer": "no"}}},
            "medical_history.smoking: is not a known question",
        ),
        ({"areas": [{"area": "elbow"}]}, "areas[0].area: is not a known area: 'elbow'"),
        ({"areas": [{"area": "nose"}, {"area": "nose"}]}, "areas[1].area: 'nose' is listed twice"),
        ({"plan": {"device": "laser"}}, "plan.device: is not a known device: 'laser'"),
        (
            {"acknowledged_precautions": ["be_careful"]},
            "acknowledged_precautions[0]: is not a known rule id: 'be_careful'",
        ),
        (
            {"skin": {"fitzpatrick": {"method": "direct", "type": 7}}},
            "skin.fitzpatrick.type: should be from 1 to 6, not 7",
        ),
    ],
)
def test_invalid_fields_are_pointed_at(change: dict[str, object], message: str) -> None:
    data = make_dict()
    data.update(change)
    assert any(p.startswith(message) for p in problems(data)), problems(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"consultation_date": "2026-W48-3"},
            "consultation_date: should be a date written YYYY-MM-DD, not '2026-W48-3'",
        ),
        ({"consultation_date": "9999-12-31"}, "consultation_date: is after the year 2999"),
        (
            {"plan": {"depths_mm": {"cheeks": 1.0}}},
            "plan.depths_mm: choose the device first: the depths allowed depend on it",
        ),
        (
            {"plan": {"device": "roller_1_5", "depths_mm": {"cheeks": 0.5}}},
            "plan.depths_mm.cheeks: a 1.5 mm roller treats at 1.5 mm only, not 0.5 mm",
        ),
        (
            {"plan": {"device": "pen_steel", "acknowledged_warnings": ["all_good"]}},
            "plan.acknowledged_warnings[0]: is not a warning id: 'all_good'",
        ),
        ({"plan": {"sessions": 1.5}}, "plan.sessions: should be a whole number, not 1.5"),
    ],
)
def test_implausible_values_are_refused(change: dict[str, object], message: str) -> None:
    data = make_dict()
    data.update(change)
    assert any(p.startswith(message) for p in problems(data)), problems(data)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_numbers_in_json_are_refused(constant: str) -> None:
    text = json.dumps(make_dict(plan={"device": "pen_steel", "depths_mm": {"cheeks": 1.0}}))
    text = text.replace('"cheeks": 1.0', f'"cheeks": {constant}')
    with pytest.raises(RecordError, match=f"{constant.lstrip('-')} is not a number"):
        record_from_json(text, CATALOGUE)


def test_answer_must_be_yes_or_no() -> None:
    data = make_dict(history={"pregnant": {"answer": "maybe"}})
    assert problems(data) == [
        "medical_history.pregnant.answer: should be one of yes or no, not 'maybe'"
    ]


def test_follow_up_given_with_a_no_answer_is_refused() -> None:
    data = make_dict(history={"dermal_filler": {"answer": "no", "date": "2026-11-01"}})
    assert problems(data) == ["medical_history.dermal_filler.date: is given but the answer is no"]


def test_date_of_birth_after_the_consultation_and_before_1900() -> None:
    data = make_dict()
    data["client"]["date_of_birth"] = "2027-01-01"
    assert problems(data) == ["client.date_of_birth: date is after the consultation date"]
    data["client"]["date_of_birth"] = "1899-12-31"
    assert problems(data) == ["client.date_of_birth: date is before 1900"]


def test_follow_up_date_before_birth_is_refused() -> None:
    data = make_dict(history={"laser_ipl": {"answer": "yes", "date": "1980-01-01"}})
    assert problems(data) == ["medical_history.laser_ipl.date: date is before the client was born"]


def test_every_problem_is_reported_at_once() -> None:
    data = make_dict(record_id="x", consultation_date="2026-13-01")
    data["medical_history"]["pregnant"] = {"answer": 1}
    assert len(problems(data)) == 3


def test_wrong_types_are_named() -> None:
    data = make_dict()
    data["areas"] = {"area": "nose"}
    assert problems(data) == ["areas: should be a list, not an object"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_round_trip_unchanged(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    record = record_from_dict(original, CATALOGUE)
    assert record_to_dict(record) == original
    assert record_from_dict(record_to_dict(record), CATALOGUE) == record


def test_canonical_json_is_sorted_compact_utf8_and_hashed() -> None:
    record = record_from_dict(json.loads(EXAMPLES[0].read_text(encoding="utf-8")), CATALOGUE)
    text = canonical_json(record)
    assert json.loads(text) == record_to_dict(record)
    assert (
        text
        == json.dumps(
            json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    )
    assert len(record_hash(record)) == 64
