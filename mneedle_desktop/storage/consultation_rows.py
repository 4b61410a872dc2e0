"""SQL for consultations and addenda. Records and summaries are stored encrypted, as JSON."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mneedle_desktop.security.cipher import TamperedError
from mneedle_desktop.storage.encrypted_rows import EncryptedRows
from mneedle_desktop.storage.errors import TamperedRecordError

_COLUMNS = (
    "id, client_id, state, summary, record, page, content_version, record_hash, created_at, "
    "updated_at, closed_at, closed_by"
)
# The same, without the (large) record: summaries never read it.
_SUMMARY_COLUMNS = _COLUMNS.replace("record,", "NULL,")


@dataclass(frozen=True)
class ConsultationRow:
    """A consultation as stored: the record and summary already decrypted to JSON data."""

    id: str
    client_id: str
    state: str
    summary: dict[str, Any]
    record: dict[str, Any] | None  # None when only the summary was read
    page: int
    content_version: str | None
    record_hash: str | None
    created_at: str
    updated_at: str
    closed_at: str | None
    closed_by: str | None


def _dump(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class ConsultationRows(EncryptedRows):
    locked_message = "consultations are locked: sign in first"

    def _open(self, blob: bytes, where: str) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self._cipher.decrypt(bytes(blob), where))
        except TamperedError as e:
            raise TamperedRecordError(
                f"A stored consultation ({where.split(':', 1)[1]}) was changed outside "
                "MNeedle Desktop and is not shown. Restore your latest backup.",
                Path(""),
            ) from e
        return data

    def _row(self, raw: tuple[Any, ...], with_record: bool) -> ConsultationRow:
        (
            cid,
            client_id,
            state,
            summary,
            record,
            page,
            version,
            digest,
            created,
            updated,
            closed_at,
            closed_by,
        ) = raw
        return ConsultationRow(
            id=cid,
            client_id=client_id,
            state=state,
            summary=self._open(summary, f"consultation.summary:{cid}"),
            record=self._open(record, f"consultation.record:{cid}") if with_record else None,
            page=int(page),
            content_version=version,
            record_hash=digest,
            created_at=created,
            updated_at=updated,
            closed_at=closed_at,
            closed_by=closed_by,
        )

    def insert(self, row: ConsultationRow, *, device_id: str) -> None:
        assert row.record is not None
        self._conn.execute(
            f"INSERT INTO consultation ({_COLUMNS}, device_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.id,
                row.client_id,
                row.state,
                self._cipher.encrypt(_dump(row.summary), f"consultation.summary:{row.id}"),
                self._cipher.encrypt(_dump(row.record), f"consultation.record:{row.id}"),
                row.page,
                row.content_version,
                row.record_hash,
                row.created_at,
                row.updated_at,
                row.closed_at,
                row.closed_by,
                device_id,
            ),
        )
        self.refresh_last_visit(row.client_id)

    def update(self, row: ConsultationRow, *, device_id: str) -> None:
        """Rewrite a draft, or close it. A closed consultation refuses any change (a
        trigger enforces it too)."""
        assert row.record is not None
        cursor = self._conn.execute(
            """UPDATE consultation SET state = ?, summary = ?, record = ?, page = ?,
                   content_version = ?, record_hash = ?, updated_at = ?, closed_at = ?,
                   closed_by = ?, device_id = ?
               WHERE id = ? AND state = 'draft' AND deleted_at IS NULL""",
            (
                row.state,
                self._cipher.encrypt(_dump(row.summary), f"consultation.summary:{row.id}"),
                self._cipher.encrypt(_dump(row.record), f"consultation.record:{row.id}"),
                row.page,
                row.content_version,
                row.record_hash,
                row.updated_at,
                row.closed_at,
                row.closed_by,
                device_id,
                row.id,
            ),
        )
        if cursor.rowcount != 1:
            raise KeyError(row.id)
        self.refresh_last_visit(row.client_id)

    def get(self, consultation_id: str) -> ConsultationRow | None:
        raw = self._conn.execute(
            f"SELECT {_COLUMNS} FROM consultation WHERE id = ? AND deleted_at IS NULL",
            (consultation_id,),
        ).fetchone()
        return None if raw is None else self._row(raw, with_record=True)

    def summaries(self, client_id: str | None = None) -> list[ConsultationRow]:
        """Every consultation's summary (without the records), newest change first."""
        where = "deleted_at IS NULL" + (" AND client_id = ?" if client_id else "")
        rows = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM consultation WHERE {where} ORDER BY updated_at DESC",
            (client_id,) if client_id else (),
        ).fetchall()
        return [self._row(r, with_record=False) for r in rows]

    def drafts(self) -> list[ConsultationRow]:
        """The unfinished consultations' summaries, newest change first."""
        rows = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM consultation INDEXED BY consultation_open_drafts "
            "WHERE state = 'draft' AND deleted_at IS NULL ORDER BY updated_at DESC"
        ).fetchall()
        return [self._row(r, with_record=False) for r in rows]

    def refresh_last_visit(self, client_id: str) -> None:
        """Keep the client's latest consultation (date, state, outcome) on the client's row,
        encrypted, for the client list: called by every write that adds, changes or removes
        one of the client's consultations."""
        latest: tuple[str, str, dict[str, Any]] | None = None
        rows = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM consultation WHERE deleted_at IS NULL "
            "AND client_id = ?",
            (client_id,),
        ).fetchall()
        for raw in rows:
            try:
                row = self._row(raw, with_record=False)
            except TamperedRecordError:
                continue  # one summary changed outside the program never stops the saving
            key = (str(row.summary["date"]), row.updated_at)
            if latest is None or key > latest[:2]:
                latest = (key[0], key[1], {**row.summary, "state": row.state})
        blob = (
            None
            if latest is None
            else self._cipher.encrypt(_dump(latest[2]), f"client.last_visit:{client_id}")
        )
        self._conn.execute("UPDATE client SET last_visit = ? WHERE id = ?", (blob, client_id))

    def id_taken(self, consultation_id: str) -> bool:
        """Whether any consultation, discarded drafts included, has this id."""
        row = self._conn.execute(
            "SELECT 1 FROM consultation WHERE id = ?", (consultation_id,)
        ).fetchone()
        return row is not None

    def addendum_ids_taken(self, ids: list[str]) -> set[str]:
        taken = set()
        for addendum_id in ids:
            row = self._conn.execute(
                "SELECT 1 FROM addendum WHERE id = ?", (addendum_id,)
            ).fetchone()
            if row is not None:
                taken.add(addendum_id)
        return taken

    def set_pdf_hash(self, consultation_id: str, digest: str) -> None:
        self._conn.execute(
            "UPDATE consultation SET pdf_sha256 = ? WHERE id = ?", (digest, consultation_id)
        )

    def pdf_hash(self, consultation_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT pdf_sha256 FROM consultation WHERE id = ?", (consultation_id,)
        ).fetchone()
        return None if row is None else row[0]

    def discard_draft(self, consultation_id: str, *, at: str) -> None:
        cursor = self._conn.execute(
            "UPDATE consultation SET deleted_at = ?, updated_at = ? "
            "WHERE id = ? AND state = 'draft' AND deleted_at IS NULL",
            (at, at, consultation_id),
        )
        if cursor.rowcount != 1:
            raise KeyError(consultation_id)
        owner = self._conn.execute(
            "SELECT client_id FROM consultation WHERE id = ?", (consultation_id,)
        ).fetchone()
        self.refresh_last_visit(str(owner[0]))

    def add_addendum(
        self,
        addendum_id: str,
        consultation_id: str,
        text: str,
        author: str,
        *,
        at: str,
        device_id: str,
    ) -> None:
        self._conn.execute(
            "INSERT INTO addendum (id, consultation_id, body, author, created_at, device_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                addendum_id,
                consultation_id,
                self._cipher.encrypt(text.encode("utf-8"), f"addendum.body:{addendum_id}"),
                author,
                at,
                device_id,
            ),
        )

    def addenda(self, consultation_id: str) -> list[tuple[str, str, str, str]]:
        """(id, text, author, created_at) of each addendum, oldest first."""
        rows = self._conn.execute(
            "SELECT id, body, author, created_at FROM addendum WHERE consultation_id = ? "
            "ORDER BY created_at, id",
            (consultation_id,),
        ).fetchall()
        out = []
        for aid, body, author, created in rows:
            try:
                text = self._cipher.decrypt(bytes(body), f"addendum.body:{aid}").decode()
            except TamperedError as e:
                raise TamperedRecordError(
                    f"An addendum ({aid}) was changed outside MNeedle Desktop.", Path("")
                ) from e
            out.append((aid, text, author, created))
        return out
