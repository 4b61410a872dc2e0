"""SQL for clients. Everything that identifies a client is one encrypted value per row."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from mneedle_desktop.domain.clients import (
    Client,
    ClientDetails,
    ClientSummary,
    Sex,
    details_to_dict,
)
from mneedle_desktop.domain.clock import parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.ids import ClientId, DeviceId
from mneedle_desktop.security.cipher import TamperedError
from mneedle_desktop.storage.encrypted_rows import EncryptedRows
from mneedle_desktop.storage.errors import TamperedRecordError

_COLUMNS = "id, details, created_at, updated_at, device_id"


def _where(client_id: str) -> str:
    return f"client.details:{client_id}"


def details_to_json(d: ClientDetails) -> bytes:
    if d.date_of_birth is None:
        raise ValueError("a stored client needs a date of birth")
    data = details_to_dict(d)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def details_from_json(raw: bytes) -> ClientDetails:
    data: dict[str, Any] = json.loads(raw.decode("utf-8"))
    return ClientDetails(
        family_name=data["family_name"],
        given_name=data["given_name"],
        date_of_birth=date.fromisoformat(data["date_of_birth"]),
        sex=Sex(data["sex"]),
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        gp=data["gp"],
        emergency_contact=data["emergency_contact"],
    )


class ClientRows(EncryptedRows):
    def _client(self, row: tuple[Any, ...]) -> Client:
        cid, blob, created, updated, device = row
        try:
            details = details_from_json(self._cipher.decrypt(bytes(blob), _where(cid)))
        except TamperedError as e:
            raise TamperedRecordError(
                f"The stored details of client {cid} were changed outside MNeedle Desktop "
                "and are not shown. Restore your latest backup, and run 'mneedle-desktop "
                "check'.",
                Path(""),
            ) from e
        return Client(
            id=ClientId(str(cid)),
            details=details,
            created_at=parse_utc_timestamp(str(created)),
            updated_at=parse_utc_timestamp(str(updated)),
            device_id=DeviceId(str(device)),
        )

    def insert(self, client: Client) -> None:
        self._conn.execute(
            f"INSERT INTO client ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            (
                client.id,
                self._cipher.encrypt(details_to_json(client.details), _where(client.id)),
                utc_timestamp(client.created_at),
                utc_timestamp(client.updated_at),
                client.device_id,
            ),
        )

    def update(self, client: Client) -> None:
        cursor = self._conn.execute(
            """UPDATE client SET details = ?, updated_at = ?, device_id = ?
               WHERE id = ? AND deleted_at IS NULL""",
            (
                self._cipher.encrypt(details_to_json(client.details), _where(client.id)),
                utc_timestamp(client.updated_at),
                client.device_id,
                client.id,
            ),
        )
        if cursor.rowcount != 1:
            raise KeyError(client.id)

    def get(self, client_id: ClientId) -> Client | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM client WHERE id = ? AND deleted_at IS NULL", (client_id,)
        ).fetchone()
        return None if row is None else self._client(row)

    def all(self) -> list[Client]:
        """Every client; ``TamperedRecordError`` if any row does not decrypt."""
        clients, unreadable = self.readable()
        if unreadable:
            raise TamperedRecordError(
                f"{len(unreadable)} client record(s) were changed outside MNeedle Desktop.",
                Path(""),
            )
        return clients

    def readable(self) -> tuple[list[Client], list[str]]:
        """The clients that decrypt, and the ids of those that do not (changed outside the
        program): one damaged row never hides the others."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM client WHERE deleted_at IS NULL"
        ).fetchall()
        clients, unreadable = [], []
        for row in rows:
            try:
                clients.append(self._client(row))
            except TamperedRecordError:
                unreadable.append(str(row[0]))
        return clients, unreadable

    def summaries(self) -> tuple[list[ClientSummary], list[str]]:
        """Summaries of the readable clients (with their latest consultation, as kept on
        their row), and the ids of the unreadable ones. One query over the client table
        alone: the consultations are not read."""
        # Not at start-up: the outcomes come with the clinical engine.
        from mneedle_desktop.domain.consultations import ConsultationState, status_of
        from mneedle_desktop.domain.screening import Outcome

        rows = self._conn.execute(
            "SELECT id, details, last_visit, erasure_requested_at IS NOT NULL FROM client "
            "WHERE deleted_at IS NULL"
        ).fetchall()
        self.stale_visits: list[ClientId] = []  # kept latest consultation unreadable
        self.no_visit: list[ClientId] = []  # none kept: no consultation, or not kept yet
        statuses = {
            (state.value, outcome.value if outcome else None): status_of(state, outcome)
            for state in ConsultationState
            for outcome in (None, *Outcome)
        }
        decrypt = self._cipher.decrypt
        out, unreadable = [], []
        for cid, blob, visit, erasing in rows:
            try:
                # Only what the list shows is read: names and date of birth.
                d = json.loads(decrypt(bytes(blob), _where(cid)).decode("utf-8"))
            except TamperedError:
                unreadable.append(str(cid))
                continue
            if visit is None:
                self.no_visit.append(ClientId(str(cid)))
            try:
                last = (
                    json.loads(decrypt(bytes(visit), f"client.last_visit:{cid}").decode("utf-8"))
                    if visit is not None
                    else None
                )
            except TamperedError:
                last = None  # worked out again from the consultations: see stale_visits
                self.stale_visits.append(ClientId(str(cid)))
            out.append(
                ClientSummary(
                    id=ClientId(str(cid)),
                    family_name=d["family_name"],
                    given_name=d["given_name"],
                    date_of_birth=date.fromisoformat(d["date_of_birth"]),
                    last_consultation=date.fromisoformat(last["date"]) if last else None,
                    last_status=statuses[(last["state"], last.get("outcome"))] if last else None,
                    erasing=bool(erasing),
                )
            )
        return out, unreadable

    def with_consultations(self, client_ids: list[ClientId]) -> list[ClientId]:
        """Those of ``client_ids`` who have a consultation (read through its index)."""
        found: list[ClientId] = []
        for i in range(0, len(client_ids), 500):
            chunk = client_ids[i : i + 500]
            rows = self._conn.execute(
                "SELECT DISTINCT client_id FROM consultation WHERE deleted_at IS NULL "
                f"AND client_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            found += [ClientId(str(r[0])) for r in rows]
        return found

    def count(self) -> int:
        return int(
            self._conn.execute("SELECT count(*) FROM client WHERE deleted_at IS NULL").fetchone()[0]
        )

    def encrypt_legacy_rows(self) -> int:
        """Move clients written by schema 1 (in the clear) into encrypted rows; the clear
        copies are deleted (and overwritten, with secure_delete on). Returns how many."""
        rows = self._conn.execute(
            """SELECT id, family_name, given_name, date_of_birth, sex, phone, email, address,
                      gp, emergency_contact, created_at, updated_at, device_id, deleted_at
               FROM legacy_client"""
        ).fetchall()
        for row in rows:
            cid, family, given, dob, sex, phone, email, address, gp, emergency = row[:10]
            created, updated, device, deleted = row[10:]
            details = ClientDetails(
                family,
                given,
                date.fromisoformat(dob),
                Sex(sex),
                phone,
                email,
                address,
                gp,
                emergency,
            )
            self._conn.execute(
                "INSERT INTO client (id, details, created_at, updated_at, device_id, deleted_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    cid,
                    self._cipher.encrypt(details_to_json(details), _where(cid)),
                    created,
                    updated,
                    device,
                    deleted,
                ),
            )
        self._conn.execute("DELETE FROM legacy_client")
        return len(rows)
