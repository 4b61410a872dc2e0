"""An assessment as JSON-ready data and as plain text, for the ``screen`` command."""

from typing import Any

from mneedle_desktop.domain.catalogue import Catalogue, RuleKind
from mneedle_desktop.domain.intervals import long_date
from mneedle_desktop.domain.scales import roman
from mneedle_desktop.domain.screening import Outcome, Reason
from mneedle_desktop.services.screening import Assessment

OUTCOME_WORDS = {
    Outcome.SUITABLE: "Suitable",
    Outcome.SUITABLE_WITH_PRECAUTIONS: "Suitable with precautions",
    Outcome.DEFER: "Not now",
    Outcome.NOT_SUITABLE: "Not suitable",
}


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def report_dict(a: Assessment) -> dict[str, Any]:
    d = a.decision
    out: dict[str, Any] = {
        "record_id": a.record.record_id,
        "evaluated_on": d.evaluated_on.isoformat(),
        "content_version": d.content_version,
        "outcome": d.outcome.value,
        "complete": d.complete,
        "missing": list(d.missing),
        "eligible_from": _iso(d.eligible_from),
        "open_conditions": list(d.open_conditions),
        "age": d.age,
        "reasons": [
            {
                "rule_id": r.rule_id,
                "kind": r.kind.value,
                "blocking": r.blocking,
                "areas": list(r.areas),
                "eligible_from": _iso(r.eligible_from),
                "open_ended": r.open_ended,
                "eligible_when": r.eligible_when,
                "precaution": r.precaution,
                "material": r.material,
                "client_text": r.client_text,
                "practitioner_note": r.practitioner_note,
                "source": r.source,
            }
            for r in d.reasons
        ],
        "excluded_areas": list(d.excluded_areas),
        "precautions": [
            {"rule_id": p.rule_id, "text": p.text, "acknowledged": p.acknowledged}
            for p in d.precautions
        ],
        "fitzpatrick": None
        if d.fitzpatrick is None
        else {
            "type": d.fitzpatrick.type,
            "roman": roman(d.fitzpatrick.type),
            "method": d.fitzpatrick.method.value,
            "score": d.fitzpatrick.score,
        },
        "scales": [{"area": area, **scores.__dict__} for area, scores in a.scores],
        "plan": None,
        "aftercare": None,
    }
    if a.plan is not None:
        p = a.plan
        out["plan"] = {
            "indications": list(p.indications),
            "sessions": p.sessions,
            "sessions_min": p.sessions_min,
            "sessions_max": p.sessions_max,
            "interval_weeks": p.interval_weeks,
            "interval_weeks_min": p.interval_weeks_min,
            "interval_weeks_max": p.interval_weeks_max,
            "earliest_start": _iso(p.earliest_start),
            "next_session": _iso(p.next_session),
            "device": p.device.id if p.device else None,
            "areas": [
                {
                    "area": ap.area,
                    "recommended_mm": None
                    if ap.recommended is None
                    else {"min": ap.recommended.min_mm, "max": ap.recommended.max_mm},
                    "chosen_mm": ap.chosen_mm,
                    "note": ap.note,
                }
                for ap in p.areas
            ],
            "warnings": [
                {"id": w.id, "text": w.text, "acknowledged": w.acknowledged} for w in p.warnings
            ],
            "notes": list(p.notes),
        }
    if a.aftercare is not None:
        out["aftercare"] = {
            "sections": [
                {"id": s.id, "title": s.title, "items": list(s.items)} for s in a.aftercare.sections
            ],
            "contact_title": a.aftercare.contact_title,
            "contact": list(a.aftercare.contact),
        }
    return out


def outcome_line(a: Assessment) -> str:
    d = a.decision
    if d.outcome is Outcome.DEFER:
        if d.eligible_from is not None:
            line = f"Not now: eligible from {long_date(d.eligible_from)}"
            if d.open_conditions:
                line += ", and " + "; ".join(d.open_conditions)
            return line
        return "Not now: " + "; ".join(d.open_conditions or ("when the reasons below resolve",))
    return OUTCOME_WORDS[d.outcome]


