"""Screening: from a consultation record to a decision, with every reason explained.

The evaluation date is a parameter: the same record and date always give the same decision.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mneedle_desktop.domain.catalogue import Catalogue, MinorsPolicy, Rule, RuleKind
from mneedle_desktop.domain.clock import age_on
from mneedle_desktop.domain.record import Answer, ConsultationRecord, HistoryAnswer
from mneedle_desktop.domain.scales import FitzpatrickResult, fitzpatrick


class Outcome(StrEnum):
    SUITABLE = "suitable"
    SUITABLE_WITH_PRECAUTIONS = "suitable_with_precautions"
    DEFER = "defer"
    NOT_SUITABLE = "not_suitable"


# How permissive each outcome is: a lower rank never becomes a higher one when a
# contraindication is added.
OUTCOME_RANK = {
    Outcome.NOT_SUITABLE: 0,
    Outcome.DEFER: 1,
    Outcome.SUITABLE_WITH_PRECAUTIONS: 2,
    Outcome.SUITABLE: 3,
}


@dataclass(frozen=True)
class Reason:
    """One rule that applies, and what it means for this client."""

    rule_id: str
    kind: RuleKind
    client_text: str
    practitioner_note: str
    source: str
    blocking: bool  # decides the outcome (False: a precaution lets treatment go ahead)
    areas: tuple[str, ...] = ()  # the treatment areas it concerns; () for the whole client
    eligible_from: date | None = None
    eligible_when: str | None = None  # for a deferral without a date
    precaution: str | None = None
    material: str | None = None


@dataclass(frozen=True)
class Precaution:
    rule_id: str
    text: str
    acknowledged: bool


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    eligible_from: date | None
    open_conditions: tuple[str, ...]  # deferrals that end when something resolves
    excluded_areas: tuple[str, ...]
    precautions: tuple[Precaution, ...]
    missing: tuple[str, ...]
    fitzpatrick: FitzpatrickResult | None
    age: int
    evaluated_on: date
    content_version: str

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def unacknowledged(self) -> tuple[Precaution, ...]:
        return tuple(p for p in self.precautions if not p.acknowledged)


def _reason(
    rule: Rule,
    *,
    blocking: bool,
    areas: tuple[str, ...] = (),
    eligible_from: date | None = None,
) -> Reason:
    return Reason(
        rule_id=rule.id,
        kind=rule.kind,
        client_text=rule.client_text,
        practitioner_note=rule.practitioner_note,
        source=rule.source,
        blocking=blocking,
        areas=areas,
        eligible_from=eligible_from,
        # A dated deferral says its date; the wording is for open-ended ones.
        eligible_when=rule.eligible_when if eligible_from is None else None,
        precaution=rule.precaution,
        material=rule.material,
    )


class _Screen:
    def __init__(self, record: ConsultationRecord, on: date, catalogue: Catalogue) -> None:
        self.record = record
        self.on = on
        self.catalogue = catalogue
        self.missing: list[str] = []
        self.reasons: list[Reason] = []
        self.treated = record.area_ids
        self.fitzpatrick = (
            fitzpatrick(record.fitzpatrick, catalogue) if record.fitzpatrick else None
        )

    def run(self) -> None:
        for qid in self.catalogue.questions:
            if qid not in self.record.medical_history:
                self.missing.append(f"medical_history.{qid}")
        if self.record.fitzpatrick is None:
            self.missing.append("skin.fitzpatrick")
        if not self.record.areas:
            self.missing.append("areas")
        for i, area in enumerate(self.record.areas):
            if area.scar is None:
                self.missing.append(f"areas[{i}].scar")
            if area.skin_thickness is None and self.catalogue.areas[area.area].depends_on_thickness:
                self.missing.append(f"areas[{i}].skin_thickness")
        for rule in self.catalogue.rules:
            self._apply(rule)

    def _apply(self, rule: Rule) -> None:
        trigger = rule.trigger
        if trigger.question is not None:
            answer = self.record.medical_history.get(trigger.question)
            if answer is not None and answer.answer is Answer.YES:
                self._question_rule(rule, answer)
        elif trigger.age_under is not None:
            self._age_rule(rule, trigger.age_under)
        elif trigger.fitzpatrick_from is not None:
            if self.fitzpatrick is not None and self.fitzpatrick.type >= trigger.fitzpatrick_from:
                self.reasons.append(_reason(rule, blocking=False))
        elif trigger.scar_types:
            areas = tuple(
                a.area for a in self.record.areas if a.scar and a.scar.type in trigger.scar_types
            )
            if areas:
                self.reasons.append(_reason(rule, blocking=True, areas=areas))
        elif trigger.surgical_scar:
            self._surgical_rule(rule)

    def _concerned_areas(self, answer: HistoryAnswer) -> tuple[str, ...] | None:
        """The treatment areas an "in the area" answer concerns: all of them when the
        answer names none; None when it names only areas not being treated."""
        named = answer.areas()
        if named is None:
            return ()
        overlap = tuple(a for a in self.treated if a in named)
        return overlap or None

    def _question_rule(self, rule: Rule, answer: HistoryAnswer) -> None:
        question = self.catalogue.questions[rule.trigger.question or ""]
        has_areas = question.follow_up("areas") is not None
        areas: tuple[str, ...] = ()
        if has_areas:
            concerned = self._concerned_areas(answer)
            if concerned is None:
                return  # it concerns skin we are not treating
            areas = concerned
        path = f"medical_history.{question.id}"
        for follow_up in question.follow_ups:
            if (
                follow_up.required
                and follow_up.id not in answer.follow_ups
                and not (follow_up.id == rule.interval_from and answer.flag("ongoing"))
            ):
                self.missing.append(f"{path}.{follow_up.id}")

        if rule.kind is RuleKind.LOCAL:
            if areas:
                self.reasons.append(_reason(rule, blocking=False, areas=areas))
            return
        if rule.kind is RuleKind.DEFER:
            self._defer(
                rule,
                areas,
                start=answer.date(rule.interval_from or ""),
                ongoing=answer.flag("ongoing"),
            )
            return
        if rule.material is not None:
            self.reasons.append(
                _reason(rule, blocking=self._material_used(rule.material), areas=areas)
            )
            return
        self.reasons.append(_reason(rule, blocking=rule.kind is RuleKind.ABSOLUTE, areas=areas))

    def _defer(
        self, rule: Rule, areas: tuple[str, ...], *, start: date | None, ongoing: bool
    ) -> None:
        if rule.interval is None or ongoing or start is None:
            # Open-ended: until healed, controlled, finished; or a date we were not given.
            self.reasons.append(_reason(rule, blocking=True, areas=areas))
            return
        eligible = rule.interval.after(start)
        if eligible > self.on:
            self.reasons.append(_reason(rule, blocking=True, areas=areas, eligible_from=eligible))

    def _age_rule(self, rule: Rule, age_under: int) -> None:
        if age_on(self.record.client.date_of_birth, self.on) >= age_under:
            return
        guardian = self.record.guardian
        allowed = (
            self.catalogue.minors_policy is MinorsPolicy.GUARDIAN_CONSENT
            and guardian is not None
            and guardian.consents
        )
        if self.catalogue.minors_policy is MinorsPolicy.GUARDIAN_CONSENT and guardian is None:
            self.missing.append("guardian")
        self.reasons.append(_reason(rule, blocking=not allowed))

    def _surgical_rule(self, rule: Rule) -> None:
        for i, area in enumerate(self.record.areas):
            scar = area.scar
            if scar is None or scar.type != "surgical":
                continue
            if scar.surgery_date is None:
                self.missing.append(f"areas[{i}].scar.surgery_date")
            if scar.wound_closed is None:
                self.missing.append(f"areas[{i}].scar.wound_closed")
            ongoing = scar.wound_closed is False
            self._defer(rule, (area.area,), start=scar.surgery_date, ongoing=ongoing)

    def _material_used(self, material: str) -> bool:
        """Whether the plan uses the material the client is allergic to (or, for needle
        metal, whether no device in the clinic's list avoids it)."""
        plan = self.record.plan
        if material == "topical_anaesthetic":
            return plan is not None and plan.topical_anaesthetic is True
        if material == "metal":
            allergenic = set(self.catalogue.allergen_materials.get("metal", ()))
            if plan is not None and plan.device is not None:
                return self.catalogue.devices[plan.device].needle_material in allergenic
            return all(d.needle_material in allergenic for d in self.catalogue.devices.values())
        return False  # a serum is chosen on the day; the precaution covers it

    def decision(self) -> Decision:
        reasons = tuple(self.reasons)
        blocking = [r for r in reasons if r.blocking]
        excluded = tuple(
            a
            for a in self.treated
            if any(r.kind is RuleKind.LOCAL and a in r.areas for r in reasons)
        )
        everything_excluded = bool(self.treated) and set(excluded) == set(self.treated)
        defers = [r for r in blocking if r.kind is RuleKind.DEFER]
        if any(r.kind is RuleKind.ABSOLUTE for r in blocking) or everything_excluded:
            outcome = Outcome.NOT_SUITABLE
        elif defers:
            outcome = Outcome.DEFER
        elif reasons:
            outcome = Outcome.SUITABLE_WITH_PRECAUTIONS
        else:
            outcome = Outcome.SUITABLE
        dated = [r.eligible_from for r in defers if r.eligible_from is not None]
        acknowledged = set(self.record.acknowledged_precautions)
        precautions = tuple(
            Precaution(r.rule_id, self._precaution_text(r), r.rule_id in acknowledged)
            for r in reasons
            if not r.blocking
        )
        return Decision(
            outcome=outcome,
            reasons=reasons,
            eligible_from=max(dated) if outcome is Outcome.DEFER and dated else None,
            open_conditions=tuple(
                r.eligible_when for r in defers if r.eligible_from is None and r.eligible_when
            )
            if outcome is Outcome.DEFER
            else (),
            excluded_areas=excluded,
            precautions=precautions,
            missing=tuple(dict.fromkeys(self.missing)),
            fitzpatrick=self.fitzpatrick,
            age=age_on(self.record.client.date_of_birth, self.on),
            evaluated_on=self.on,
            content_version=self.catalogue.version,
        )

    def _precaution_text(self, reason: Reason) -> str:
        if reason.kind is RuleKind.LOCAL:
            labels = ", ".join(self.catalogue.areas[a].label.lower() for a in reason.areas)
            return f"Leave out {labels}; refer for assessment."
        return reason.precaution or reason.practitioner_note


def screen(record: ConsultationRecord, on: date, catalogue: Catalogue) -> Decision:
    """Decide whether the client can be treated on ``on``, and explain why."""
    s = _Screen(record, on, catalogue)
    s.run()
    return s.decision()
