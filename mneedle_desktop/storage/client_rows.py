"""SQL for clients."""

import sqlite3
from datetime import date

from mneedle_desktop.domain.clients import Client, ClientDetails, ClientSummary, Sex
from mneedle_desktop.domain.clock import parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.ids import ClientId, DeviceId

_COLUMNS = (
    "id, family_name, given_name, date_of_birth, sex, phone, email, address, gp, "
    "emergency_contact, created_at, updated_at, device_id"
)


def _client_from_row(row: sqlite3.Row | tuple[object, ...]) -> Client:
    (
        cid,
        family,
        given,
        dob,
        sex,
        phone,
        email,
        address,
        gp,
        emergency,
        created,
        updated,
        device,
    ) = tuple(row)
    details = ClientDetails(
        family_name=str(family),
        given_name=str(given),
        date_of_birth=date.fromisoformat(str(dob)),
        sex=Sex(str(sex)),
        phone=str(phone),
        email=str(email),
        address=str(address),
        gp=str(gp),
        emergency_contact=str(emergency),
    )
    return Client(
        id=ClientId(str(cid)),
        details=details,
        created_at=parse_utc_timestamp(str(created)),
        updated_at=parse_utc_timestamp(str(updated)),
        device_id=DeviceId(str(device)),
    )


def _detail_values(d: ClientDetails) -> tuple[str, ...]:
    if d.date_of_birth is None:
        raise ValueError("a stored client needs a date of birth")
    return (
        d.family_name,
        d.given_name,
        d.date_of_birth.isoformat(),
        d.sex.value,
        d.phone,
        d.email,
        d.address,
        d.gp,
        d.emergency_contact,
    )


class ClientRows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def insert(self, client: Client) -> None:
        self._conn.execute(
            f"INSERT INTO client ({_COLUMNS}) VALUES ({', '.join('?' * 13)})",
            (
                client.id,
                *_detail_values(client.details),
                utc_timestamp(client.created_at),
                utc_timestamp(client.updated_at),
                client.device_id,
            ),
        )

    def update(self, client: Client) -> None:
        cursor = self._conn.execute(
            """UPDATE client SET family_name = ?, given_name = ?, date_of_birth = ?, sex = ?,
                   phone = ?, email = ?, address = ?, gp = ?, emergency_contact = ?,
                   updated_at = ?, device_id = ?
               WHERE id = ? AND deleted_at IS NULL""",
            (
                *_detail_values(client.details),
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
        return None if row is None else _client_from_row(row)

    def born_on(self, date_of_birth: date) -> list[Client]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM client WHERE date_of_birth = ? AND deleted_at IS NULL",
            (date_of_birth.isoformat(),),
        ).fetchall()
        return [_client_from_row(r) for r in rows]

    def summaries(self) -> list[ClientSummary]:
        rows = self._conn.execute(
            """SELECT id, family_name, given_name, date_of_birth FROM client
               WHERE deleted_at IS NULL"""
        ).fetchall()
        return [
            ClientSummary(
                id=ClientId(cid),
                family_name=family,
                given_name=given,
                date_of_birth=date.fromisoformat(dob),
                last_consultation=None,
                last_status=None,
            )
            for cid, family, given, dob in rows
        ]

    def count(self) -> int:
        return int(
            self._conn.execute("SELECT count(*) FROM client WHERE deleted_at IS NULL").fetchone()[0]
        )
