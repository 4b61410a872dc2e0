"""Reading the audit log (the owner only) and exporting it as CSV."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mneedle_desktop.domain.audit import AuditAction, AuditEntry, AuditEvent
from mneedle_desktop.domain.clock import parse_utc_timestamp
from mneedle_desktop.services.acting import SYSTEM_ACTOR, Acting
from mneedle_desktop.services.files import write_atomically
from mneedle_desktop.storage.store import Store

CSV_COLUMNS = (
    "seq",
    "time_utc",
    "practitioner",
    "practitioner_id",
    "device_id",
    "action",
    "entity",
    "entity_id",
    "detail",
    "hash",
)


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    at: datetime
    practitioner: str  # who acted: the name, or "system"
    subject: str = ""  # the practitioner an account entry is about, by name


@dataclass(frozen=True)
class AuditFilter:
    practitioner_id: str | None = None
    action: str | None = None
    text: str = ""

    def matches(self, row: AuditRow) -> bool:
        e = row.entry
        if self.practitioner_id is not None and e.actor != self.practitioner_id:
            return False
        if self.action is not None and e.action != self.action:
            return False
        needle = self.text.strip().lower()
        haystack = f"{e.entity} {e.entity_id} {e.detail} {row.practitioner} {row.subject}"
        haystack = haystack.lower()
        return not needle or needle in haystack


class AuditService:
    def __init__(self, store: Store, acting: Acting) -> None:
        self._store = store
        self._acting = acting

    def rows(self, where: AuditFilter | None = None) -> list[AuditRow]:
        self._acting.require_owner()
        with self._store.read() as s:
            entries = s.audit.entries()
            names: dict[str, str] = {a.id: a.profile.full_name for a in s.accounts.all()}
        names[SYSTEM_ACTOR] = "system"
        rows = [
            AuditRow(e, parse_utc_timestamp(e.at), names.get(e.actor, e.actor)) for e in entries
        ]
        return [r for r in rows if where is None or where.matches(r)]

    def export_csv(self, path: Path, rows: list[AuditRow]) -> None:
        """Write ``rows`` to ``path`` atomically; the export itself is audited."""
        owner = self._acting.require_owner()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for r in rows:
            e = r.entry
            writer.writerow(
                (
                    e.seq,
                    e.at,
                    r.practitioner,
                    e.actor,
                    e.device_id,
                    e.action,
                    e.entity,
                    e.entity_id,
                    e.detail,
                    e.hash,
                )
            )
        # UTF-8 with a byte-order mark, so spreadsheet programs read accented names right.
        write_atomically(path, buffer.getvalue().encode("utf-8-sig"))
        with self._store.write() as s:
            s.record(
                AuditEvent(owner.id, AuditAction.EXPORT, "audit_log", "", f"{len(rows)} entries")
            )
