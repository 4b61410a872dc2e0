"""What the PDF shows, prepared from a signed record: every string ready, nothing to
compute in the layout code. The layout lives in ``export``; the words come from the
versioned content (``document.toml``, ``consent.toml``, ``aftercare.toml``) and the record."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta, timezone

from mneedle_desktop.domain.aftercare import aftercare
from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.consent import consent_sections
from mneedle_desktop.domain.intervals import long_date
from mneedle_desktop.domain.plan import PlanProposal, propose_plan
from mneedle_desktop.domain.record import ConsultationRecord, Signature
from mneedle_desktop.domain.record_json import record_hash
from mneedle_desktop.domain.scales import fitzpatrick, roman
from mneedle_desktop.domain.screening import Decision, Outcome, screen

ROLE_LABELS = {"client": "Client", "guardian": "Parent or guardian", "practitioner": "Practitioner"}
OUTCOME_LABELS = {
    Outcome.SUITABLE: "Suitable",
    Outcome.SUITABLE_WITH_PRECAUTIONS: "Suitable with precautions",
}


@dataclass(frozen=True)
class DocSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()  # label, value
    bullets: tuple[str, ...] = ()
    boxed: bool = False  # set apart (the "contact us" red flags)


@dataclass(frozen=True)
class DocSignature:
    role_label: str
    name: str
    meaning: str
    when: str  # local time with its UTC offset
    png: bytes


@dataclass(frozen=True)
class ConsultationDocument:
    title: str
    is_letter: bool
    clinic_name: str
    clinic_lines: tuple[str, ...]  # address and phone, for the header
    logo_png: bytes | None
    sections: tuple[DocSection, ...]
    signatures: tuple[DocSignature, ...]
    after_signatures: tuple[DocSection, ...]
    record_id: str
    content_version: str
    sha256: str
    creation_date: date  # from the record: the same record always gives the same bytes
    labels: Mapping[str, str]

    @property
    def check_code(self) -> str:
        digest = self.sha256[:12].upper()
        return "-".join(digest[i : i + 4] for i in range(0, 12, 4))

    def texts(self) -> list[str]:
        """Every piece of text the document prints (for checking glyph coverage)."""
        out = [self.title, self.clinic_name, *self.clinic_lines]
        for section in (*self.sections, *self.after_signatures):
            out += [section.heading, *section.paragraphs, *section.bullets]
            out += [t for row in section.rows for t in row]
        for signature in self.signatures:
            out += [signature.role_label, signature.name, signature.meaning, signature.when]
        return out


def signed_when(signature: Signature) -> str:
    """ "25 November 2026, 10:30 (UTC+00:00)": the signer's local time and its offset."""
    offset = signature.utc_offset_minutes
    local = signature.signed_at.astimezone(timezone(timedelta(minutes=offset)))
    sign = "+" if offset >= 0 else "-"
    return (
        f"{long_date(local.date())}, {local:%H:%M} "
        f"(UTC{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d})"
    )


def build_document(
    record: ConsultationRecord, catalogue: Catalogue, clinic: ClinicProfile | None
) -> ConsultationDocument:
    """The consent and aftercare document, or a one-page letter for a deferral or a
    not-suitable outcome."""
    decision = screen(record, record.consultation_date, catalogue)
    client = record.client
    labels = catalogue.document.labels
    rows = [
        (labels["name"], f"{client.given_name} {client.family_name}"),
        (labels["date_of_birth"], long_date(client.date_of_birth)),
        (labels["consultation_date"], long_date(record.consultation_date)),
    ]
    if record.practitioner is not None:
        p = record.practitioner
        rows.append(
            (labels["practitioner"], f"{p.full_name}, {p.profession}, {p.registration_number}")
        )
    client_section = DocSection(catalogue.document.headings["client"], rows=tuple(rows))
    if decision.outcome in (Outcome.DEFER, Outcome.NOT_SUITABLE):
        return _letter(record, catalogue, clinic, decision, client_section)
    plan = propose_plan(record, decision, catalogue)
    sections = [
        client_section,
        _assessment(record, catalogue, decision),
        *([_plan(record, catalogue, plan)] if record.plan is not None else []),
        *_consent(record, catalogue, clinic, plan),
    ]
    signatures = tuple(
        DocSignature(
            ROLE_LABELS[s.role.value],
            s.name,
            s.meaning,
            signed_when(s) + (" (typed with the keyboard)" if s.typed else ""),
            s.png,
        )
        for s in record.signatures
    )
    return _document(
        record,
        catalogue,
        clinic,
        catalogue.document.title,
        False,
        sections,
        signatures,
        _aftercare(record, catalogue, clinic, decision, plan),
    )


def _letter(
    record: ConsultationRecord,
    catalogue: Catalogue,
    clinic: ClinicProfile | None,
    decision: Decision,
    client_section: DocSection,
) -> ConsultationDocument:
    letter = catalogue.document.letter
    intro = letter["defer"] if decision.outcome is Outcome.DEFER else letter["not_suitable"]
    reasons = tuple(r.client_text for r in decision.reasons if r.blocking)
    after = []
    if decision.outcome is Outcome.DEFER:
        if decision.eligible_from is not None:
            after.append(letter["eligible_from"].format(date=long_date(decision.eligible_from)))
        after += [letter["eligible_when"].format(when=w) for w in decision.open_conditions]
    after.append(letter["closing"])
    sections = [
        client_section,
        DocSection("", (intro,), bullets=reasons),
        DocSection("", tuple(after)),
    ]
    return _document(
        record, catalogue, clinic, catalogue.document.letter_title, True, sections, (), ()
    )


