"""Client records in: packages exported by ``client_export`` (folders or zips) and single
record files. Idempotent by id (importing twice adds nothing); a record that conflicts with
one here is refused; one transaction: all of it or none of it.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.client_package import (
    ConsultationEntry,
    PackageError,
    manifest_from_dict,
)
from mneedle_desktop.domain.clients import Client, ClientDetails, validate_client
from mneedle_desktop.domain.clock import Clock, parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.ids import ClientId, DeviceId
from mneedle_desktop.domain.record import ConsultationRecord, SignatureRole
from mneedle_desktop.domain.record_json import (
    RecordError,
    canonical_json,
    record_from_dict,
    record_hash,
    record_to_dict,
)
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.consultations import ConsultationService, summary_data
from mneedle_desktop.services.package_files import (
    MAX_MEMBER_BYTES,
    PackageReader,
    load_json,
)
from mneedle_desktop.storage.consultation_rows import ConsultationRow
from mneedle_desktop.storage.store import Session, Store

log = logging.getLogger(__name__)
ENTITY = "client"


class ImportRefusedError(ValueError):
    """Nothing was imported; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("Nothing was imported. " + " ".join(problems))


@dataclass
class ImportReport:
    clients_added: int = 0
    clients_already_here: int = 0
    consultations_added: int = 0
    already_here: int = 0  # consultations that were here, identical
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Incoming:
    """One consultation read from outside, checked, ready to store."""

    entry: ConsultationEntry
    record: ConsultationRecord
    pdf: bytes | None


@dataclass(frozen=True)
class _IncomingClient:
    source: str  # the file it came from, for messages
    client_id: str
    details: ClientDetails
    created_at: str
    updated_at: str
    consultations: tuple[_Incoming, ...]


