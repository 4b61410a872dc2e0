"""A client's whole record out, for data-access and portability requests: the client's
details, every consultation in the documented record format, the signed documents and the
notes, as a folder or a zip (``domain/client_package``).
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mneedle_desktop import __version__
from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.client_package import (
    AddendumEntry,
    ConsultationEntry,
    PackageManifest,
    document_member,
    manifest_to_dict,
    record_member,
)
from mneedle_desktop.domain.clock import Clock, utc_timestamp
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.consultations import ConsultationService
from mneedle_desktop.services.package_files import (
    write_package,
)
from mneedle_desktop.storage.consultation_rows import ConsultationRow
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)
ENTITY = "client"


@dataclass(frozen=True)
class ExportReport:
    path: Path
    consultations: int
    documents: int


class ClientExportService:
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

    def export_client(self, client_id: ClientId, destination: Path) -> ExportReport:
        """Write the client's package to ``destination`` (a new folder, or ``.zip``)."""
        account = self._acting.require()
        with self._store.read() as s:
            client = s.clients.get(client_id)
            if client is None:
                raise LookupError(f"There is no client with the id {client_id}.")
            rows = [s.consultations.get(r.id) for r in s.consultations.summaries(client_id)]
            addenda = {r.id: s.consultations.addenda(r.id) for r in rows if r is not None}
        files: dict[str, bytes] = {}
        entries = []
        for row in sorted((r for r in rows if r is not None), key=lambda r: r.created_at):
            assert row.record is not None
            files[record_member(row.id)] = _pretty(row.record)
            pdf = None
            if row.state == "closed":
                pdf = self._consultations.document(self._consultations.open(row.id))
                files[document_member(row.id)] = pdf
            entries.append(_entry(row, pdf, addenda[row.id]))
        manifest = PackageManifest(
            exported_at=utc_timestamp(self._clock.now()),
            app_version=__version__,
            client_id=client.id,
            details=client.details,
            created_at=utc_timestamp(client.created_at),
            updated_at=utc_timestamp(client.updated_at),
            consultations=tuple(entries),
        )
        files["client-record.json"] = _pretty(manifest_to_dict(manifest))
        write_package(destination, files)
        documents = sum(1 for e in entries if e.document_sha256)
        with self._store.write() as s:
            detail = f"client record: {len(entries)} consultation(s), {documents} document(s)"
            s.record(AuditEvent(account.id, AuditAction.EXPORT, ENTITY, client.id, detail))
        log.info("client record exported (%d consultations)", len(entries))
        return ExportReport(destination, len(entries), documents)


def _pretty(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _entry(
    row: ConsultationRow, pdf: bytes | None, addenda: list[tuple[str, str, str, str]]
) -> ConsultationEntry:
    outcome = row.summary.get("outcome")
    return ConsultationEntry(
        record_id=row.id,
        state=row.state,
        outcome=str(outcome) if outcome else None,
        page=row.page,
        content_version=row.content_version,
        record_hash=row.record_hash,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        document_sha256=hashlib.sha256(pdf).hexdigest() if pdf is not None else None,
        addenda=tuple(AddendumEntry(a, text, author, at) for a, text, author, at in addenda),
    )
