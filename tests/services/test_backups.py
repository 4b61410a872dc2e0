import errno
import hashlib
import json
import os
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from mneedle_desktop.domain.clients import ClientDetails
from mneedle_desktop.domain.clinic import PractitionerProfile
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.services.acting import NotAllowedError
from mneedle_desktop.services.backups import (
    BACKUP_FOLDER,
    SET_ASIDE_FOLDER,
    inspect_backup,
    list_backups,
    manifest_path,
    newest_good_backup,
    restore_closed_database,
)
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import (
    BackupError,
    CorruptDatabaseError,
    InterruptedRestoreError,
    StoreWriteError,
)
from mneedle_desktop.storage.migrations import LATEST_VERSION
from mneedle_desktop.storage.restore_marker import marker_path
from tests.conftest import FAST_KDF, OWNER_PASSWORD
from tests.damage import PAGE, flip
from tests.services.test_clients import ZOE

ADA = ClientDetails("Lovelace", "Ada", ZOE.date_of_birth)


def names(services: AppServices) -> list[str]:
    return sorted(r.given_name for r in services.clients.summaries())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_a_checked_copy_with_a_manifest_and_no_client_data_in_names(
    owner_services: AppServices, database: Path
) -> None:
    owner_services.clients.add(ZOE)
    info = owner_services.backups.back_up()

    assert info.path.parent == database.parent / BACKUP_FOLDER
    assert {p.name for p in info.path.parent.iterdir()} == {
        info.path.name,
        manifest_path(info.path).name,
    }
    manifest = json.loads(manifest_path(info.path).read_text(encoding="utf-8"))
    assert manifest["sha256"] == sha256(info.path)
    assert manifest["schema_version"] == LATEST_VERSION
    assert manifest["row_counts"]["client"] == 1
    with owner_services.store.read() as s:
        last = s.audit.entries()[-1]
    assert manifest["last_audit_hash"] == last.hash
    assert manifest["last_audit_seq"] == last.seq
    # Names and manifest hold the time and counts, never who the clients are.
    text = info.path.name + manifest_path(info.path).read_text(encoding="utf-8")
    for word in ("Ørsted", "Zoë", "1990"):
        assert word not in text.replace("2026", "")
    # A self-contained file, healthy, with nothing else beside it.
    conn = sqlite3.connect(info.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_restore_puts_the_backup_back_and_keeps_the_current_database_aside(
    owner_services: AppServices, database: Path
) -> None:
    owner_services.clients.add(ZOE)
    backup = owner_services.backups.back_up().path
    owner_services.clients.add(ADA)  # after the backup

    report = owner_services.backups.restore(backup)

    assert owner_services.accounts.current is None  # everyone signed out
    owner_services.accounts.sign_in("amira", OWNER_PASSWORD)
    assert names(owner_services) == ["Zoë"]
    # The replaced database, with Ada, is kept whole beside the data.
    assert report.set_aside is not None
    assert report.set_aside.parent == database.parent / SET_ASIDE_FOLDER
    aside = AppServices.open(report.set_aside, owner_services.clock, kdf=FAST_KDF)
    try:
        aside.accounts.sign_in("amira", OWNER_PASSWORD)
        assert names(aside) == ["Ada", "Zoë"]
    finally:
        aside.close()
    with owner_services.store.read() as s:
        actions = [(e.action, e.detail) for e in s.audit.entries()]
    assert actions[-2][0] == "restore"  # written into the restored store
    assert actions[-2][1].startswith("restored from the backup of")
    assert owner_services.health().ok


def test_only_the_owner_may_restore(owner_services: AppServices) -> None:
    backup = owner_services.backups.back_up().path
    owner_services.accounts.add_account(
        PractitionerProfile("Ben Ode", "Nurse", "NMC 2"), "ben", "quiet harbour lamp 7"
    )
    owner_services.accounts.sign_out()
    owner_services.accounts.sign_in("ben", "quiet harbour lamp 7")
    with pytest.raises(NotAllowedError):
        owner_services.backups.restore(backup)


@pytest.mark.parametrize(
    "spoil",
    [
        "junk",
        "truncated",
        "flipped",
        "foreign",
        "newer",
        "edited",
        "empty",
    ],
)
def test_a_backup_that_cannot_be_used_is_refused_with_the_store_unchanged(
    owner_services: AppServices, database: Path, tmp_path: Path, spoil: str
) -> None:
    owner_services.clients.add(ZOE)
    good = owner_services.backups.back_up().path
    bad = tmp_path / "offered.sqlite3"
    data = good.read_bytes()
    if spoil == "junk":
        bad.write_bytes(b"not a database at all\n" * 100)
    elif spoil == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif spoil == "flipped":
        spoilt = bytearray(data)
        for i in range(4096 * 2, min(len(data), 4096 * 5)):
            spoilt[i] ^= 0xA5
        bad.write_bytes(bytes(spoilt))
    elif spoil == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    elif spoil == "newer":
        bad.write_bytes(data)
        conn = sqlite3.connect(bad)
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.commit()
        conn.close()
    elif spoil == "edited":  # changed after it was made: no longer matches its manifest
        bad.write_bytes(data)
        manifest_path(bad).write_bytes(manifest_path(good).read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE meta SET value = 'x' WHERE key = 'device_id'")
        conn.commit()
        conn.close()
    elif spoil == "empty":
        bad.write_bytes(b"")
    owner_services.clients.add(ADA)
    before = names(owner_services)

    with pytest.raises(BackupError) as raised:
        owner_services.backups.restore(bad)

    assert str(raised.value)  # a sentence for the user
    assert owner_services.accounts.current is not None  # nobody was signed out
    assert names(owner_services) == before
    assert not (database.parent / SET_ASIDE_FOLDER).exists()


def test_automatic_backups_only_after_changes_and_at_most_every_30_minutes(
    owner_services: AppServices, clock: FixedClock
) -> None:
    backups = owner_services.backups
    assert backups.back_up_if_due() is not None  # the first: the set-up is a change
    assert backups.back_up_if_due() is None  # nothing changed since
    owner_services.clients.add(ZOE)
    clock.set(clock.now() + timedelta(minutes=29))
    assert backups.back_up_if_due() is None  # too soon
    clock.set(clock.now() + timedelta(minutes=2))
    assert backups.back_up_if_due() is not None
    owner_services.clients.add(ADA)
    clock.set(clock.now() + timedelta(minutes=1))
    assert backups.back_up_if_due(closing=True) is not None  # closing: whenever changed
    assert backups.back_up_if_due(closing=True) is None
    assert len(list_backups(backups.folder)) == 3


def test_rotation_deletes_the_backups_it_does_not_keep(
    owner_services: AppServices, clock: FixedClock
) -> None:
    backups = owner_services.backups
    start = clock.now()
    for hour in range(0, 24 * 60, 23):  # every 23 hours for 60 days
        clock.set(start + timedelta(hours=hour))
        owner_services.clinic.save(owner_services.clinic.current())  # type: ignore[arg-type]
        backups.back_up()
    kept = list_backups(backups.folder)
    assert len(kept) <= 5 + 12 + 10 + 9
    assert kept[0].created_at == clock.now()  # the newest is always kept
    assert kept[-1].created_at.month == start.month  # the first month still has one
    # Nothing but kept backups and their manifests is left in the folder.
    assert len(list(backups.folder.iterdir())) == 2 * len(kept)


def test_a_backup_to_an_unusable_folder_fails_plainly_and_leaves_nothing(
    owner_services: AppServices, tmp_path: Path
) -> None:
    blocker = tmp_path / "usb"
    blocker.write_text("a file, not a folder")
    with pytest.raises(BackupError, match="cannot be used for backups"):
        owner_services.backups.back_up(blocker / "backups")
    assert blocker.read_text() == "a file, not a folder"


def test_a_damaged_database_is_set_aside_untouched_and_the_newest_good_backup_restored(
    owner_services: AppServices, database: Path, clock: FixedClock
) -> None:
    owner_services.clients.add(ZOE)
    older = owner_services.backups.back_up()
    owner_services.clients.add(ADA)
    clock.set(clock.now() + timedelta(hours=1))
    newest = owner_services.backups.back_up()
    owner_services.close()
    # Damage the database in the middle, as a failing disk would.
    flip(database, 3 * PAGE, 6 * PAGE)
    damaged_hash = sha256(database)
    with pytest.raises(CorruptDatabaseError):
        AppServices.open(database, clock, kdf=FAST_KDF)
    assert sha256(database) == damaged_hash  # never written

    found = newest_good_backup(database.parent / BACKUP_FOLDER)
    assert found is not None
    assert found.path == newest.path != older.path
    report = restore_closed_database(database, found.path, clock)

    assert report.set_aside is not None
    assert sha256(report.set_aside) == damaged_hash  # kept aside, byte for byte
    reopened = AppServices.open(database, clock, kdf=FAST_KDF)
    try:
        reopened.accounts.sign_in("amira", OWNER_PASSWORD)
        assert names(reopened) == ["Ada", "Zoë"]
        assert reopened.health().ok
    finally:
        reopened.close()


def test_the_newest_good_backup_skips_a_damaged_one(
    owner_services: AppServices, clock: FixedClock
) -> None:
    first = owner_services.backups.back_up()
    owner_services.clients.add(ZOE)
    clock.set(clock.now() + timedelta(hours=1))
    second = owner_services.backups.back_up()
    data = bytearray(second.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    second.path.write_bytes(bytes(data))
    found = newest_good_backup(owner_services.backups.folder)
    assert found is not None
    assert found.path == first.path
    with pytest.raises(BackupError, match="changed after it was made"):
        inspect_backup(second.path)


def add_until_full(services: AppServices, details: ClientDetails) -> tuple[int, str]:
    """Add clients until the store is full: how many were saved, and what the user read."""
    for saved in range(100):
        try:
            services.clients.add(details)
        except StoreWriteError as e:
            return saved, str(e)
    raise AssertionError("the store never filled")


def test_a_full_disk_fails_the_save_plainly_and_half_writes_nothing(
    owner_services: AppServices,
) -> None:
    owner_services.clients.add(ZOE)
    store = owner_services.store
    # SQLite's own "database or disk is full", as on a full disk: no page may be added.
    pages = int(str(store._db.pragma("page_count")))
    store._db.pragma(f"max_page_count = {pages}")
    long = ClientDetails("Lovelace", "Ada", ZOE.date_of_birth, address="x" * 1900)
    saved, message = add_until_full(owner_services, long)
    assert "free space" in message  # a sentence saying what to do
    store._db.pragma(f"max_page_count = {pages * 100}")
    assert names(owner_services) == ["Ada"] * saved + ["Zoë"]
    assert owner_services.health().ok
    owner_services.clients.add(long)  # room again: it saves
    assert len(names(owner_services)) == saved + 2


def test_a_restore_that_fails_partway_leaves_the_store_as_it_was(
    owner_services: AppServices, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner_services.clients.add(ZOE)
    backup = owner_services.backups.back_up().path
    owner_services.clients.add(ADA)
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        if Path(src).name.endswith(".restoring"):  # putting the backup in place
            raise OSError(errno.EACCES, "held open by another program")
        real_replace(src, dst)

    monkeypatch.setattr("mneedle_desktop.storage.replacement.os.replace", failing_replace)
    with pytest.raises(BackupError, match="was not changed"):
        owner_services.backups.restore(backup)

    assert owner_services.accounts.current is not None  # still signed in
    assert names(owner_services) == ["Ada", "Zoë"]
    assert owner_services.health().ok
    assert not marker_path(database).exists()
    assert [p.name for p in database.parent.iterdir() if "restor" in p.name] == []


def test_a_restore_stopped_midway_is_reported_at_the_next_start_and_can_be_finished(
    owner_services: AppServices, database: Path, clock: FixedClock
) -> None:
    owner_services.clients.add(ZOE)
    backup = owner_services.backups.back_up().path
    owner_services.close()
    aside = database.parent / SET_ASIDE_FOLDER / "mneedle-before-restore-x.sqlite3"
    marker_path(database).write_text(json.dumps({"set_aside": str(aside)}))

    with pytest.raises(InterruptedRestoreError) as stopped:
        AppServices.open(database, clock, kdf=FAST_KDF)
    assert str(aside) in str(stopped.value)

    restore_closed_database(database, backup, clock)  # run again: it finishes
    assert not marker_path(database).exists()
    reopened = AppServices.open(database, clock, kdf=FAST_KDF)
    try:
        reopened.accounts.sign_in("amira", OWNER_PASSWORD)
        assert names(reopened) == ["Zoë"]
    finally:
        reopened.close()


def test_a_copy_with_its_write_ahead_log_beside_it_is_restored_whole(
    owner_services: AppServices, tmp_path: Path, clock: FixedClock
) -> None:
    owner_services.clients.add(ZOE)
    owner_services.clients.add(ADA)
    live = owner_services.store.path
    wal = live.with_name(live.name + "-wal")
    assert wal.stat().st_size > 0  # the newest commits are still only in the log
    # A copy of the files as a crashed program left them (say, a set-aside database).
    offered = tmp_path / "copied.sqlite3"
    shutil.copyfile(live, offered)
    shutil.copyfile(wal, offered.with_name(offered.name + "-wal"))
    assert inspect_backup(offered).clients == 2

    other = tmp_path / "other" / "mneedle.sqlite3"
    other.parent.mkdir()
    restore_closed_database(other, offered, clock)
    restored = AppServices.open(other, clock, kdf=FAST_KDF)
    try:
        restored.accounts.sign_in("amira", OWNER_PASSWORD)
        assert names(restored) == ["Ada", "Zoë"]
    finally:
        restored.close()


def test_the_backup_just_made_is_kept_even_after_the_clock_went_back(
    owner_services: AppServices, clock: FixedClock
) -> None:
    start = clock.now()
    for month in range(14):
        clock.set(start + timedelta(days=31 * month))
        owner_services.clinic.save(owner_services.clinic.current())  # type: ignore[arg-type]
        owner_services.backups.back_up()
    clock.set(start - timedelta(days=365))  # the laptop's clock was reset
    made = owner_services.backups.back_up()
    assert made.path.exists()
    assert inspect_backup(made.path).created_at == made.created_at


def test_a_backup_elsewhere_does_not_stand_in_for_the_automatic_one(
    owner_services: AppServices, tmp_path: Path
) -> None:
    owner_services.backups.back_up_if_due()
    owner_services.clients.add(ZOE)
    owner_services.backups.back_up(tmp_path / "usb")
    assert owner_services.backups.back_up_if_due(closing=True) is not None
    with owner_services.store.read() as s:
        details = [e.detail for e in s.audit.entries() if e.action == "backup"]
    assert details == ["to a chosen folder"]


def test_an_emptied_database_with_backups_is_damaged_not_new(
    owner_services: AppServices, database: Path, clock: FixedClock
) -> None:
    owner_services.clients.add(ZOE)
    owner_services.backups.back_up()
    owner_services.close()
    database.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    with pytest.raises(CorruptDatabaseError, match="empty, but backups of it exist"):
        AppServices.open(database, clock, kdf=FAST_KDF)
    assert database.stat().st_size == 0  # not set up afresh


def test_a_backup_stopped_before_its_manifest_is_completed_at_the_next_backup(
    owner_services: AppServices, clock: FixedClock
) -> None:
    first = owner_services.backups.back_up()
    manifest_path(first.path).unlink()  # stopped between the copy and its manifest
    orphan = manifest_path(first.path).with_name("mneedle-backup-20200101T000000Z.json")
    orphan.write_text("{}")  # a manifest whose copy is gone
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.clients.add(ZOE)
    owner_services.backups.back_up()
    listed_paths = [b.path for b in list_backups(owner_services.backups.folder)]
    assert first.path in listed_paths
    assert inspect_backup(first.path).created_at == first.created_at.replace(microsecond=0)
    assert not orphan.exists()