class ClientImportService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        acting: Acting,
        consultations: ConsultationService,
    ) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting
        self._consultations = consultations

    def import_paths(self, paths: list[Path]) -> ImportReport:
        """Import packages (folders or zips) and single record files, all in one
        transaction. Raises ``ImportRefusedError`` (nothing imported) for anything that
        cannot be read or conflicts with a record here."""
        account = self._acting.require()
        incoming: list[_IncomingClient] = []
        problems: list[str] = []
        for path in paths:
            try:
                incoming.append(self._read(path))
            except PackageError as e:
                problems.extend(f"{path.name}: {p}." for p in e.problems)
            except RecordError as e:
                problems.extend(f"{path.name}: {p}." for p in e.problems)
            except ValidationError as e:
                problems.extend(f"{path.name}: {x.field} {x.message}" for x in e.errors)
        if problems:
            raise ImportRefusedError(problems)
        report = ImportReport()
        with self._store.write() as s:
            for client in incoming:
                problems.extend(self._store_client(s, client, report, account.id))
            if problems:
                raise ImportRefusedError(problems)  # rolls the whole import back
        log.info(
            "import: %d client(s), %d consultation(s) added",
            report.clients_added,
            report.consultations_added,
        )
        return report

    def _read(self, path: Path) -> _IncomingClient:
        if path.is_file() and path.suffix.lower() == ".json":
            if path.stat().st_size > MAX_MEMBER_BYTES:
                raise PackageError(["the file is too large to be a record"])
            data = load_json(path.read_bytes(), path.name)
            if isinstance(data, dict) and data.get("format") == "mneedle-consultation":
                return self._single_record(data, path.name)
            return self._package(PackageReader(path.parent), data, path.parent.name)
        if not path.exists():
            raise PackageError(["there is no such file or folder"])
        reader = PackageReader(path)
        return self._package(reader, reader.manifest(), path.name)

    def _package(self, reader: PackageReader, data: Any, source: str) -> _IncomingClient:
        manifest = manifest_from_dict(data)
        details = validate_client(manifest.details, self._consultations.today())
        self._not_in_future(
            [manifest.exported_at, manifest.created_at, manifest.updated_at]
            + [t for e in manifest.consultations for t in _times(e)]
        )
        consultations = []
        for entry in manifest.consultations:
            raw = load_json(reader.read(entry.record_file), entry.record_file)
            record = record_from_dict(raw, self._consultations.catalogue)
            pdf = reader.read(entry.document_file) if entry.document_file else None
            consultations.append(self._check(entry, record, pdf, manifest.client_id, details))
        return _IncomingClient(
            source,
            manifest.client_id,
            details,
            manifest.created_at,
            manifest.updated_at,
            tuple(consultations),
        )

    def _not_in_future(self, times: list[str]) -> None:
        # A day's grace for a laptop whose clock is a little ahead.
        latest = self._clock.now() + timedelta(days=1)
        if any(parse_utc_timestamp(t) > latest for t in times if t):
            raise PackageError(["a time in the package is in the future"])

    def _check(
        self,
        entry: ConsultationEntry,
        record: ConsultationRecord,
        pdf: bytes | None,
        cid: str,
        details: ClientDetails,
    ) -> _Incoming:
        where = entry.record_file
        problems = []
        if record.record_id != entry.record_id:
            problems.append(f"{where} holds record {record.record_id}, not {entry.record_id}")
        c = record.client
        if c.id != cid or (c.family_name, c.given_name, c.date_of_birth) != (
            details.family_name,
            details.given_name,
            details.date_of_birth,
        ):
            problems.append(f"{where} is about another person than the package's client")
        if record.consultation_date > self._consultations.today():
            problems.append(f"{where} is dated in the future")
        if entry.state == "closed":
            if record_hash(record) != entry.record_hash:
                problems.append(f"{where} was changed after it was signed (its hash differs)")
            problems.extend(f"{where}: {p}" for p in self._signing_problems(record, entry))
        if pdf is not None and hashlib.sha256(pdf).hexdigest() != entry.document_sha256:
            problems.append(f"{entry.document_file} was changed after it was made")
        if problems:
            raise PackageError(problems)
        return _Incoming(entry, record, pdf)

    def _signing_problems(self, record: ConsultationRecord, entry: ConsultationEntry) -> list[str]:
        """What makes a record listed as signed not a signed record."""
        problems = []
        outcome = self._consultations.assess(record).decision.outcome
        if outcome.value != entry.outcome:
            problems.append(
                f"it is listed as {entry.outcome} but its answers screen as {outcome.value}"
            )
        if outcome in (Outcome.SUITABLE, Outcome.SUITABLE_WITH_PRECAUTIONS) and (
            record.practitioner is None
            or record.consent is None
            or record.signature(SignatureRole.CLIENT) is None
            or record.signature(SignatureRole.PRACTITIONER) is None
        ):
            problems.append("it lacks the client's consent or a signature")
        return problems

    def _single_record(self, data: Any, source: str) -> _IncomingClient:
        """A lone record file: its client (names and date of birth only) and the record, as
        a draft. A signed record comes only inside its client-record package, with its
        document and times."""
        record = record_from_dict(data, self._consultations.catalogue)
        if record.practitioner is not None or record.signatures or record.content_version:
            raise PackageError(
                [
                    "a signed record can be imported only inside the client-record package "
                    "it was exported in"
                ]
            )
        if record.consultation_date > self._consultations.today():
            raise PackageError(["the record is dated in the future"])
        c = record.client
        details = validate_client(
            ClientDetails(c.family_name, c.given_name, c.date_of_birth),
            self._consultations.today(),
        )
        now = utc_timestamp(self._clock.now())
        entry = ConsultationEntry(
            record_id=record.record_id,
            state="draft",
            outcome=None,
            page=0,
            content_version=None,
            record_hash=None,
            created_at=now,
            updated_at=now,
            closed_at=None,
            closed_by=None,
            document_sha256=None,
        )
        return _IncomingClient(source, c.id, details, now, now, (_Incoming(entry, record, None),))

    def _store_client(
        self, s: Session, incoming: _IncomingClient, report: ImportReport, actor: str
    ) -> list[str]:
        problems = []
        cid = ClientId(incoming.client_id)
        erased = s.erasure.erased_at(cid)
        if erased is not None:
            return [
                f"{incoming.source}: this client was erased here on {erased[:10]} at their "
                "request; their records are not brought back."
            ]
        if s.erasure.requested_at(cid) is not None:
            return [
                f"{incoming.source}: this client asked to be erased here; nothing is added to "
                "their records."
            ]
        here = s.clients.get(cid)
        if here is None:
            s.clients.insert(
                Client(
                    id=cid,
                    details=incoming.details,
                    created_at=parse_utc_timestamp(incoming.created_at),
                    updated_at=parse_utc_timestamp(incoming.updated_at),
                    device_id=DeviceId(s.device_id),
                )
            )
            s.record(AuditEvent(actor, AuditAction.CREATE, ENTITY, cid, "imported"))
            report.clients_added += 1
        elif _identity(here.details) != _identity(incoming.details):
            return [
                f"{incoming.source}: the client {cid} here is another person (name or date of "
                "birth differ)."
            ]
        else:
            report.clients_already_here += 1
        if here is not None and here.details != incoming.details:
            report.notes.append(
                f"{incoming.source}: the client is already here with other contact details; "
                "the details here were kept."
            )
        for item in incoming.consultations:
            problem = self._store_consultation(s, cid, item, report, actor)
            if problem:
                problems.append(f"{incoming.source}: {problem}")
        return problems

    def _store_consultation(
        self, s: Session, cid: ClientId, item: _Incoming, report: ImportReport, actor: str
    ) -> str | None:
        e = item.entry
        here = s.consultations.get(e.record_id)
        if here is not None:
            assert here.record is not None
            same = (
                here.client_id == cid
                and here.state == e.state
                and canonical_json(record_from_dict(here.record, self._consultations.catalogue))
                == canonical_json(item.record)
            )
            if not same:
                kind = "a signed record" if here.state == "closed" else "a draft"
                return (
                    f"consultation {e.record_id} conflicts with {kind} here with the same id "
                    "(or with another file of this import); nothing is replaced."
                )
            # Already here: nothing is added to it, neither a document nor notes.
            report.already_here += 1
            return None
        if s.consultations.id_taken(e.record_id):
            return f"consultation {e.record_id} was discarded here; it is not brought back."
        taken = s.consultations.addendum_ids_taken([a.id for a in e.addenda])
        if taken:
            return f"consultation {e.record_id} has notes whose ids are used here."
        s.consultations.insert(_row(cid, item), device_id=s.device_id)
        s.record(AuditEvent(actor, AuditAction.CREATE, "consultation", e.record_id, "imported"))
        report.consultations_added += 1
        if item.pdf is not None and e.state == "closed":
            s.documents.put(e.record_id, item.pdf, hashlib.sha256(item.pdf).hexdigest(), at=s.at)
        for a in e.addenda:
            s.consultations.add_addendum(
                a.id, e.record_id, a.text, a.author, at=a.created_at, device_id=s.device_id
            )
            s.record(
                AuditEvent(actor, AuditAction.ADDENDUM, "consultation", e.record_id, "imported")
            )
        return None


def _identity(d: ClientDetails) -> tuple[str, str, object]:
    return (d.family_name, d.given_name, d.date_of_birth)


def _times(e: ConsultationEntry) -> list[str]:
    return [e.created_at, e.updated_at, e.closed_at or "", *(a.created_at for a in e.addenda)]


def _row(cid: ClientId, item: _Incoming) -> ConsultationRow:
    e = item.entry
    return ConsultationRow(
        id=e.record_id,
        client_id=cid,
        state=e.state,
        summary=summary_data(item.record, Outcome(e.outcome) if e.outcome else None),
        record=record_to_dict(item.record),
        page=e.page,
        content_version=e.content_version,
        record_hash=e.record_hash,
        created_at=e.created_at,
        updated_at=e.updated_at,
        closed_at=e.closed_at,
        closed_by=e.closed_by,
    )
