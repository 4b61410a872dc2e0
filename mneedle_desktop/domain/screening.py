"""Screening: from a consultation record to a decision, with every reason explained.

The evaluation date is a parameter: the same record and date always give the same decision.
"""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from mneedle_desktop.domain.catalogue import Catalogue, Rule, RuleKind
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
    eligible_from: date | None = None  # a deferral's date
    open_ended: bool = False  # a deferral that (also) lasts until something resolves
    eligible_when: str | None = None  # when an open-ended deferral ends, in words
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

    def reason(
        self,
        rule: Rule,
        *,
        blocking: bool,
        areas: tuple[str, ...] = (),
        eligible_from: date | None = None,
        open_ended: bool = False,
        conflict: bool = False,
    ) -> None:
        text = rule.conflict_text if conflict and rule.conflict_text else rule.client_text
        self.reasons.append(
            Reason(
                rule_id=rule.id,
                kind=rule.kind,
                client_text=rule.words(text),
                practitioner_note=rule.words(rule.practitioner_note),
                source=rule.source,
                blocking=blocking,
                areas=areas,
                eligible_from=eligible_from,
                open_ended=open_ended,
                eligible_when=rule.words(rule.eligible_when) if rule.eligible_when else None,
                precaution=rule.words(rule.precaution) if rule.precaution else None,
                material=rule.material,
            )
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
        incomplete_rules = []
        for rule in self.catalogue.rules:
            if rule.trigger.incomplete:
                incomplete_rules.append(rule)
            else:
                self._apply(rule)
        if self.missing:
            for rule in incomplete_rules:
                self.reason(rule, blocking=True, open_ended=True)

    def _apply(self, rule: Rule) -> None:
        trigger = rule.trigger
        if trigger.question is not None:
            answer = self.record.medical_history.get(trigger.question)
            if answer is not None and answer.answer is Answer.YES:
                self._question_rule(rule, answer)
        elif trigger.age_under is not None:
            self._age_rule(rule, trigger.age_under, trigger.minors_policy)
        elif trigger.fitzpatrick_from is not None:
            if self.fitzpatrick is not None and self.fitzpatrick.type >= trigger.fitzpatrick_from:
                self.reason(rule, blocking=False)
        elif trigger.scar_evidence:
            self._scar_rule(rule)
        elif trigger.surgical_scar:
            self._surgical_rule(rule)

    def _concerned_areas(self, answer: HistoryAnswer) -> tuple[str, ...] | None:
        """The treatment areas an "in the area" answer concerns: every one when the
        answer names none; None when it names only areas not being treated."""
        named = answer.areas()
        if named is None:
            return self.treated
        overlap = tuple(a for a in self.treated if a in named)
        return overlap or None

    def _question_rule(self, rule: Rule, answer: HistoryAnswer) -> None:
        question = self.catalogue.questions[rule.trigger.question or ""]
        areas: tuple[str, ...] = ()
        if question.follow_up("areas") is not None:
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
            self.reason(rule, blocking=False, areas=areas)
        elif rule.kind is RuleKind.DEFER:
            self._defer(
                rule,
                areas,
                start=answer.date(rule.interval_from or ""),
                open_ended=answer.flag("ongoing"),
            )
        elif rule.material is not None:
            used = self._material_used(rule.material)
            self.reason(rule, blocking=used, areas=areas, conflict=used)
        else:
            self.reason(rule, blocking=rule.kind is RuleKind.ABSOLUTE, areas=areas)

    def _defer(
        self, rule: Rule, areas: tuple[str, ...], *, start: date | None, open_ended: bool
    ) -> None:
        """A deferral to the start date plus the interval (if still ahead), and/or until
        the condition resolves (no interval, ongoing, or the date not given)."""
        eligible = None
        if rule.interval is not None and start is not None:
            eligible = rule.interval.after(start)
            if eligible <= self.on:
                eligible = None
        open_ended = open_ended or rule.interval is None or start is None
        if eligible is not None or open_ended:
            self.reason(
                rule, blocking=True, areas=areas, eligible_from=eligible, open_ended=open_ended
            )

    def _age_rule(self, rule: Rule, age_under: int, policy: str | None) -> None:
        if policy is not None and policy != self.catalogue.minors_policy.value:
            return
        if age_on(self.record.client.date_of_birth, self.on) >= age_under:
            return
        if rule.precaution is None:
            self.reason(rule, blocking=True)  # the clinic does not treat minors
            return
        guardian = self.record.guardian
        if guardian is None:
            self.missing.append("guardian")
        elif guardian.consents is None:
            self.missing.append("guardian.consents")
        self.reason(rule, blocking=guardian is not None and guardian.consents is False)

    def _scar_rule(self, rule: Rule) -> None:
        trigger = rule.trigger
        areas = []
        for area in self.record.areas:
            scar = area.scar
            if scar is None:
                continue
            by_type = scar.type in trigger.scar_types
            height = scar.vancouver.get("height") if scar.vancouver else None
            by_height = (
                trigger.vancouver_height_from is not None
                and height is not None
                and height >= trigger.vancouver_height_from
            )
            gb = scar.goodman_baron_quantitative
            by_area = trigger.keloidal_area and gb is not None and gb.keloidal_area_cm2 is not None
            if by_type or by_height or by_area:
                areas.append(area.area)
        if areas:
            self.reason(rule, blocking=rule.kind is not RuleKind.CAUTION, areas=tuple(areas))

    def _surgical_rule(self, rule: Rule) -> None:
        for i, area in enumerate(self.record.areas):
            scar = area.scar
            if scar is None or scar.type != "surgical":
                continue
            if scar.surgery_date is None:
                self.missing.append(f"areas[{i}].scar.surgery_date")
                continue  # the incomplete assessment defers until it is given
            if scar.wound_closed is None:
                self.missing.append(f"areas[{i}].scar.wound_closed")
            self._defer(
                rule, (area.area,), start=scar.surgery_date, open_ended=scar.wound_closed is False
            )

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
        excluded = tuple(
            a
            for a in self.treated
            if any(r.kind is RuleKind.LOCAL and a in r.areas for r in self.reasons)
        )
        nothing_left = bool(self.treated) and set(excluded) == set(self.treated)
        # Leaving every area out leaves nothing to treat: then a local rule decides. Other
        # rules about an area being left out still count (conservative, and so adding a
        # finding never makes a decision more permissive); an area not to be treated at
        # all is taken out of the record's areas instead.
        reasons = [
            _with_blocking(r, nothing_left) if r.kind is RuleKind.LOCAL else r for r in self.reasons
        ]
        blocking = [r for r in reasons if r.blocking]
        defers = [r for r in blocking if r.kind is RuleKind.DEFER]
        if any(r.kind in (RuleKind.ABSOLUTE, RuleKind.LOCAL) for r in blocking):
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
        deferred = outcome is Outcome.DEFER
        return Decision(
            outcome=outcome,
            reasons=tuple(reasons),
            eligible_from=max(dated) if deferred and dated else None,
            open_conditions=tuple(
                dict.fromkeys(r.eligible_when for r in defers if r.open_ended and r.eligible_when)
            )
            if deferred
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


def _with_blocking(reason: Reason, blocking: bool) -> Reason:
    return replace(reason, blocking=blocking)


def screen(record: ConsultationRecord, on: date, catalogue: Catalogue) -> Decision:
    """Decide whether the client can be treated on ``on``, and explain why."""
    s = _Screen(record, on, catalogue)
    s.run()
    return s.decision()
