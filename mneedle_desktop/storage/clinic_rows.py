"""SQL for the clinic profile and its practitioners."""

import sqlite3
from dataclasses import dataclass

from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
from mneedle_desktop.domain.ids import ClinicId, PractitionerId


@dataclass(frozen=True)
class StoredClinic:
    id: ClinicId
    profile: ClinicProfile


@dataclass(frozen=True)
class StoredPractitioner:
    id: PractitionerId
    profile: PractitionerProfile


class ClinicRows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def clinic(self) -> StoredClinic | None:
        row = self._conn.execute(
            """SELECT id, name, address, phone, email, logo_png FROM clinic
               WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1"""
        ).fetchone()
        if row is None:
            return None
        cid, name, address, phone, email, logo = row
        return StoredClinic(ClinicId(cid), ClinicProfile(name, address, phone, email, logo))

    def insert_clinic(
        self, clinic_id: ClinicId, profile: ClinicProfile, *, at: str, device_id: str
    ) -> None:
        self._conn.execute(
            """INSERT INTO clinic (id, name, address, phone, email, logo_png,
                   created_at, updated_at, device_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (clinic_id, *_clinic_values(profile), at, at, device_id),
        )

    def update_clinic(
        self, clinic_id: ClinicId, profile: ClinicProfile, *, at: str, device_id: str
    ) -> None:
        cursor = self._conn.execute(
            """UPDATE clinic SET name = ?, address = ?, phone = ?, email = ?, logo_png = ?,
                   updated_at = ?, device_id = ?
               WHERE id = ? AND deleted_at IS NULL""",
            (*_clinic_values(profile), at, device_id, clinic_id),
        )
        if cursor.rowcount != 1:
            raise KeyError(clinic_id)

    def practitioners(self) -> list[StoredPractitioner]:
        rows = self._conn.execute(
            """SELECT id, full_name, profession, registration_number FROM practitioner
               WHERE deleted_at IS NULL ORDER BY created_at"""
        ).fetchall()
        return [
            StoredPractitioner(PractitionerId(pid), PractitionerProfile(name, prof, reg))
            for pid, name, prof, reg in rows
        ]

    def insert_practitioner(
        self, pid: PractitionerId, profile: PractitionerProfile, *, at: str, device_id: str
    ) -> None:
        self._conn.execute(
            """INSERT INTO practitioner (id, full_name, profession, registration_number,
                   created_at, updated_at, device_id)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (
                pid,
                profile.full_name,
                profile.profession,
                profile.registration_number,
                at,
                at,
                device_id,
            ),
        )

    def update_practitioner(
        self, pid: PractitionerId, profile: PractitionerProfile, *, at: str, device_id: str
    ) -> None:
        cursor = self._conn.execute(
            """UPDATE practitioner SET full_name = ?, profession = ?, registration_number = ?,
                   updated_at = ?, device_id = ?
               WHERE id = ? AND deleted_at IS NULL""",
            (
                profile.full_name,
                profile.profession,
                profile.registration_number,
                at,
                device_id,
                pid,
            ),
        )
        if cursor.rowcount != 1:
            raise KeyError(pid)


def _clinic_values(p: ClinicProfile) -> tuple[str | bytes | None, ...]:
    return (p.name, p.address, p.phone, p.email, p.logo_png)
