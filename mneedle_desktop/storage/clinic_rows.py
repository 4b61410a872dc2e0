"""SQL for the clinic profile."""

import sqlite3
from dataclasses import dataclass

from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.ids import ClinicId


@dataclass(frozen=True)
class StoredClinic:
    id: ClinicId
    profile: ClinicProfile


class ClinicRows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def clinic(self) -> StoredClinic | None:
        row = self._conn.execute(
            """SELECT id, name, address, phone, email, logo_png, auto_lock_minutes,
                   name_in_file_names, retention_years
               FROM clinic WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1"""
        ).fetchone()
        if row is None:
            return None
        cid, name, address, phone, email, logo, lock_minutes, name_in_files, years = row
        return StoredClinic(
            ClinicId(cid),
            ClinicProfile(
                name, address, phone, email, logo, lock_minutes, bool(name_in_files), years
            ),
        )

    def insert_clinic(
        self, clinic_id: ClinicId, profile: ClinicProfile, *, at: str, device_id: str
    ) -> None:
        self._conn.execute(
            """INSERT INTO clinic (id, name, address, phone, email, logo_png, auto_lock_minutes,
                   name_in_file_names, retention_years, created_at, updated_at, device_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (clinic_id, *_clinic_values(profile), at, at, device_id),
        )

    def update_clinic(
        self, clinic_id: ClinicId, profile: ClinicProfile, *, at: str, device_id: str
    ) -> None:
        cursor = self._conn.execute(
            """UPDATE clinic SET name = ?, address = ?, phone = ?, email = ?, logo_png = ?,
                   auto_lock_minutes = ?, name_in_file_names = ?, retention_years = ?,
                   updated_at = ?, device_id = ?
               WHERE id = ? AND deleted_at IS NULL""",
            (*_clinic_values(profile), at, device_id, clinic_id),
        )
        if cursor.rowcount != 1:
            raise KeyError(clinic_id)


def _clinic_values(p: ClinicProfile) -> tuple[str | bytes | int | None, ...]:
    return (
        p.name,
        p.address,
        p.phone,
        p.email,
        p.logo_png,
        p.auto_lock_minutes,
        int(p.name_in_file_names),
        p.retention_years,
    )
