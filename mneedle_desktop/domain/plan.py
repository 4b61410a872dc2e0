"""The proposed course: sessions, interval, start date and needle depth per area.

Depth ranges come from the content (manufacturers' charts, by area and skin thickness),
narrowed to their lower half for darker skin types, and never above the device's labelled
maximum. A depth the practitioner enters outside the range is a warning to acknowledge;
above the device's maximum it is refused when the record is read.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mneedle_desktop.domain.catalogue import Area, Catalogue, CourseRule, DepthRange, Device
from mneedle_desktop.domain.record import ConsultationRecord, SkinThickness
from mneedle_desktop.domain.screening import Decision, Outcome

AREA_WARNINGS = ("depth_outside_range", "device_too_shallow")
PLAN_WARNINGS = ("sessions_outside_range", "interval_outside_range", "test_patch_skipped")


def is_warning_id(warning_id: str, area_ids: set[str]) -> bool:
    """Whether ``warning_id`` is one the plan can raise (for acknowledgements). Ids carry
    the value warned about (``depth_outside_range:cheeks:2.5``), so accepting one value
    never accepts another."""
    kind, _, rest = warning_id.partition(":")
    if kind in PLAN_WARNINGS:
        return True
    area = rest.split(":", 1)[0]
    return kind in AREA_WARNINGS and area in area_ids


@dataclass(frozen=True)
class AreaPlan:
    area: str
    label: str
    recommended: DepthRange | None  # None when the skin thickness is not yet recorded
    chosen_mm: float | None
    note: str = ""


@dataclass(frozen=True)
class PlanWarning:
    id: str
    text: str
    acknowledged: bool


@dataclass(frozen=True)
class PlanProposal:
    indications: tuple[str, ...]
    sessions_min: int
    sessions_max: int | None  # None: "or more"
    sessions: int
    interval_weeks_min: int
    interval_weeks_max: int
    interval_weeks: int
    earliest_start: date | None  # None while a deferral waits on something to resolve
    next_session: date | None
    device: Device | None
    areas: tuple[AreaPlan, ...]
    warnings: tuple[PlanWarning, ...]
    notes: tuple[str, ...]

    @property
    def unacknowledged(self) -> tuple[PlanWarning, ...]:
        return tuple(w for w in self.warnings if not w.acknowledged)


def depth_range(
    area: Area, thickness: SkinThickness | None, fitzpatrick_type: int | None, catalogue: Catalogue
) -> DepthRange | None:
    """The recommended depth for ``area``: by skin thickness where that matters, and the
    lower half of the range for Fitzpatrick types from the content's threshold up."""
    base: DepthRange | None
    if area.depth is not None:
        base = area.depth
    elif thickness is SkinThickness.THIN:
        base = area.depth_thin
    elif thickness is SkinThickness.THICK:
        base = area.depth_thick
    else:
        return None
    if base is None:
        return None
    if fitzpatrick_type is not None and fitzpatrick_type >= catalogue.conservative_from_fitzpatrick:
        midpoint = round((base.min_mm + base.max_mm) / 2, 2)
        return DepthRange(base.min_mm, midpoint)
    return base


def _course_for(indications: list[str], catalogue: Catalogue) -> CourseRule:
    """The most demanding course among the areas' indications."""
    rules = [catalogue.courses[i] for i in indications if i in catalogue.courses]
    if not rules:
        return catalogue.courses["other"]
    return max(
        rules,
        key=lambda c: (c.sessions_max is None, c.sessions_max or c.sessions_min, c.sessions_min),
    )


