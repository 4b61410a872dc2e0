import pytest

from mneedle_desktop.domain.record import (
    FitzpatrickAssessment,
    FitzpatrickMethod,
    GBQuantitative,
    Posas,
)
from mneedle_desktop.domain.record_json import RecordError, record_from_dict
from mneedle_desktop.domain.scales import (
    fitzpatrick,
    fitzpatrick_band,
    gb_quantitative_total,
    posas_totals,
    vancouver_maximum,
    vancouver_total,
)
from tests.domain.records import CATALOGUE, make_dict

QUIZ_IDS = [q.id for q in CATALOGUE.fitzpatrick_questions]


def quiz(total: int) -> FitzpatrickAssessment:
    """Answers adding up to ``total``, each 0-4."""
    answers = {}
    left = total
    for qid in QUIZ_IDS:
        answers[qid] = min(4, left)
        left -= answers[qid]
    assert left == 0
    return FitzpatrickAssessment(FitzpatrickMethod.QUIZ, answers)


@pytest.mark.parametrize(
    ("score", "skin_type"),
    [
        (0, 1),
        (6, 1),
        (7, 2),
        (13, 2),
        (14, 3),
        (20, 3),
        (21, 4),
        (27, 4),
        (28, 5),
        (34, 5),
        (35, 6),
        (40, 6),
    ],
)
def test_fitzpatrick_band_edges(score: int, skin_type: int) -> None:
    assert fitzpatrick_band(score, CATALOGUE) == skin_type
    result = fitzpatrick(quiz(score), CATALOGUE)
    assert (result.type, result.score) == (skin_type, score)


def test_fitzpatrick_set_directly_is_recorded_as_such() -> None:
    result = fitzpatrick(FitzpatrickAssessment(FitzpatrickMethod.DIRECT, type=5), CATALOGUE)
    assert (result.type, result.score) == (5, None)
    assert result.label == "Type V (set by the practitioner)"


def test_fitzpatrick_quiz_has_ten_questions_of_five_options() -> None:
    assert len(CATALOGUE.fitzpatrick_questions) == 10
    assert all(len(q.options) == 5 for q in CATALOGUE.fitzpatrick_questions)


def test_goodman_baron_quantitative_minimum_and_maximum() -> None:
    assert gb_quantitative_total(GBQuantitative({}), CATALOGUE) == 0
    every_type_many = {t.id: 25 for t in CATALOGUE.gb_types.values() if not t.by_area}
    worst = GBQuantitative(every_type_many, keloidal_area_cm2=30.0)
    assert gb_quantitative_total(worst, CATALOGUE) == 84 == CATALOGUE.gb_maximum


@pytest.mark.parametrize(("count", "points"), [(0, 0), (1, 3), (10, 3), (11, 6), (20, 6), (21, 9)])
def test_goodman_baron_count_multiplier(count: int, points: int) -> None:
    # deep_broad_atrophic is a grade C type: 3 points times the multiplier
    q = GBQuantitative({"deep_broad_atrophic": count})
    assert gb_quantitative_total(q, CATALOGUE) == points


@pytest.mark.parametrize(("area", "score"), [(0.5, 6), (4.9, 6), (5.0, 12), (20.0, 12), (20.1, 18)])
def test_goodman_baron_keloidal_area(area: float, score: int) -> None:
    assert gb_quantitative_total(GBQuantitative({}, area), CATALOGUE) == score


def test_vancouver_minimum_and_maximum() -> None:
    zero = {i.id: 0 for i in CATALOGUE.vancouver_items}
    top = {i.id: i.max for i in CATALOGUE.vancouver_items}
    assert vancouver_total(zero, CATALOGUE) == 0
    assert vancouver_total(top, CATALOGUE) == 13 == vancouver_maximum(CATALOGUE)


def test_posas_totals_exclude_the_overall_opinion() -> None:
    low = {i.id: 1 for i in CATALOGUE.posas_observer}
    high = {i.id: 10 for i in CATALOGUE.posas_patient}
    totals = posas_totals(Posas(low, high, observer_overall=10, patient_overall=1), CATALOGUE)
    assert (totals.observer, totals.patient) == (6, 60)


def scar_errors(scar: dict[str, object]) -> list[str]:
    data = make_dict(areas=[{"area": "cheeks", "skin_thickness": "thick", "scar": scar}])
    with pytest.raises(RecordError) as info:
        record_from_dict(data, CATALOGUE)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("scar", "message"),
    [
        (
            {"type": "rolling", "goodman_baron_qualitative": 5},
            "areas[0].scar.goodman_baron_qualitative: should be from 1 to 4, not 5",
        ),
        (
            {"type": "rolling", "goodman_baron_qualitative": 0},
            "areas[0].scar.goodman_baron_qualitative: should be from 1 to 4, not 0",
        ),
        (
            {
                "type": "surgical",
                "vancouver": {"vascularity": 4, "pigmentation": 0, "pliability": 0, "height": 0},
            },
            "areas[0].scar.vancouver.vascularity: should be from 0 to 3, not 4",
        ),
        (
            {"type": "surgical", "vancouver": {"vascularity": 1}},
            "areas[0].scar.vancouver.pigmentation: is missing",
        ),
        (
            {
                "type": "surgical",
                "posas": {
                    "observer": {
                        "vascularity": 11,
                        "pigmentation": 1,
                        "thickness": 1,
                        "relief": 1,
                        "pliability": 1,
                        "surface_area": 1,
                    }
                },
            },
            "areas[0].scar.posas.observer.vascularity: should be from 1 to 10, not 11",
        ),
        (
            {"type": "rolling", "goodman_baron_quantitative": {"counts": {"macular": -1}}},
            "areas[0].scar.goodman_baron_quantitative.counts.macular: "
            "should be from 0 to 10000, not -1",
        ),
        (
            {"type": "rolling", "goodman_baron_quantitative": {"counts": {"keloidal": 3}}},
            "areas[0].scar.goodman_baron_quantitative.counts.keloidal: is not a known field",
        ),
        ({"type": "sunburn"}, "areas[0].scar.type: is not a known scar type: 'sunburn'"),
    ],
)
def test_out_of_range_scale_items_are_errors_not_clamped(
    scar: dict[str, object], message: str
) -> None:
    assert any(e.startswith(message) for e in scar_errors(scar)), scar_errors(scar)
