"""Aftercare instructions by time window, tailored to the client and the plan."""

from dataclasses import dataclass

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.intervals import long_date
from mneedle_desktop.domain.plan import PlanProposal
from mneedle_desktop.domain.record import Answer, ConsultationRecord
from mneedle_desktop.domain.screening import Decision

FITZPATRICK_IV = 4


@dataclass(frozen=True)
class AftercareSection:
    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class AftercareSheet:
    sections: tuple[AftercareSection, ...]
    contact_title: str
    contact: tuple[str, ...]


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def aftercare(
    record: ConsultationRecord, decision: Decision, plan: PlanProposal, catalogue: Catalogue
) -> AftercareSheet:
    cold_sores = record.medical_history.get("cold_sores")
    conditions = {
        "cold_sores": cold_sores is not None and cold_sores.answer is Answer.YES,
        "fitzpatrick_iv_vi": decision.fitzpatrick is not None
        and decision.fitzpatrick.type >= FITZPATRICK_IV,
        "next_session": plan.sessions > 1 and plan.next_session is not None,
    }
    areas = [a.label.lower() for a in plan.areas] or ["skin"]
    depths = [a.chosen_mm for a in plan.areas if a.chosen_mm is not None] or [
        a.recommended.max_mm for a in plan.areas if a.recommended is not None
    ]
    deepest = max(depths) if depths else None
    downtime = next(
        (d.text for d in catalogue.downtime if deepest is not None and deepest <= d.max_mm),
        catalogue.downtime[-1].text if catalogue.downtime else "a few days",
    )
    values = {
        "areas": _join_words(areas),
        "depth": f"{deepest:g} mm" if deepest is not None else "the depth used",
        "downtime": downtime,
        "next_session": long_date(plan.next_session) if plan.next_session else "",
    }
    sections = []
    for window in catalogue.aftercare_windows:
        items = tuple(
            item.text.format(**values)
            for item in window.items
            if item.when is None or conditions.get(item.when, False)
        )
        sections.append(AftercareSection(window.id, window.title, items))
    return AftercareSheet(
        tuple(sections), catalogue.aftercare_contact_title, catalogue.aftercare_contact
    )
