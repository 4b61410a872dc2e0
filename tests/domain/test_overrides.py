from datetime import date

import pytest

from mneedle_desktop.domain.catalogue import MinorsPolicy
from mneedle_desktop.domain.intervals import Interval, IntervalUnit
from mneedle_desktop.domain.overrides import apply_overrides
from mneedle_desktop.domain.screening import Outcome, screen
from mneedle_desktop.domain.toml_reader import ContentError
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_record

SHORTER = """\
# Our clinic follows the 2017 ASDS consensus.
[rules.isotretinoin]
interval = { months = 3 }
practitioner_note = "Clinic policy: 3 months after the last dose."

[policy]
minors = "not_suitable"
"""


def test_override_changes_the_interval_wording_policy_and_version() -> None:
    c = apply_overrides(CATALOGUE, SHORTER, "clinical-overrides.toml")
    rule = c.rule("isotretinoin")
    assert rule.interval == Interval(3, IntervalUnit.MONTHS)
    assert rule.practitioner_note == "Clinic policy: 3 months after the last dose."
    assert rule.client_text == CATALOGUE.rule("isotretinoin").client_text
    assert c.minors_policy is MinorsPolicy.NOT_SUITABLE
    assert c.version.startswith(CATALOGUE.version + "+clinic.")
    assert c.version != apply_overrides(CATALOGUE, SHORTER + "\n# edited\n", "x").version


def test_override_changes_the_decision() -> None:
    record = make_record(history={"isotretinoin": {"answer": "yes", "last_dose": "2026-07-25"}})
    assert screen(record, CONSULTATION_DATE, CATALOGUE).outcome is Outcome.DEFER
    clinic = apply_overrides(CATALOGUE, SHORTER, "clinical-overrides.toml")
    decision = screen(record, CONSULTATION_DATE, clinic)
    assert decision.outcome is Outcome.SUITABLE
    assert decision.content_version == clinic.version
    assert screen(record, date(2026, 10, 24), clinic).eligible_from == date(2026, 10, 25)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[rules.isotretinion]\ninterval = { months = 3 }\n",
            "overrides.toml, line 1: rules.isotretinion: is not a rule id of this content version",
        ),
        (
            "[rules.dermal_filler]\n\ninterval = { weeks = -2 }\n",
            "overrides.toml, line 3: rules.dermal_filler.interval.weeks: cannot be negative",
        ),
        (
            "[rules.waxing]\nclient_text = 7\n",
            "overrides.toml, line 2: rules.waxing.client_text: should be text, not int",
        ),
        (
            "[rules.waxing]\ninterval = { days = 3, weeks = 1 }\n",
            "overrides.toml, line 2: rules.waxing.interval: should give exactly one of days, "
            "weeks or months",
        ),
        (
            "[rules.waxing]\ninterval = { fortnights = 1 }\n",
            "overrides.toml, line 2: rules.waxing.interval.fortnights: is not a known setting here",
        ),
        (
            "[rules.cold_sores]\ninterval = { days = 3 }\n",
            "overrides.toml, line 2: rules.cold_sores.interval: "
            "this rule has no interval to change",
        ),
        (
            '[rules.waxing]\nkind = "caution"\n',
            "overrides.toml, line 2: rules.waxing.kind: is not a known setting here",
        ),
        (
            '[policy]\nminors = "sometimes"\n',
            "overrides.toml, line 2: policy.minors: should be guardian_consent or not_suitable",
        ),
        ("[rules.waxing\n", "overrides.toml, line 1: is not valid TOML"),
    ],
)
def test_bad_overrides_name_the_file_line_and_key(text: str, message: str) -> None:
    with pytest.raises(ContentError) as info:
        apply_overrides(CATALOGUE, text, "overrides.toml")
    assert str(info.value).startswith(message)


def test_bundled_content_is_unchanged_by_an_override() -> None:
    apply_overrides(CATALOGUE, SHORTER, "x")
    assert CATALOGUE.rule("isotretinoin").interval == Interval(6, IntervalUnit.MONTHS)
