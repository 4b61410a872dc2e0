"""Every screening rule, case by case. Each rule id has its own row: removing a rule from
the content makes its row fail, and a rule added without a row fails the coverage test."""

from datetime import date
from typing import Any

import pytest

from mneedle_desktop.domain.catalogue import RuleKind
from mneedle_desktop.domain.overrides import apply_overrides
from mneedle_desktop.domain.record_json import record_from_dict
from mneedle_desktop.domain.screening import Decision, Outcome, screen
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_dict, make_record

ON = CONSULTATION_DATE


NOT_TREATING_MINORS = apply_overrides(
    CATALOGUE, '[policy]\nminors = "not_suitable"\n', "clinical-overrides.toml"
)


def decide(minors_policy: str | None = None, **changes: Any) -> Decision:
    catalogue = NOT_TREATING_MINORS if minors_policy == "not_suitable" else CATALOGUE
    return screen(make_record(catalogue, **changes), ON, catalogue)


def rule_ids(decision: Decision) -> set[str]:
    return {r.rule_id for r in decision.reasons}


YES = {"answer": "yes"}

MINOR = {
    "id": "99999999-8888-4777-8666-555555555555",
    "family_name": "Young",
    "given_name": "Person",
    "date_of_birth": "2010-01-01",
}

# rule id -> (record changes that trigger it, expected outcome, expected kind)
RULE_CASES: dict[str, tuple[dict[str, Any], Outcome, RuleKind]] = {
    "keloid_tendency": (
        {"history": {"keloid_tendency": YES}},
        Outcome.NOT_SUITABLE,
        RuleKind.ABSOLUTE,
    ),
    "raised_scar_in_area": (
        {"areas": [{"area": "chest", "scar": {"type": "keloid"}}]},
        Outcome.NOT_SUITABLE,
        RuleKind.ABSOLUTE,
    ),
    "under_18": (
        {
            "client": MINOR,
            "guardian": {"name": "Pat Young", "relationship": "father", "consents": False},
        },
        Outcome.NOT_SUITABLE,
        RuleKind.ABSOLUTE,
    ),
    "under_18_not_treated": (
        {
            "minors_policy": "not_suitable",
            "client": MINOR,
            "guardian": {"name": "Pat Young", "relationship": "father", "consents": True},
        },
        Outcome.NOT_SUITABLE,
        RuleKind.ABSOLUTE,
    ),
    "assessment_incomplete": ({"skin": None}, Outcome.DEFER, RuleKind.DEFER),
    "allergy_metal": (
        {"history": {"allergy_metal": YES}, "plan": {"device": "pen_steel"}},
        Outcome.NOT_SUITABLE,
        RuleKind.ABSOLUTE,
    ),
    "allergy_anaesthetic": (
        {"history": {"allergy_anaesthetic": YES}, "plan": {"topical_anaesthetic": True}},
        Outcome.NOT_SUITABLE,
        RuleKind.ABSOLUTE,
    ),
    "allergy_serum": (
        {"history": {"allergy_serum": {"answer": "yes", "details": "vitamin C serum"}}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.ABSOLUTE,
    ),
    "isotretinoin": (
        {"history": {"isotretinoin": {"answer": "yes", "last_dose": "2026-09-25"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "active_infection": ({"history": {"active_infection": YES}}, Outcome.DEFER, RuleKind.DEFER),
    "pregnant": ({"history": {"pregnant": YES}}, Outcome.DEFER, RuleKind.DEFER),
    "breastfeeding": ({"history": {"breastfeeding": YES}}, Outcome.DEFER, RuleKind.DEFER),
    "immunosuppression": ({"history": {"immunosuppression": YES}}, Outcome.DEFER, RuleKind.DEFER),
    "radiotherapy": (
        {"history": {"radiotherapy": {"answer": "yes", "last_treatment": "2026-10-01"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "active_skin_disease": (
        {"history": {"active_skin_disease": YES}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "botulinum_toxin": (
        {"history": {"botulinum_toxin": {"answer": "yes", "date": "2026-11-20"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "dermal_filler": (
        {"history": {"dermal_filler": {"answer": "yes", "date": "2026-11-20"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "chemical_peel": (
        {"history": {"chemical_peel": {"answer": "yes", "date": "2026-11-20"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "laser_ipl": (
        {"history": {"laser_ipl": {"answer": "yes", "date": "2026-11-20"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "sunburn": (
        {"history": {"sunburn": {"answer": "yes", "date": "2026-11-20"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "topical_retinoids": (
        {"history": {"topical_retinoids": {"answer": "yes", "last_used": "2026-11-24"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "waxing": (
        {"history": {"waxing": {"answer": "yes", "date": "2026-11-24"}}},
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "recent_surgery": (
        {
            "areas": [
                {
                    "area": "abdomen",
                    "scar": {
                        "type": "surgical",
                        "surgery_date": "2026-11-01",
                        "wound_closed": True,
                    },
                }
            ]
        },
        Outcome.DEFER,
        RuleKind.DEFER,
    ),
    "cold_sores": (
        {"history": {"cold_sores": YES}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "anticoagulants": (
        {"history": {"anticoagulants": YES}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "bleeding_disorder": (
        {"history": {"bleeding_disorder": YES}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "vitiligo": (
        {"history": {"vitiligo": YES}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "diabetes_uncontrolled": (
        {"history": {"diabetes_uncontrolled": YES}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "autoimmune": (
        {"history": {"autoimmune": YES}},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "fitzpatrick_iv_vi": (
        {"fitzpatrick_type": 5},
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.CAUTION,
    ),
    "skin_lesions": (
        {
            "history": {"skin_lesions": {"answer": "yes", "areas": ["chin"]}},
            "areas": [
                {"area": "cheeks", "skin_thickness": "thick", "scar": {"type": "rolling"}},
                {"area": "chin", "skin_thickness": "thin", "scar": {"type": "rolling"}},
            ],
        },
        Outcome.SUITABLE_WITH_PRECAUTIONS,
        RuleKind.LOCAL,
    ),
}


def test_every_rule_in_the_content_has_a_case() -> None:
    assert set(RULE_CASES) == {rule.id for rule in CATALOGUE.rules}


def test_every_rule_has_a_source_and_wording() -> None:
    for rule in CATALOGUE.rules:
        assert rule.source.strip(), rule.id
        assert rule.client_text.strip(), rule.id
        assert rule.practitioner_note.strip(), rule.id


def test_the_baseline_record_is_suitable_and_complete() -> None:
    d = decide()
    assert d.outcome is Outcome.SUITABLE
    assert d.reasons == ()
    assert d.complete


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_fires_with_its_kind_and_outcome(rule_id: str) -> None:
    changes, outcome, kind = RULE_CASES[rule_id]
    d = decide(**changes)
    [reason] = [r for r in d.reasons if r.rule_id == rule_id]
    assert reason.source
    assert reason.kind is kind
    assert d.outcome is outcome
    assert reason.kind is CATALOGUE.rule(rule_id).kind
    assert reason.client_text


# --- dated deferrals: before, on and after the boundary ----------------------------------

DATED = [
    # rule, question, follow-up key, start date, first eligible date
    ("isotretinoin", "last_dose", date(2026, 5, 25), date(2026, 11, 25)),
    ("radiotherapy", "last_treatment", date(2026, 8, 25), date(2026, 11, 25)),
    ("botulinum_toxin", "date", date(2026, 11, 11), date(2026, 11, 25)),
    ("dermal_filler", "date", date(2026, 11, 11), date(2026, 11, 25)),
    ("chemical_peel", "date", date(2026, 10, 26), date(2026, 11, 25)),
    ("laser_ipl", "date", date(2026, 11, 11), date(2026, 11, 25)),
    ("sunburn", "date", date(2026, 11, 11), date(2026, 11, 25)),
    ("topical_retinoids", "last_used", date(2026, 11, 18), date(2026, 11, 25)),
    ("waxing", "date", date(2026, 11, 18), date(2026, 11, 25)),
]


@pytest.mark.parametrize(("rule_id", "key", "start", "eligible"), DATED, ids=[d[0] for d in DATED])
def test_dated_deferral_boundaries(rule_id: str, key: str, start: date, eligible: date) -> None:
    record = make_record(history={rule_id: {"answer": "yes", key: start.isoformat()}})
    day_before = screen(record, date.fromordinal(eligible.toordinal() - 1), CATALOGUE)
    on_the_day = screen(record, eligible, CATALOGUE)
    day_after = screen(record, date.fromordinal(eligible.toordinal() + 1), CATALOGUE)
    assert day_before.outcome is Outcome.DEFER
    assert day_before.eligible_from == eligible
    assert rule_id not in rule_ids(on_the_day)
    assert on_the_day.outcome is Outcome.SUITABLE
    assert day_after.outcome is Outcome.SUITABLE


def test_isotretinoin_two_months_ago_defers_to_six_months_after_the_dose() -> None:
    d = decide(history={"isotretinoin": {"answer": "yes", "last_dose": "2026-09-25"}})
    assert d.outcome is Outcome.DEFER
    assert d.eligible_from == date(2027, 3, 25)


def test_month_arithmetic_clamps_to_the_end_of_a_short_month() -> None:
    record = make_record(
        consultation_date="2026-12-01",
        history={"isotretinoin": {"answer": "yes", "last_dose": "2026-08-31"}},
    )
    assert screen(record, date(2026, 12, 1), CATALOGUE).eligible_from == date(2027, 2, 28)


def test_still_taking_isotretinoin_defers_without_a_date() -> None:
    d = decide(history={"isotretinoin": {"answer": "yes", "ongoing": True}})
    assert d.outcome is Outcome.DEFER
    assert d.eligible_from is None
    assert d.open_conditions == ("6 months after your last dose",)
    assert d.complete, "the last dose is not asked while still taking it"


def test_missing_last_dose_is_reported_and_still_defers() -> None:
    d = decide(history={"isotretinoin": {"answer": "yes"}})
    assert d.outcome is Outcome.DEFER
    assert "medical_history.isotretinoin.last_dose" in d.missing


def test_latest_of_several_deferrals_wins() -> None:
    d = decide(
        history={
            "dermal_filler": {"answer": "yes", "date": "2026-11-20"},
            "chemical_peel": {"answer": "yes", "date": "2026-11-20"},
        }
    )
    assert d.eligible_from == date(2026, 12, 20)
    assert rule_ids(d) == {"dermal_filler", "chemical_peel"}


def test_open_and_dated_deferrals_are_both_reported() -> None:
    d = decide(history={"pregnant": YES, "dermal_filler": {"answer": "yes", "date": "2026-11-20"}})
    assert d.eligible_from == date(2026, 12, 4)
    assert d.open_conditions == ("after your pregnancy",)


def test_absolute_outranks_defer() -> None:
    d = decide(history={"keloid_tendency": YES, "pregnant": YES})
    assert d.outcome is Outcome.NOT_SUITABLE
    assert d.eligible_from is None


# --- surgical scars ----------------------------------------------------------------------


def surgical(surgery_date: str | None, closed: bool | None) -> dict[str, Any]:
    scar: dict[str, Any] = {"type": "surgical"}
    if surgery_date:
        scar["surgery_date"] = surgery_date
    if closed is not None:
        scar["wound_closed"] = closed
    return {"areas": [{"area": "abdomen", "scar": scar}]}


def test_surgical_scar_from_six_weeks() -> None:
    record = make_record(**surgical("2026-10-20", True))
    assert screen(record, date(2026, 11, 30), CATALOGUE).eligible_from == date(2026, 12, 1)
    assert screen(record, date(2026, 12, 1), CATALOGUE).outcome is Outcome.SUITABLE


def test_open_surgical_wound_defers_until_closed() -> None:
    d = decide(**surgical("2026-06-01", False))
    assert d.outcome is Outcome.DEFER
    assert d.eligible_from is None
    assert d.open_conditions == ("once the wound has fully closed",)


def test_surgical_scar_without_a_date_is_missing() -> None:
    d = decide(**surgical(None, True))
    assert "areas[0].scar.surgery_date" in d.missing
    assert d.outcome is Outcome.DEFER


# --- areas, materials, minors ------------------------------------------------------------


def test_area_rules_ignore_areas_not_being_treated() -> None:
    d = decide(
        history={"dermal_filler": {"answer": "yes", "date": "2026-11-20", "areas": ["upper_lip"]}}
    )
    assert d.outcome is Outcome.SUITABLE


def test_area_rules_without_areas_apply_to_every_area() -> None:
    d = decide(history={"dermal_filler": {"answer": "yes", "date": "2026-11-20"}})
    assert d.outcome is Outcome.DEFER


def test_local_rule_excludes_only_the_affected_area() -> None:
    changes, _, _ = RULE_CASES["skin_lesions"]
    d = decide(**changes)
    assert d.excluded_areas == ("chin",)
    [precaution] = d.precautions
    assert "chin" in precaution.text.lower()


def test_local_rule_over_every_area_leaves_nothing_to_treat() -> None:
    d = decide(history={"skin_lesions": {"answer": "yes", "areas": ["cheeks"]}})
    assert d.outcome is Outcome.NOT_SUITABLE
    assert d.excluded_areas == ("cheeks",)


def test_local_rule_without_areas_leaves_out_every_area() -> None:
    d = decide(history={"skin_lesions": YES})
    assert "medical_history.skin_lesions.areas" in d.missing
    assert d.outcome is Outcome.NOT_SUITABLE
    assert d.excluded_areas == ("cheeks",)


def test_nothing_left_to_treat_is_a_blocking_reason_not_a_precaution() -> None:
    d = decide(history={"skin_lesions": {"answer": "yes", "areas": ["cheeks"]}})
    [reason] = d.reasons
    assert reason.blocking
    assert d.precautions == ()


def test_deferral_for_an_area_being_left_out_still_counts() -> None:
    changes, _, _ = RULE_CASES["skin_lesions"]
    history = {
        **changes["history"],
        "dermal_filler": {"answer": "yes", "date": "2026-11-20", "areas": ["chin"]},
    }
    d = decide(history=history, areas=changes["areas"])
    assert d.outcome is Outcome.DEFER
    not_treating_chin = decide(history=history, areas=changes["areas"][:1])
    assert not_treating_chin.outcome is Outcome.SUITABLE


def test_raised_scar_is_found_from_the_scales_as_well_as_the_type() -> None:
    by_height = decide(
        areas=[
            {
                "area": "abdomen",
                "scar": {
                    "type": "surgical",
                    "surgery_date": "2026-01-01",
                    "wound_closed": True,
                    "vancouver": {
                        "vascularity": 1,
                        "pigmentation": 0,
                        "pliability": 2,
                        "height": 2,
                    },
                },
            }
        ]
    )
    assert by_height.outcome is Outcome.NOT_SUITABLE
    assert "raised_scar_in_area" in rule_ids(by_height)
    flat = decide(
        areas=[
            {
                "area": "abdomen",
                "scar": {
                    "type": "surgical",
                    "surgery_date": "2026-01-01",
                    "wound_closed": True,
                    "vancouver": {
                        "vascularity": 1,
                        "pigmentation": 0,
                        "pliability": 2,
                        "height": 1,
                    },
                },
            }
        ]
    )
    assert flat.outcome is Outcome.SUITABLE
    by_area = decide(
        areas=[
            {
                "area": "cheeks",
                "skin_thickness": "thick",
                "scar": {"type": "rolling", "goodman_baron_quantitative": {"keloidal_area_cm2": 8}},
            }
        ]
    )
    assert by_area.outcome is Outcome.NOT_SUITABLE


def test_young_open_surgical_wound_keeps_both_the_date_and_the_condition() -> None:
    d = decide(**surgical("2026-10-28", False))
    assert d.eligible_from == date(2026, 12, 9)
    assert d.open_conditions == ("once the wound has fully closed",)


def test_material_conflict_uses_the_conflict_wording() -> None:
    d = decide(history={"allergy_anaesthetic": YES}, plan={"topical_anaesthetic": True})
    [reason] = d.reasons
    assert "this plan uses it" in reason.client_text


def test_metal_allergy_is_a_precaution_when_an_allergen_free_device_exists() -> None:
    no_plan = decide(history={"allergy_metal": YES})
    assert no_plan.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS
    gold = decide(history={"allergy_metal": YES}, plan={"device": "pen_gold"})
    assert gold.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS
    steel = decide(history={"allergy_metal": YES}, plan={"device": "pen_steel"})
    assert steel.outcome is Outcome.NOT_SUITABLE


def test_anaesthetic_allergy_without_anaesthetic_is_a_precaution() -> None:
    d = decide(history={"allergy_anaesthetic": YES}, plan={"topical_anaesthetic": False})
    assert d.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS
    assert [p.rule_id for p in d.precautions] == ["allergy_anaesthetic"]


def test_under_18_with_a_consenting_guardian_needs_the_precaution() -> None:
    d = decide(
        client=MINOR, guardian={"name": "Pat Young", "relationship": "mother", "consents": True}
    )
    assert d.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS
    assert [p.rule_id for p in d.precautions] == ["under_18"]
    assert d.age == 16


def test_under_18_without_a_guardian_recorded_waits_for_one() -> None:
    d = decide(client=MINOR)
    assert d.outcome is Outcome.DEFER
    assert "guardian" in d.missing
    assert rule_ids(d) == {"under_18", "assessment_incomplete"}


def test_clinic_that_does_not_treat_minors_says_so() -> None:
    d = decide(minors_policy="not_suitable", client=MINOR)
    assert d.outcome is Outcome.NOT_SUITABLE
    [reason] = d.reasons
    assert reason.rule_id == "under_18_not_treated"
    assert "does not do this treatment for anyone under 18" in reason.client_text
    assert "guardian" not in d.missing


def test_eighteenth_birthday_is_the_boundary() -> None:
    adult_today = {**MINOR, "date_of_birth": "2008-11-25"}
    assert decide(client=adult_today).outcome is Outcome.SUITABLE
    minor_today = {**MINOR, "date_of_birth": "2008-11-26"}
    assert "under_18" in rule_ids(decide(client=minor_today))


# --- missing answers and acknowledgements --------------------------------------------------


def test_missing_answers_are_reported_never_taken_as_no() -> None:
    data = make_dict()
    del data["medical_history"]["pregnant"]
    del data["skin"]
    record = record_from_dict(data, CATALOGUE)
    d = screen(record, ON, CATALOGUE)
    assert not d.complete
    assert set(d.missing) == {"medical_history.pregnant", "skin.fitzpatrick"}
    assert d.outcome is Outcome.DEFER, "an incomplete assessment is never suitable"
    assert d.open_conditions == ("when every question has been answered",)


def test_an_empty_record_is_never_suitable() -> None:
    data = make_dict(areas=[], skin=None)
    data["medical_history"] = {}
    d = screen(record_from_dict(data, CATALOGUE), ON, CATALOGUE)
    assert d.outcome is Outcome.DEFER
    assert "areas" in d.missing


def test_acknowledged_precautions_are_marked() -> None:
    d = decide(history={"cold_sores": YES, "vitiligo": YES}, acknowledged_precautions=["vitiligo"])
    assert {p.rule_id: p.acknowledged for p in d.precautions} == {
        "cold_sores": False,
        "vitiligo": True,
    }
    assert [p.rule_id for p in d.unacknowledged] == ["cold_sores"]


def test_decision_records_the_content_version() -> None:
    assert decide().content_version == CATALOGUE.version