def propose_plan(
    record: ConsultationRecord, decision: Decision, catalogue: Catalogue
) -> PlanProposal:
    fitz_type = decision.fitzpatrick.type if decision.fitzpatrick else None
    indications: list[str] = []
    grades: list[int] = []
    surgery_dates: list[date] = []
    type_notes: list[str] = []
    for assessed in record.areas:
        scar = assessed.scar
        if scar is None:
            continue
        scar_type = catalogue.scar_types[scar.type]
        if scar_type.indication not in indications:
            indications.append(scar_type.indication)
        if scar_type.plan_note and scar_type.plan_note not in type_notes:
            type_notes.append(scar_type.plan_note)
        if scar.goodman_baron_qualitative is not None:
            grades.append(scar.goodman_baron_qualitative)
        if scar.type == "surgical" and scar.surgery_date is not None:
            surgery_dates.append(scar.surgery_date)

    course = _course_for(indications, catalogue)
    notes: list[str] = ([course.note] if course.note else []) + type_notes
    if course.sessions_by_grade and grades:
        sessions = course.sessions_by_grade[max(grades) - 1]
    else:
        sessions = course.sessions_min
    darker = fitz_type is not None and fitz_type >= catalogue.extra_sessions_from_fitzpatrick
    if darker:
        sessions += catalogue.extra_sessions
        notes.append(
            "Darker skin type: one more session than usual, at the conservative end of depth."
        )
    if course.sessions_max is not None:
        sessions = min(sessions, course.sessions_max)

    start: date | None = record.consultation_date
    if decision.outcome is Outcome.DEFER:
        if decision.open_conditions:
            start = None  # not bookable until the open conditions resolve
        elif decision.eligible_from is not None:
            start = max(record.consultation_date, decision.eligible_from)
    if start is not None and course.start_after_weeks_min is not None:
        for operated in surgery_dates:
            start = max(start, operated + timedelta(weeks=course.start_after_weeks_min))

    plan = record.plan
    device = catalogue.devices.get(plan.device) if plan and plan.device else None
    chosen_interval = plan.interval_weeks if plan and plan.interval_weeks else None
    interval = chosen_interval or course.interval_weeks_default or course.interval_weeks_min
    warnings: list[PlanWarning] = []
    acknowledged = set(plan.acknowledged_warnings) if plan else set()

    def warn(warning_id: str, text: str) -> None:
        warnings.append(PlanWarning(warning_id, text, warning_id in acknowledged))

    area_plans: list[AreaPlan] = []
    for area_assessment in record.areas:
        area = catalogue.areas[area_assessment.area]
        if area.id in decision.excluded_areas:
            continue
        recommended = depth_range(area, area_assessment.skin_thickness, fitz_type, catalogue)
        chosen = plan.depths_mm.get(area.id) if plan else None
        note = ""
        if device is not None and device.fixed_depth:
            chosen = device.max_depth_mm  # a roller treats at its needle length
        elif (
            device is not None
            and recommended is not None
            and device.max_depth_mm < recommended.max_mm
        ):
            note = f"The device reaches {device.max_depth_mm:g} mm at most."
            if device.max_depth_mm < recommended.min_mm:
                warn(
                    f"device_too_shallow:{area.id}:{device.id}",
                    f"{area.label}: the device reaches {device.max_depth_mm:g} mm at most, "
                    f"below the recommended {recommended.describe()}.",
                )
            recommended = DepthRange(
                recommended.min_mm, max(recommended.min_mm, device.max_depth_mm)
            )
        if chosen is not None and recommended is not None and not recommended.contains(chosen):
            warn(
                f"depth_outside_range:{area.id}:{chosen:g}",
                f"{area.label}: {chosen:g} mm is outside the recommended {recommended.describe()}.",
            )
        area_plans.append(AreaPlan(area.id, area.label, recommended, chosen, note))

    if plan and plan.sessions is not None:
        upper = course.sessions_max
        if plan.sessions < course.sessions_min or (upper is not None and plan.sessions > upper):
            span = f"{course.sessions_min}-{upper}" if upper else f"{course.sessions_min} or more"
            warn(
                f"sessions_outside_range:{plan.sessions}",
                f"{plan.sessions} sessions is outside the usual {span}.",
            )
        sessions = plan.sessions
    if chosen_interval is not None and not (
        course.interval_weeks_min <= chosen_interval <= course.interval_weeks_max
    ):
        warn(
            f"interval_outside_range:{chosen_interval}",
            f"{chosen_interval} weeks apart is outside the usual "
            f"{course.interval_weeks_min}-{course.interval_weeks_max} weeks.",
        )

    patch_rules = {rule.id: rule for rule in catalogue.rules if rule.plan_requires == "test_patch"}
    wanting_patch = [
        patch_rules[r.rule_id].title or r.rule_id
        for r in decision.reasons
        if r.rule_id in patch_rules
    ]
    if plan and plan.test_patch is False and wanting_patch:
        warn(
            "test_patch_skipped",
            "No test patch, although the screening asks for one "
            f"({'; '.join(dict.fromkeys(wanting_patch))}).",
        )

    return PlanProposal(
        indications=tuple(indications),
        sessions_min=course.sessions_min,
        sessions_max=course.sessions_max,
        sessions=sessions,
        interval_weeks_min=course.interval_weeks_min,
        interval_weeks_max=course.interval_weeks_max,
        interval_weeks=interval,
        earliest_start=start,
        next_session=None if start is None else start + timedelta(weeks=interval),
        device=device,
        areas=tuple(area_plans),
        warnings=tuple(warnings),
        notes=tuple(notes),
    )