def _effect(r: Reason, catalogue: Catalogue) -> str:
    """What a reason does, in a few words: its kind, its areas and its consequence."""
    where = ", ".join(catalogue.areas[x].label for x in r.areas)
    kind = f"absolute for {r.material.replace('_', ' ')}" if r.material else r.kind.value
    if r.kind is RuleKind.LOCAL:
        return f"local: leave out {where}" + ("; nothing left to treat" if r.blocking else "")
    parts = [kind] + ([where] if where else [])
    if r.kind is RuleKind.DEFER:
        if r.eligible_from:
            parts.append(f"until {r.eligible_from.isoformat()}")
        if r.open_ended and r.eligible_when:
            parts.append(f"client told: {r.eligible_when}")
    elif r.blocking and r.material:
        parts.append("the plan uses it")
    elif not r.blocking:
        parts.append("precaution to acknowledge")
    return "; ".join(parts)


def report_text(a: Assessment, catalogue: Catalogue) -> str:
    d = a.decision
    lines = [f"Decision: {outcome_line(a)}"]
    open_items = []
    if d.unacknowledged:
        open_items.append(f"{len(d.unacknowledged)} precaution(s) to acknowledge")
    if a.plan is not None and a.plan.unacknowledged:
        open_items.append(f"{len(a.plan.unacknowledged)} plan warning(s) to acknowledge")
    if open_items and d.outcome is not Outcome.NOT_SUITABLE:
        lines.append("Before treatment: " + "; ".join(open_items) + ".")
    if not d.complete:
        lines.append(f"INCOMPLETE: {len(d.missing)} answer(s) missing; the decision may change.")
        lines += [f"  missing: {m}" for m in d.missing]
    lines.append(f"Evaluated on {d.evaluated_on.isoformat()}, content version {d.content_version}")
    lines.append(f"Age: {d.age}")
    if d.fitzpatrick:
        lines.append(f"Fitzpatrick: {d.fitzpatrick.label}")
    if d.reasons:
        lines.append("Reasons:")
        for r in d.reasons:
            lines.append(f"  - {r.rule_id} ({_effect(r, catalogue)})")
            lines.append(f"      {r.practitioner_note}")
            lines.append(f"      Source: {r.source}")
    if d.excluded_areas:
        labels = ", ".join(catalogue.areas[x].label for x in d.excluded_areas)
        lines.append(f"Areas left out: {labels}")
    if d.precautions:
        lines.append("Precautions to acknowledge:")
        for p in d.precautions:
            mark = "x" if p.acknowledged else " "
            lines.append(f"  [{mark}] {p.rule_id}: {p.text}")
    for area, s in a.scores:
        parts = []
        if s.goodman_baron_qualitative is not None:
            parts.append(f"Goodman & Baron grade {s.goodman_baron_qualitative}")
        if s.goodman_baron_quantitative is not None:
            parts.append(f"Goodman & Baron score {s.goodman_baron_quantitative}/84")
        if s.vancouver is not None:
            parts.append(f"Vancouver {s.vancouver}/13")
        if s.posas_observer is not None:
            parts.append(f"POSAS observer {s.posas_observer}/60")
        if s.posas_patient is not None:
            parts.append(f"POSAS patient {s.posas_patient}/60")
        if parts:
            lines.append(f"Scales, {catalogue.areas[area].label}: " + "; ".join(parts))
            sources = [
                source
                for present, source in (
                    (s.goodman_baron_qualitative is not None, catalogue.gb_qualitative_source),
                    (s.goodman_baron_quantitative is not None, catalogue.gb_quantitative_source),
                    (s.vancouver is not None, catalogue.vancouver_source),
                    (
                        s.posas_observer is not None or s.posas_patient is not None,
                        catalogue.posas_source,
                    ),
                )
                if present
            ]
            lines += [f"      Source: {source}" for source in sources]
    if a.plan is not None:
        plan = a.plan
        if plan.sessions_max is None:
            usual = f"{plan.sessions_min} or more"
        elif plan.sessions_max == plan.sessions_min:
            usual = f"{plan.sessions_min}"
        else:
            usual = f"{plan.sessions_min} to {plan.sessions_max}"
        start = (
            plan.earliest_start.isoformat()
            if plan.earliest_start
            else "when the deferral above ends"
        )
        lines.append(
            f"Plan: {plan.sessions} sessions (usual {usual}), "
            f"{plan.interval_weeks} weeks apart, from {start}"
        )
        for ap in plan.areas:
            rec = ap.recommended.describe() if ap.recommended else "skin thickness needed"
            chosen = f", chosen {ap.chosen_mm:g} mm" if ap.chosen_mm is not None else ""
            lines.append(f"  {ap.label}: depth {rec}{chosen}")
        for w in plan.warnings:
            mark = "x" if w.acknowledged else " "
            lines.append(f"  [{mark}] warning: {w.text}")
        lines += [f"  Note: {n}" for n in plan.notes]
    return "\n".join(lines)
