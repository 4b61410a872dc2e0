from datetime import date
from typing import Any

import pytest

from mneedle_desktop.domain.aftercare import aftercare
from mneedle_desktop.domain.catalogue import DepthRange
from mneedle_desktop.domain.plan import PlanProposal, propose_plan
from mneedle_desktop.domain.record_json import RecordError, record_from_dict
from mneedle_desktop.domain.screening import screen
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_dict, make_record


def plan_for(**changes: Any) -> PlanProposal:
    record = make_record(**changes)
    return propose_plan(record, screen(record, CONSULTATION_DATE, CATALOGUE), CATALOGUE)


def area(
    area_id: str,
    scar_type: str = "rolling",
    thickness: str | None = "thick",
    grade: int | None = None,
    **scar: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {"area": area_id, "scar": {"type": scar_type, **scar}}
    if thickness:
        out["skin_thickness"] = thickness
    if grade:
        out["scar"]["goodman_baron_qualitative"] = grade
    return out


@pytest.mark.parametrize(("grade", "sessions"), [(1, 3), (2, 3), (3, 4), (4, 6)])
def test_acne_sessions_follow_the_grade(grade: int, sessions: int) -> None:
    p = plan_for(areas=[area("cheeks", grade=grade)])
    assert p.sessions == sessions
    assert (p.sessions_min, p.sessions_max) == (3, 6)
    assert (p.interval_weeks_min, p.interval_weeks_max, p.interval_weeks) == (2, 6, 4)


def test_darker_skin_leans_to_more_sessions_within_the_range() -> None:
    assert plan_for(areas=[area("cheeks", grade=3)], fitzpatrick_type=5).sessions == 5
    assert plan_for(areas=[area("cheeks", grade=4)], fitzpatrick_type=5).sessions == 6


def test_striae_need_six_or_more() -> None:
    p = plan_for(areas=[area("abdomen", "striae_rubrae", thickness=None)])
    assert (p.sessions_min, p.sessions_max, p.sessions) == (6, None, 6)


def test_surgical_scar_course_starts_six_weeks_after_surgery() -> None:
    p = plan_for(
        areas=[
            area(
                "abdomen", "surgical", thickness=None, surgery_date="2026-11-01", wound_closed=True
            )
        ]
    )
    assert p.sessions == 3
    assert p.earliest_start == date(2026, 12, 13)
    assert p.next_session == date(2027, 1, 10)


def test_deferred_plan_starts_on_the_eligible_date() -> None:
    p = plan_for(history={"isotretinoin": {"answer": "yes", "last_dose": "2026-09-25"}})
    assert p.earliest_start == date(2027, 3, 25)


@pytest.mark.parametrize(
    ("area_id", "thickness", "expected"),
    [
        ("periorbital", None, DepthRange(0.2, 0.3)),
        ("forehead", None, DepthRange(0.25, 0.5)),
        ("upper_lip", None, DepthRange(0.25, 0.75)),
        ("cheeks", "thin", DepthRange(0.5, 1.0)),
        ("cheeks", "thick", DepthRange(1.0, 2.0)),
        ("thighs", None, DepthRange(1.5, 2.5)),
        ("abdomen", None, DepthRange(1.5, 2.0)),
    ],
)
def test_depth_by_area_and_thickness(
    area_id: str, thickness: str | None, expected: DepthRange
) -> None:
    [a] = plan_for(areas=[area(area_id, thickness=thickness)]).areas
    assert a.recommended == expected


def test_darker_skin_narrows_depth_to_the_lower_half() -> None:
    [a] = plan_for(areas=[area("cheeks", thickness="thick")], fitzpatrick_type=4).areas
    assert a.recommended == DepthRange(1.0, 1.5)


def test_missing_thickness_gives_no_depth_and_is_reported_missing() -> None:
    record = make_record(areas=[area("cheeks", thickness=None)])
    d = screen(record, CONSULTATION_DATE, CATALOGUE)
    assert "areas[0].skin_thickness" in d.missing
    [a] = propose_plan(record, d, CATALOGUE).areas
    assert a.recommended is None


def test_depth_is_capped_at_the_device_maximum() -> None:
    [a] = plan_for(
        areas=[area("thighs", "striae_albae", thickness=None)], plan={"device": "pen_gold"}
    ).areas
    assert a.recommended == DepthRange(1.5, 2.0)
    assert "2 mm at most" in a.note


def test_a_roller_works_at_its_needle_length_and_is_warned_when_that_is_off_range() -> None:
    p = plan_for(
        areas=[area("abdomen", "striae_albae", thickness=None)], plan={"device": "roller_1_0"}
    )
    [a] = p.areas
    assert a.chosen_mm == 1.0
    [w] = p.warnings
    assert w.id == "depth_outside_range:abdomen:1"
    assert "1 mm is outside the recommended 1.5-2 mm" in w.text


def test_depth_outside_the_range_is_a_warning_to_acknowledge() -> None:
    p = plan_for(plan={"device": "pen_steel", "depths_mm": {"cheeks": 2.25}})
    [w] = p.warnings
    assert (w.id, w.acknowledged) == ("depth_outside_range:cheeks:2.25", False)
    acked = plan_for(
        plan={
            "device": "pen_steel",
            "depths_mm": {"cheeks": 2.25},
            "acknowledged_warnings": ["depth_outside_range:cheeks:2.25"],
        }
    )
    assert acked.unacknowledged == ()


def test_acknowledging_one_depth_does_not_acknowledge_a_deeper_one() -> None:
    deeper = plan_for(
        plan={
            "device": "pen_steel",
            "depths_mm": {"cheeks": 2.5},
            "acknowledged_warnings": ["depth_outside_range:cheeks:2.25"],
        }
    )
    [w] = deeper.unacknowledged
    assert w.id == "depth_outside_range:cheeks:2.5"
    assert "2.5 mm" in w.text


def test_depth_above_the_device_maximum_is_refused() -> None:
    data = make_dict(plan={"device": "pen_gold", "depths_mm": {"cheeks": 2.5}})
    with pytest.raises(RecordError) as info:
        record_from_dict(data, CATALOGUE)
    assert str(info.value) == (
        "plan.depths_mm.cheeks: 2.5 mm is above the device's labelled maximum of 2 mm; "
        "it cannot be used"
    )


def test_sessions_outside_the_usual_range_are_warned() -> None:
    p = plan_for(plan={"sessions": 9, "interval_weeks": 1})
    assert {w.id for w in p.warnings} == {"sessions_outside_range:9", "interval_outside_range:1"}
    assert p.sessions == 9


def test_excluded_areas_are_left_out_of_the_plan() -> None:
    p = plan_for(
        history={"skin_lesions": {"answer": "yes", "areas": ["chin"]}},
        areas=[area("cheeks"), area("chin", thickness="thin")],
    )
    assert [a.area for a in p.areas] == ["cheeks"]


# --- aftercare ---------------------------------------------------------------------------


def sheet_text(**changes: Any) -> str:
    record = make_record(**changes)
    d = screen(record, CONSULTATION_DATE, CATALOGUE)
    sheet = aftercare(record, d, propose_plan(record, d, CATALOGUE), CATALOGUE)
    assert [s.id for s in sheet.sections] == [
        "first_24_hours",
        "day_2_to_3",
        "day_5_to_7",
        "week_1_to_2",
    ]
    assert sheet.contact
    return "\n".join(item for s in sheet.sections for item in s.items)


def test_aftercare_names_the_areas_depth_and_next_session() -> None:
    text = sheet_text(
        areas=[area("cheeks"), area("chin", thickness="thin")],
        plan={
            "device": "pen_steel",
            "depths_mm": {"cheeks": 1.5, "chin": 0.75},
            "interval_weeks": 4,
        },
    )
    assert "cheeks and chin" in text
    assert "1.5 mm" in text
    assert "about 4-5 days" in text
    assert "23 December 2026" in text


def test_aftercare_adds_antiviral_reminder_only_for_cold_sores() -> None:
    assert "antiviral" not in sheet_text()
    assert "antiviral" in sheet_text(history={"cold_sores": {"answer": "yes"}})


def test_aftercare_adds_pigment_precautions_for_darker_skin() -> None:
    assert "SPF 50" not in sheet_text(fitzpatrick_type=3)
    assert "SPF 50" in sheet_text(fitzpatrick_type=4)
