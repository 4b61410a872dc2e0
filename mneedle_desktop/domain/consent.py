"""When a consultation is ready to be signed for treatment, and what is still missing."""

import hashlib
import json

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.clinic import DEFAULT_RETENTION_YEARS, ClinicProfile
from mneedle_desktop.domain.clock import age_on
from mneedle_desktop.domain.plan import PlanProposal
from mneedle_desktop.domain.record import ConsultationRecord, SignatureRole, Stroke
from mneedle_desktop.domain.screening import Decision, Outcome

MIN_SIGNATURE_POINTS = 10
MIN_SIGNATURE_SPAN = 40.0  # pixels of the pad, across or down
ADULT_AGE = 18


def signature_problem(strokes: tuple[Stroke, ...]) -> str | None:
    """Why these strokes are not a signature (empty, a dot, a tiny mark), or None."""
    points = [p for stroke in strokes for p in stroke]
    if not points:
        return "Sign in the box first."
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    if len(points) < MIN_SIGNATURE_POINTS or span < MIN_SIGNATURE_SPAN:
        return "That is too small to be a signature. Clear it and sign again."
    return None


def consent_sections(
    record: ConsultationRecord,
    plan: PlanProposal | None,
    catalogue: Catalogue,
    clinic: ClinicProfile | None,
) -> tuple[tuple[str, str], ...]:
    """The consent wording's sections (heading, text) with this client's plan and the
    clinic's name and record keeping filled in: the one text the client reads on screen and
    the PDF prints."""
    areas = [catalogue.areas[a.area].label.lower() for a in record.areas]
    values = {
        "sessions": str(plan.sessions) if plan else "",
        "interval": f"{plan.interval_weeks} weeks" if plan else "",
        "areas": ", ".join(areas[:-1]) + " and " + areas[-1] if len(areas) > 1 else "".join(areas),
        "clinic": (clinic.name if clinic else "") or "The clinic",
        "years": str(clinic.retention_years if clinic else DEFAULT_RETENTION_YEARS),
    }
    out = []
    for section in catalogue.consent.sections:
        text = section.text
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        out.append((section.heading, text))
    return tuple(out)


def consent_fingerprint(
    record: ConsultationRecord, plan: PlanProposal | None, catalogue: Catalogue
) -> str:
    """A digest of what the client agrees to: the consent wording's version, the planned
    sessions and interval, and the areas. Signing compares it with the one recorded when
    the client signed: a plan changed since then voids the consent."""
    data = {
        "version": catalogue.consent.version,
        "sessions": plan.sessions if plan else None,
        "interval_weeks": plan.interval_weeks if plan else None,
        "areas": sorted(record.area_ids),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def consent_problems(
    record: ConsultationRecord,
    decision: Decision,
    plan: PlanProposal | None,
    catalogue: Catalogue,
) -> list[str]:
    """Everything that stops this record from being signed for treatment, in words."""
    problems: list[str] = []
    if decision.missing:
        problems.append("Some assessment questions are not answered.")
    if decision.outcome not in (Outcome.SUITABLE, Outcome.SUITABLE_WITH_PRECAUTIONS):
        problems.append("The screening does not allow treatment.")
    if decision.unacknowledged:
        problems.append("Some precautions are not acknowledged.")
    choice = record.plan
    if (
        plan is None
        or choice is None
        or choice.device is None
        or choice.topical_anaesthetic is None
        or choice.test_patch is None
    ):
        problems.append("The plan is not complete.")
    elif plan.unacknowledged:
        problems.append("Some plan warnings are not accepted.")
    consent = record.consent
    if consent is None or consent.version != catalogue.consent.version:
        problems.append("The client has not gone through the consent.")
    elif consent.fingerprint != consent_fingerprint(record, plan, catalogue):
        problems.append(
            "The plan changed after the client agreed to it: the client must read the "
            "consent and sign again."
        )
    else:
        if not consent.read_to_end:
            problems.append("The consent has not been read to the end.")
        if any(not consent.statements.get(s.id, False) for s in catalogue.consent.statements):
            problems.append("The client has not agreed to every statement.")
        if not consent.electronic_signature:
            problems.append("The client has not agreed to sign electronically.")
        if consent.photo_clinical is None or consent.photo_marketing is None:
            problems.append("The photograph questions are not answered.")
    minor = age_on(record.client.date_of_birth, record.consultation_date) < ADULT_AGE
    needed = [SignatureRole.CLIENT, SignatureRole.PRACTITIONER]
    if minor:
        needed.insert(1, SignatureRole.GUARDIAN)
    for role in needed:
        signature = record.signature(role)
        if signature is None:
            problems.append(f"The {role.value}'s signature is missing.")
        elif signature_problem(signature.strokes):
            problems.append(f"The {role.value}'s signature is not valid.")
    return problems
