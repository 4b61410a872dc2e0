"""Consultation use cases: start, save the draft, screen, close, and add addenda."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.clinic import validate_practitioner
from mneedle_desktop.domain.clock import Clock, parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.consent import consent_problems
from mneedle_desktop.domain.consultations import (
    Addendum,
    Consultation,
    ConsultationState,
    ConsultationSummary,
    status_of,
)
from mneedle_desktop.domain.file_names import file_name_part
from mneedle_desktop.domain.ids import ClientId, new_uuid
from mneedle_desktop.domain.record import (
    RECORD_FORMAT_VERSION,
    ClientInfo,
    ConsultationRecord,
    SignatureRole,
    SigningPractitioner,
)
from mneedle_desktop.domain.record_json import record_from_dict, record_hash, record_to_dict
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.domain.validation import FieldError, ValidationError
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.documents import render_pdf
from mneedle_desktop.services.files import write_atomically
from mneedle_desktop.services.screening import Assessment, assess
from mneedle_desktop.storage.consultation_rows import ConsultationRow
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)
ENTITY = "consultation"


class ConsultationNotFoundError(LookupError):
    def __init__(self, consultation_id: str) -> None:
        super().__init__("That consultation is no longer in the store.")
        self.consultation_id = consultation_id


class NotReadyError(ValueError):
    """The consultation cannot be closed yet; ``reasons`` says what is still needed."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = tuple(reasons)


def summary_data(record: ConsultationRecord, outcome: Outcome | None) -> dict[str, object]:
    return {
        "date": record.consultation_date.isoformat(),
        "outcome": outcome.value if outcome else None,
    }


