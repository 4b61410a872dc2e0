"""SQL for practitioner accounts and the wrapped copies of the clinic data key."""

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mneedle_desktop.domain.accounts import Account, Role
from mneedle_desktop.domain.clinic import PractitionerProfile
from mneedle_desktop.domain.clock import parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.ids import PractitionerId

if TYPE_CHECKING:
    from mneedle_desktop.security.keys import WrappedKey

_COLUMNS = (
    "id, username, role, full_name, profession, registration_number, disabled_at, "
    "failed_logins, locked_until"
)


def _account(row: tuple[Any, ...]) -> Account:
    pid, username, role, name, profession, registration, disabled, failures, locked = row
    return Account(
        id=PractitionerId(pid),
        username=username or "",
        role=Role(role),
        profile=PractitionerProfile(name, profession, registration),
        disabled=disabled is not None,
        failed_logins=int(failures),
        locked_until=parse_utc_timestamp(locked) if locked else None,
    )


class AccountRows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def all(self) -> list[Account]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM practitioner WHERE deleted_at IS NULL ORDER BY created_at"
        ).fetchall()
        return [_account(r) for r in rows]

    def by_username(self, username: str) -> Account | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM practitioner WHERE username = ? AND deleted_at IS NULL",
            (username,),
        ).fetchone()
        return None if row is None else _account(row)

    def get(self, pid: str) -> Account | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM practitioner WHERE id = ? AND deleted_at IS NULL", (pid,)
        ).fetchone()
        return None if row is None else _account(row)

    def has_owner(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM practitioner WHERE role = 'owner' AND username IS NOT NULL "
            "AND deleted_at IS NULL"
        ).fetchone()
        return row is not None

    def has_wraps(self) -> bool:
        """Whether the clinic data key exists (wrapped for anyone)."""
        return self._conn.execute("SELECT 1 FROM key_wrap LIMIT 1").fetchone() is not None

    def insert(self, account: Account, *, at: str, device_id: str) -> None:
        p = account.profile
        self._conn.execute(
            """INSERT INTO practitioner (id, username, role, full_name, profession,
                   registration_number, created_at, updated_at, device_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                account.id,
                account.username,
                account.role.value,
                p.full_name,
                p.profession,
                p.registration_number,
                at,
                at,
                device_id,
            ),
        )

    def make_owner(
        self, pid: str, username: str, profile: PractitionerProfile, *, at: str, device_id: str
    ) -> None:
        """Turn the practitioner recorded before accounts existed into the owner."""
        self._conn.execute(
            """UPDATE practitioner SET username = ?, role = 'owner', full_name = ?,
                   profession = ?, registration_number = ?, updated_at = ?, device_id = ?
               WHERE id = ?""",
            (
                username,
                profile.full_name,
                profile.profession,
                profile.registration_number,
                at,
                device_id,
                pid,
            ),
        )

    def update_profile(
        self, pid: str, profile: PractitionerProfile, *, at: str, device_id: str
    ) -> None:
        self._conn.execute(
            """UPDATE practitioner SET full_name = ?, profession = ?, registration_number = ?,
                   updated_at = ?, device_id = ? WHERE id = ?""",
            (
                profile.full_name,
                profile.profession,
                profile.registration_number,
                at,
                device_id,
                pid,
            ),
        )

    def set_disabled(self, pid: str, disabled_at: str | None, *, at: str) -> None:
        self._conn.execute(
            "UPDATE practitioner SET disabled_at = ?, updated_at = ? WHERE id = ?",
            (disabled_at, at, pid),
        )

    def record_failure(self, pid: str, failures: int, locked_until: datetime | None) -> None:
        self._conn.execute(
            "UPDATE practitioner SET failed_logins = ?, locked_until = ? WHERE id = ?",
            (failures, utc_timestamp(locked_until) if locked_until else None, pid),
        )

    # --- wrapped data keys ---------------------------------------------------------------

    def put_wrap(self, kind: str, pid: str, wrapped: "WrappedKey", *, at: str) -> None:
        self._conn.execute(
            """INSERT INTO key_wrap (kind, practitioner_id, salt, kdf, nonce, ciphertext,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (kind, practitioner_id) DO UPDATE SET salt = excluded.salt,
                   kdf = excluded.kdf, nonce = excluded.nonce, ciphertext = excluded.ciphertext,
                   created_at = excluded.created_at""",
            (kind, pid, wrapped.salt, wrapped.kdf, wrapped.nonce, wrapped.ciphertext, at),
        )

    def wrap(self, kind: str, pid: str) -> "WrappedKey | None":
        row = self._conn.execute(
            "SELECT salt, kdf, nonce, ciphertext FROM key_wrap "
            "WHERE kind = ? AND practitioner_id = ?",
            (kind, pid),
        ).fetchone()
        if row is None:
            return None
        from mneedle_desktop.security.keys import WrappedKey  # loaded at sign-in

        salt, kdf, nonce, ciphertext = row
        return WrappedKey(bytes(salt), str(kdf), bytes(nonce), bytes(ciphertext))

    def delete_wrap(self, kind: str, pid: str) -> None:
        self._conn.execute(
            "DELETE FROM key_wrap WHERE kind = ? AND practitioner_id = ?", (kind, pid)
        )
