"""Reading the data folder as an attacker would: raw bytes, no password."""

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mneedle_desktop.domain.clients import ClientDetails, Sex
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import TamperedRecordError
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD

SECRET_CLIENT = ClientDetails(
    family_name="Ørsted-Łukasiewicz",
    given_name="Zoëlle",
    date_of_birth=date(1987, 3, 14),
    sex=Sex.FEMALE,
    phone="+44 7700 900123",
    email="zoelle.secret@example.org",
    address="17 Quillfeather Lane, Leeds",
    gp="Dr Marchetti, Kirkgate Surgery",
    emergency_contact="Ingrid Vasquez 07700 900456",
)
NEEDLES = [
    "Łukasiewicz",
    "Zoëlle",
    "1987-03-14",
    "900123",
    "zoelle.secret",
    "Quillfeather",
    "Marchetti",
    "Vasquez",
    "Tattooedankle",
]


def everything_on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def assert_nothing_readable(folder: Path) -> None:
    raw = everything_on_disk(folder)
    for needle in NEEDLES:
        for encoding in ("utf-8", "utf-16-le"):
            assert needle.encode(encoding) not in raw, f"{needle!r} readable on disk"


def test_client_details_are_not_readable_in_the_files(
    owner_services: AppServices, data_dir: Path
) -> None:
    client = owner_services.clients.add(SECRET_CLIENT)
    owner_services.clients.update(client.id, SECRET_CLIENT)
    owner_services.clients.open(client.id)
    draft = owner_services.consultations.start(client.id)
    record = replace(draft.record, skin_notes="Tattooedankle; fragile skin")
    owner_services.consultations.save_draft(draft, record, page=1)
    assert_nothing_readable(data_dir)  # database and its live WAL, mid-session
    owner_services.close()
    assert_nothing_readable(data_dir)


def test_clients_written_before_encryption_are_encrypted_at_set_up(
    data_dir: Path, database: Path, clock: FixedClock
) -> None:
    # A store as schema 1 left it: client details in the clear.
    legacy = sqlite3.connect(database, isolation_level=None)
    from mneedle_desktop.storage.database import APPLICATION_ID
    from mneedle_desktop.storage.migrations import MIGRATIONS

    legacy.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    legacy.execute("PRAGMA journal_mode = WAL")
    for statement in MIGRATIONS[0].statements:
        legacy.execute(statement)
    legacy.execute("PRAGMA user_version = 1")
    legacy.execute(
        "INSERT INTO client VALUES ('c1', ?, ?, ?, 'female', ?, ?, ?, ?, ?, "
        "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'd1', NULL)",
        (
            "Ørsted-Łukasiewicz",
            "Zoëlle",
            "1987-03-14",
            "+44 7700 900123",
            "zoelle.secret@example.org",
            "17 Quillfeather Lane",
            "Dr Marchetti",
            "Ingrid Vasquez",
        ),
    )
    legacy.execute(
        "INSERT INTO practitioner VALUES ('p1', 'Amira Khan', 'Nurse', 'NMC 1', "
        "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'd1', NULL)"
    )
    legacy.close()
    assert b"Quillfeather" in everything_on_disk(data_dir)

    services = AppServices.open(database, clock, kdf=FAST_KDF)
    prefill = services.first_start.prefill()
    assert prefill.practitioner is not None
    assert prefill.practitioner.full_name == "Amira Khan"
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    [summary] = services.clients.summaries()
    assert (summary.id, summary.given_name) == ("c1", "Zoëlle")
    assert_nothing_readable(data_dir)
    services.close()
    assert_nothing_readable(data_dir)


def test_a_ciphertext_moved_to_another_row_is_detected(
    owner_services: AppServices, database: Path
) -> None:
    a = owner_services.clients.add(SECRET_CLIENT)
    b = owner_services.clients.add(ClientDetails("Smith", "Adam", date(1985, 12, 5)))
    raw = sqlite3.connect(database, isolation_level=None)
    blob_a = raw.execute("SELECT details FROM client WHERE id = ?", (a.id,)).fetchone()[0]
    raw.execute("UPDATE client SET details = ? WHERE id = ?", (blob_a, b.id))
    raw.close()
    listed = owner_services.clients.summaries()
    assert [c.id for c in listed] == [a.id], "the other clients are still listed"
    assert owner_services.clients.unreadable == [b.id]
    with pytest.raises(TamperedRecordError, match="changed outside MNeedle Desktop"):
        owner_services.clients.open(b.id)
    assert owner_services.clients.open(a.id).details.given_name == "Zoëlle"