class ConsultationService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        acting: Acting,
        catalogue: Callable[[], Catalogue],
    ) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting
        self._catalogue = catalogue

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue()

    def today(self) -> date:
        return self._clock.now().astimezone().date()

    # --- reading ----------------------------------------------------------------------

    def _consultation(self, row: ConsultationRow) -> Consultation:
        assert row.record is not None
        outcome = row.summary.get("outcome")
        return Consultation(
            id=row.id,
            client_id=ClientId(row.client_id),
            state=ConsultationState(row.state),
            record=record_from_dict(row.record, self.catalogue),
            page=row.page,
            outcome=Outcome(outcome) if outcome else None,
            created_at=parse_utc_timestamp(row.created_at),
            updated_at=parse_utc_timestamp(row.updated_at),
            closed_at=parse_utc_timestamp(row.closed_at) if row.closed_at else None,
            closed_by=row.closed_by,
            content_version=row.content_version,
            record_hash=row.record_hash,
        )

    @staticmethod
    def summary_of(row: ConsultationRow) -> ConsultationSummary:
        outcome = row.summary.get("outcome")
        state = ConsultationState(row.state)
        return ConsultationSummary(
            id=row.id,
            client_id=ClientId(row.client_id),
            consultation_date=date.fromisoformat(str(row.summary["date"])),
            status=status_of(state, Outcome(outcome) if outcome else None),
            outcome=Outcome(outcome) if outcome else None,
            updated_at=parse_utc_timestamp(row.updated_at),
        )

    def history(self, client_id: ClientId) -> list[ConsultationSummary]:
        """A client's consultations, newest first."""
        with self._store.read() as s:
            rows = s.consultations.summaries(client_id)
        summaries = [self.summary_of(r) for r in rows]
        return sorted(summaries, key=lambda c: (c.consultation_date, c.updated_at), reverse=True)

    def drafts(self) -> list[ConsultationSummary]:
        """Every unfinished consultation (offered for resuming at sign-in)."""
        with self._store.read() as s:
            rows = s.consultations.drafts()
        return [self.summary_of(r) for r in rows]

    def open(self, consultation_id: str) -> Consultation:
        """Fetch a consultation to continue or to read; the view is audited."""
        actor = self._acting.require().id
        with self._store.write() as s:
            row = s.consultations.get(consultation_id)
            if row is None:
                raise ConsultationNotFoundError(consultation_id)
            s.record(AuditEvent(actor, AuditAction.VIEW, ENTITY, consultation_id))
        return self._consultation(row)

    def addenda(self, consultation_id: str) -> list[Addendum]:
        with self._store.read() as s:
            rows = s.consultations.addenda(consultation_id)
        return [
            Addendum(a, consultation_id, text, author, parse_utc_timestamp(at))
            for a, text, author, at in rows
        ]

    # --- writing ----------------------------------------------------------------------

    def start(self, client_id: ClientId) -> Consultation:
        actor = self._acting.require().id
        with self._store.read() as s:
            client = s.clients.get(client_id)
            erasing = s.erasure.requested_at(client_id) is not None
        born = client.details.date_of_birth if client else None
        if client is None or born is None:
            raise LookupError("That client is no longer in the store.")
        if erasing:
            raise PermissionError(
                "This client asked to be erased: no new consultation can be started."
            )
        d = client.details
        record = ConsultationRecord(
            record_id=new_uuid(),
            consultation_date=self.today(),
            client=ClientInfo(client.id, d.family_name, d.given_name, born),
        )
        now = utc_timestamp(self._clock.now())
        row = ConsultationRow(
            id=record.record_id,
            client_id=client.id,
            state=ConsultationState.DRAFT.value,
            summary=summary_data(record, None),
            record=record_to_dict(record),
            page=0,
            content_version=None,
            record_hash=None,
            created_at=now,
            updated_at=now,
            closed_at=None,
            closed_by=None,
        )
        with self._store.write() as s:
            s.consultations.insert(row, device_id=s.device_id)
            s.record(AuditEvent(actor, AuditAction.CREATE, ENTITY, row.id, f"client {client.id}"))
        log.info("consultation started %s", row.id)
        return self._consultation(row)

    def save_draft(
        self,
        consultation: Consultation,
        record: ConsultationRecord,
        page: int,
        *,
        audit: bool = False,
    ) -> Consultation:
        """Store the draft as it stands. ``audit`` records an update entry (the wizard asks
        for one when the practitioner changes page, not for every autosave)."""
        actor = self._acting.require().id
        if not consultation.editable:
            raise PermissionError("A signed consultation cannot be changed; add an addendum.")
        now = self._clock.now()
        row = ConsultationRow(
            id=consultation.id,
            client_id=consultation.client_id,
            state=ConsultationState.DRAFT.value,
            summary=summary_data(record, None),
            record=record_to_dict(record),
            page=page,
            content_version=None,
            record_hash=None,
            created_at=utc_timestamp(consultation.created_at),
            updated_at=utc_timestamp(now),
            closed_at=None,
            closed_by=None,
        )
        with self._store.write() as s:
            s.consultations.update(row, device_id=s.device_id)
            if audit:
                s.record(
                    AuditEvent(actor, AuditAction.UPDATE, ENTITY, consultation.id, f"page {page}")
                )
        return replace(consultation, record=record, page=page, updated_at=now)

    def discard(self, consultation: Consultation) -> None:
        actor = self._acting.require().id
        with self._store.write() as s:
            s.consultations.discard_draft(consultation.id, at=s.at)
            s.record(AuditEvent(actor, AuditAction.DELETE, ENTITY, consultation.id, "draft"))

    def assess(self, record: ConsultationRecord, on: date | None = None) -> Assessment:
        return assess(record, on or record.consultation_date, self.catalogue)

    def close_without_treatment(self, consultation: Consultation) -> Consultation:
        """A deferral or a not-suitable outcome, signed by the practitioner: the record is
        closed with its content version and hash, and can no longer be edited."""
        account = self._acting.require()
        assessment = self.assess(consultation.record)
        decision = assessment.decision
        problems = []
        if decision.outcome not in (Outcome.DEFER, Outcome.NOT_SUITABLE):
            problems.append("Only a deferral or a not-suitable outcome closes without consent.")
        if decision.missing and decision.outcome is not Outcome.NOT_SUITABLE:
            problems.append("Answer every question first.")
        try:
            validate_practitioner(account.profile)
        except ValidationError as e:
            problems.append(
                "Your profile needs a profession and registration number before you sign "
                f"({e.errors[0].message})"
            )
        if problems:
            raise NotReadyError(problems)
        p = account.profile
        signed = replace(
            consultation.record,
            practitioner=SigningPractitioner(
                account.id, p.full_name, p.profession, p.registration_number
            ),
            content_version=self.catalogue.version,
            format_version=RECORD_FORMAT_VERSION,
        )
        return self._close(replace(consultation, record=signed), decision.outcome, account.id)

    def sign_consent(self, consultation: Consultation, record: ConsultationRecord) -> Consultation:
        """The client's consent and the practitioner's countersignature: the record is
        completed with the signing practitioner and the content version, then closed."""
        account = self._acting.require()
        try:
            profile = validate_practitioner(account.profile)
        except ValidationError as e:
            raise NotReadyError([f"Your profile needs {e.errors[0].message.lower()}"]) from None
        practitioner_signature = record.signature(SignatureRole.PRACTITIONER)
        if practitioner_signature is not None and practitioner_signature.name != profile.full_name:
            raise NotReadyError(["The countersignature must be the signed-in practitioner's."])
        signed = replace(
            record,
            practitioner=SigningPractitioner(
                account.id, profile.full_name, profile.profession, profile.registration_number
            ),
            content_version=self.catalogue.version,
            format_version=RECORD_FORMAT_VERSION,
        )
        assessment = self.assess(signed)
        problems = consent_problems(signed, assessment.decision, assessment.plan, self.catalogue)
        if problems:
            raise NotReadyError(problems)
        consultation = replace(consultation, record=signed)
        return self._close(consultation, assessment.decision.outcome, account.id)

    def _close(self, consultation: Consultation, outcome: Outcome, actor: str) -> Consultation:
        now = self._clock.now()
        digest = record_hash(consultation.record)
        row = ConsultationRow(
            id=consultation.id,
            client_id=consultation.client_id,
            state=ConsultationState.CLOSED.value,
            summary=summary_data(consultation.record, outcome),
            record=record_to_dict(consultation.record),
            page=consultation.page,
            content_version=self.catalogue.version,
            record_hash=digest,
            created_at=utc_timestamp(consultation.created_at),
            updated_at=utc_timestamp(now),
            closed_at=utc_timestamp(now),
            closed_by=actor,
        )
        closed = self._consultation(row)
        # The document is made now, from the record as signed and the content it was
        # signed under, and kept: exporting again later gives these same bytes.
        pdf = self._render_at_signing(closed)
        with self._store.write() as s:
            s.consultations.update(row, device_id=s.device_id)
            s.record(AuditEvent(actor, AuditAction.SIGN, ENTITY, consultation.id, outcome.value))
            if pdf is not None:
                s.documents.put(consultation.id, pdf, hashlib.sha256(pdf).hexdigest(), at=s.at)
        log.info("consultation closed %s", consultation.id)
        return closed

    def _render(self, consultation: Consultation) -> bytes:
        """The consultation's PDF, made now from its record and the clinic's details."""
        with self._store.read() as s:
            clinic = s.clinic.clinic()
        return render_pdf(consultation.record, self.catalogue, clinic.profile if clinic else None)

    def _render_at_signing(self, consultation: Consultation) -> bytes | None:
        """``_render``, or None when it fails: signing never depends on the PDF, and the
        export, which tries again, says why."""
        try:
            return self._render(consultation)
        except Exception as e:
            # The type only: a message may quote the record.
            log.error("document not made at signing for %s: %s", consultation.id, type(e).__name__)
            return None

    def export_pdf(self, consultation: Consultation, path: Path) -> str:
        """Write the signed consultation's PDF to ``path`` atomically; its SHA-256 is stored
        with the record and in the audit log. Returns the hash."""
        account = self._acting.require()
        pdf = self.document(consultation)
        write_atomically(path, pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        with self._store.write() as s:
            s.consultations.set_pdf_hash(consultation.id, digest)
            s.record(
                AuditEvent(
                    account.id, AuditAction.EXPORT, ENTITY, consultation.id, f"pdf sha256 {digest}"
                )
            )
        return digest

    def document(self, consultation: Consultation) -> bytes:
        """The signed consultation's PDF as kept. Made and kept now only when none was:
        signed before documents were kept, or the PDF could not be made at signing."""
        self._acting.require()
        if consultation.editable:
            raise PermissionError("Only a signed consultation has a document.")
        with self._store.read() as s:
            kept = s.documents.get(consultation.id)
        if kept is not None:
            return kept
        pdf = self._render(consultation)
        with self._store.write() as s:
            s.documents.put(consultation.id, pdf, hashlib.sha256(pdf).hexdigest(), at=s.at)
        return pdf

    def pdf_hash(self, consultation_id: str) -> str | None:
        with self._store.read() as s:
            return s.consultations.pdf_hash(consultation_id)

    def pdf_name(self, consultation: Consultation) -> str:
        """The date and the record id; the client's name too when the clinic chose it."""
        with self._store.read() as s:
            clinic = s.clinic.clinic()
        day = consultation.record.consultation_date.isoformat()
        client = consultation.record.client
        with_name = clinic is not None and clinic.profile.name_in_file_names
        name = file_name_part(f"{client.family_name} {client.given_name}") if with_name else ""
        return f"consultation-{day}-{name + '-' if name else ''}{consultation.id[:8]}.pdf"

    def add_addendum(self, consultation: Consultation, text: str) -> Addendum:
        account = self._acting.require()
        if consultation.editable:
            raise PermissionError("Addenda are for signed consultations; edit the draft.")
        body = text.strip()
        if not body:
            raise ValidationError([FieldError("addendum", "Write the addendum first.")])
        addendum_id = new_uuid()
        with self._store.write() as s:
            if s.erasure.requested_at(consultation.client_id) is not None:
                raise PermissionError(
                    "This client asked to be erased: their records are kept read-only until "
                    "the retention period ends, and no note can be added."
                )
            s.consultations.add_addendum(
                addendum_id, consultation.id, body, account.id, at=s.at, device_id=s.device_id
            )
            s.record(AuditEvent(account.id, AuditAction.ADDENDUM, ENTITY, consultation.id))
            at = s.at
        return Addendum(addendum_id, consultation.id, body, account.id, parse_utc_timestamp(at))
