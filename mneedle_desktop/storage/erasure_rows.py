"""SQL for erasure: marking a client, finding what is due, and purging a client's rows.

Purging removes rows for good (``secure_delete`` overwrites their pages). Signed documents,
signed consultations and addenda refuse deletion unless a permit for their consultation is
written in the same transaction; the permit is removed before it commits.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.storage.meta_rows import MetaRows


class ErasureRows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def mark(self, client_id: ClientId, *, at: str) -> None:
        self._conn.execute(
            "UPDATE client SET erasure_requested_at = ? WHERE id = ? AND deleted_at IS NULL",
            (at, client_id),
        )

    def requested_at(self, client_id: ClientId) -> str | None:
        row = self._conn.execute(
            "SELECT erasure_requested_at FROM client WHERE id = ?", (client_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def facts(self) -> "ErasureFacts":
        return ErasureFacts(self.erased(), self.marked_at(), self.last_purge())

    def marked_at(self) -> dict[ClientId, str]:
        """The clients awaiting erasure, with when it was asked for."""
        rows = self._conn.execute(
            "SELECT id, erasure_requested_at FROM client WHERE erasure_requested_at IS NOT NULL"
        ).fetchall()
        return {ClientId(str(r[0])): str(r[1]) for r in rows}

    def marked(self) -> list[ClientId]:
        rows = self._conn.execute(
            "SELECT id FROM client WHERE erasure_requested_at IS NOT NULL"
        ).fetchall()
        return [ClientId(str(r[0])) for r in rows]

    def last_signed_at(self, client_id: ClientId) -> str | None:
        """When the client's newest signed consultation was signed (UTC), or None."""
        row = self._conn.execute(
            "SELECT max(closed_at) FROM consultation WHERE client_id = ? AND state = 'closed'",
            (client_id,),
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def purge_drafts(self, client_id: ClientId) -> int:
        cursor = self._conn.execute(
            "DELETE FROM consultation WHERE client_id = ? AND state = 'draft'", (client_id,)
        )
        # The latest consultation kept for the list is worked out again when next shown.
        self._conn.execute("UPDATE client SET last_visit = NULL WHERE id = ?", (client_id,))
        return cursor.rowcount

    def purge_client(self, client_id: ClientId, *, at: str) -> int:
        """Delete the client and every consultation, document and addendum of theirs, and
        remember the id as erased; the number of consultations deleted."""
        ids = [
            str(r[0])
            for r in self._conn.execute(
                "SELECT id FROM consultation WHERE client_id = ?", (client_id,)
            )
        ]
        self._conn.executemany(
            "INSERT INTO purge_permit (consultation_id) VALUES (?)", [(i,) for i in ids]
        )
        for table, column in (("addendum", "consultation_id"), ("document", "consultation_id")):
            self._conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])
        self._conn.execute("DELETE FROM consultation WHERE client_id = ?", (client_id,))
        self._conn.execute("DELETE FROM client WHERE id = ?", (client_id,))
        self._conn.execute("DELETE FROM purge_permit")
        self._conn.execute(
            "INSERT OR IGNORE INTO erased_client (id, erased_at) VALUES (?, ?)", (client_id, at)
        )
        return len(ids)

    def erased(self) -> dict[ClientId, str]:
        """Every erased client's id, with when it was erased."""
        rows = self._conn.execute("SELECT id, erased_at FROM erased_client").fetchall()
        return {ClientId(str(r[0])): str(r[1]) for r in rows}

    def erased_at(self, client_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT erased_at FROM erased_client WHERE id = ?", (client_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_last_purge(self, at: str) -> None:
        MetaRows(self._conn).put("last_purge_at", at)

    def last_purge(self) -> str | None:
        return MetaRows(self._conn).get("last_purge_at")


@dataclass(frozen=True)
class ErasureFacts:
    """What a store knows about erasures: ids and times only, never client data."""

    erased: dict[ClientId, str]
    awaiting: dict[ClientId, str]
    last_purge: str | None


def read_erasure_facts(conn: sqlite3.Connection) -> ErasureFacts:
    """The erasures a store records (empty for a store from before erasure existed)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "erased_client" not in tables:
        return ErasureFacts({}, {}, None)
    return ErasureRows(conn).facts()


def erasure_facts_of_file(path: Path) -> ErasureFacts | None:
    """``read_erasure_facts`` of a closed database file, read-only; None when it cannot be
    read (a damaged file kept aside)."""
    try:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return read_erasure_facts(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