def _assessment(record: ConsultationRecord, catalogue: Catalogue, decision: Decision) -> DocSection:
    labels = catalogue.document.labels
    findings = []
    for qid, answer in record.medical_history.items():
        if answer.answer.value != "yes":
            continue
        dates = [
            f"{key.replace('_', ' ')} {long_date(value)}"
            for key, value in answer.follow_ups.items()
            if isinstance(value, date)
        ]
        text = catalogue.question_text(qid)
        findings.append(text + (f" ({'; '.join(dates)})" if dates else ""))
    rows = []
    if record.fitzpatrick is not None:
        fitz = fitzpatrick(record.fitzpatrick, catalogue)
        how = (
            f"questionnaire score {fitz.score}"
            if fitz.score is not None
            else "set by the practitioner"
        )
        rows.append((labels["skin_type"], f"Type {roman(fitz.type)} ({how})"))
    for area in record.areas:
        if area.scar is not None:
            scar = catalogue.scar_types[area.scar.type].label
            rows.append((catalogue.areas[area.area].label, scar))
    # Each question answered yes, as asked, under a label that says what it is (a bare
    # question under the precautions read as one of them).
    rows += [(labels["history_yes"], finding) for finding in findings]
    rows.append((labels["decision"], OUTCOME_LABELS[decision.outcome]))
    rows += [(labels["precautions"], p.text) for p in decision.precautions if p.acknowledged]
    return DocSection(catalogue.document.headings["assessment"], rows=tuple(rows))


def _plan(record: ConsultationRecord, catalogue: Catalogue, plan: PlanProposal) -> DocSection:
    labels = catalogue.document.labels
    choice = record.plan
    assert choice is not None
    yes, no = labels["yes"], labels["no"]
    rows = [
        (labels["sessions"], str(plan.sessions)),
        (labels["interval"], f"{plan.interval_weeks} weeks"),
        (labels["device"], catalogue.devices[choice.device].label if choice.device else ""),
        (labels["anaesthetic"], yes if choice.topical_anaesthetic else no),
        (labels["test_patch"], yes if choice.test_patch else no),
    ]
    rows += [
        (f"{labels['depth']}, {a.label.lower()}", f"{a.chosen_mm:g} mm")
        for a in plan.areas
        if a.chosen_mm is not None
    ]
    if plan.next_session is not None:
        rows.append((labels["next_session"], long_date(plan.next_session)))
    return DocSection(catalogue.document.headings["plan"], rows=tuple(rows))


def _consent(
    record: ConsultationRecord,
    catalogue: Catalogue,
    clinic: ClinicProfile | None,
    plan: PlanProposal,
) -> list[DocSection]:
    headings, labels = catalogue.document.headings, catalogue.document.labels
    wording = catalogue.consent
    consent = record.consent
    sections = consent_sections(record, plan, catalogue, clinic)
    paragraphs = [f"{heading}. {text}" for heading, text in sections]
    version = consent.version if consent else wording.version
    out = [DocSection(f"{headings['consent']} ({version})", tuple(paragraphs))]
    if consent is not None:
        agreed, not_agreed = labels["agreed"], labels["not_agreed"]
        statements = (
            *(
                (s.text, agreed if consent.statements.get(s.id) else not_agreed)
                for s in wording.statements
            ),
            (wording.electronic_signature, agreed if consent.electronic_signature else not_agreed),
        )
        out.append(DocSection(headings["statements"], rows=statements))
        yes, no = labels["yes"], labels["no"]
        out.append(
            DocSection(
                headings["photos"],
                rows=(
                    (wording.photo_clinical, yes if consent.photo_clinical else no),
                    (wording.photo_marketing, yes if consent.photo_marketing else no),
                ),
            )
        )
    return out


def _aftercare(
    record: ConsultationRecord,
    catalogue: Catalogue,
    clinic: ClinicProfile | None,
    decision: Decision,
    plan: PlanProposal,
) -> tuple[DocSection, ...]:
    sheet = aftercare(record, decision, plan, catalogue)
    sections = [DocSection(part.title, bullets=part.items) for part in sheet.sections]
    phone = clinic.phone if clinic else ""
    labels = catalogue.document.labels
    sections.append(
        DocSection(
            catalogue.document.headings["contact"],
            paragraphs=(labels["phone"].format(phone=phone),) if phone else (),
            bullets=sheet.contact,
            boxed=True,
        )
    )
    return tuple(sections)


def _document(
    record: ConsultationRecord,
    catalogue: Catalogue,
    clinic: ClinicProfile | None,
    title: str,
    is_letter: bool,
    sections: list[DocSection],
    signatures: tuple[DocSignature, ...],
    after: tuple[DocSection, ...],
) -> ConsultationDocument:
    lines: list[str] = []
    if clinic is not None:
        lines += [line.strip() for line in clinic.address.splitlines() if line.strip()]
        if clinic.phone:
            lines.append(clinic.phone)
    return ConsultationDocument(
        title=title,
        is_letter=is_letter,
        clinic_name=clinic.name if clinic else "",
        clinic_lines=tuple(lines),
        logo_png=clinic.logo_png if clinic else None,
        sections=tuple(sections),
        signatures=signatures,
        after_signatures=after,
        record_id=record.record_id,
        content_version=record.content_version or catalogue.version,
        sha256=record_hash(record),
        creation_date=record.consultation_date,
        labels=catalogue.document.labels,
    )
