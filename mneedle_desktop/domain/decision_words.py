"""The screening's findings in the practitioner's words: rule titles instead of ids, and
the questions still to answer by name instead of by their place in the record."""

import re

from mneedle_desktop.domain.catalogue import Catalogue, RuleKind
from mneedle_desktop.domain.record import ConsultationRecord
from mneedle_desktop.domain.screening import Reason

_AREA_FIELDS = {
    "scar": "scar type",
    "skin_thickness": "skin thickness",
    "scar.surgery_date": "date of the surgery",
    "scar.wound_closed": "whether the wound has fully closed",
}
_TOP_FIELDS = {
    "skin.fitzpatrick": "Skin type (Fitzpatrick)",
    "areas": "Areas to treat",
    "guardian": "Parent or guardian's details",
    "guardian.consents": "Whether the parent or guardian agrees",
}
_AREA_PATH = re.compile(r"areas\[(\d+)\]\.(.+)")


def rule_title(rule_id: str, catalogue: Catalogue) -> str:
    try:
        title = catalogue.rule(rule_id).title
    except KeyError:
        title = ""
    return title or rule_id.replace("_", " ").capitalize()


def kind_words(reason: Reason) -> str:
    """What a finding means for today: a rule that would refuse or defer but does not (a
    minor with a guardian's agreement, an allergy to a material not used) is a precaution."""
    if reason.kind is RuleKind.LOCAL:
        return "Leave the area out"
    if not reason.blocking:
        return "Precaution"
    return {RuleKind.ABSOLUTE: "Not suitable", RuleKind.DEFER: "Not now"}.get(
        reason.kind, "Precaution"
    )


def missing_words(path: str, record: ConsultationRecord, catalogue: Catalogue) -> str:
    """A missing answer's record path (``medical_history.isotretinoin.last_dose``) as the
    question a practitioner sees on the form."""
    if path in _TOP_FIELDS:
        return _TOP_FIELDS[path]
    if path.startswith("medical_history."):
        qid, _, follow_up_id = path.removeprefix("medical_history.").partition(".")
        question = catalogue.questions.get(qid)
        if question is None:
            return path
        follow_up = question.follow_up(follow_up_id) if follow_up_id else None
        text = catalogue.question_text(qid)  # as asked: "{interval}" filled in
        return f"{text} ({follow_up.label})" if follow_up else text
    match = _AREA_PATH.fullmatch(path)
    if match:
        index, field = int(match[1]), match[2]
        area_id = record.areas[index].area if index < len(record.areas) else ""
        area = catalogue.areas.get(area_id)
        label = area.label if area else f"Area {index + 1}"
        return f"{label}: {_AREA_FIELDS.get(field, field.replace('_', ' '))}"
    return path
