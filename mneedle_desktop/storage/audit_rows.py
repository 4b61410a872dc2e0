"""SQL for the append-only, hash-chained audit log."""

import sqlite3
from dataclasses import replace

from mneedle_desktop.domain.audit import GENESIS_HASH, AuditEntry, AuditEvent, entry_hash

_COLUMNS = "seq, at, device_id, actor, action, entity, entity_id, detail, prev_hash, hash"


class AuditRows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def append(self, event: AuditEvent, *, at: str, device_id: str) -> AuditEntry:
        last = self._conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS_HASH)
        unsealed = AuditEntry(
            seq=seq,
            at=at,
            device_id=device_id,
            actor=event.actor,
            action=event.action.value,
            entity=event.entity,
            entity_id=event.entity_id,
            detail=event.detail,
            prev_hash=prev,
            hash="",
        )
        entry = replace(unsealed, hash=entry_hash(prev, unsealed.canonical_content()))
        self._conn.execute(
            f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join('?' * 10)})",
            (
                entry.seq,
                entry.at,
                entry.device_id,
                entry.actor,
                entry.action,
                entry.entity,
                entry.entity_id,
                entry.detail,
                entry.prev_hash,
                entry.hash,
            ),
        )
        # The chain's head, kept beside it: removing the newest entries (which leaves an
        # intact but shorter chain) no longer matches it.
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"{entry.seq} {entry.hash}",),
        )
        return entry

    def head(self) -> tuple[int, str] | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if row is None:
            return None
        seq, digest = str(row[0]).split(" ", 1)
        return int(seq), digest

    def protected(self) -> bool:
        """Whether both append-only triggers are in place."""
        names = {
            r[0]
            for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            )
        }
        return {"audit_log_no_update", "audit_log_no_delete"} <= names

    def entries(self) -> list[AuditEntry]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq").fetchall()
        return [AuditEntry(*row) for row in rows]

    def for_entity(self, entity: str, entity_id: str) -> list[AuditEntry]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq",
            (entity, entity_id),
        ).fetchall()
        return [AuditEntry(*row) for row in rows]
