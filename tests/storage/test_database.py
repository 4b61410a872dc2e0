import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.storage.database import APPLICATION_ID, open_database
from mneedle_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    NotOurDatabaseError,
)
from mneedle_desktop.storage.migrations import LATEST_VERSION, MIGRATIONS
from mneedle_desktop.storage.store import Store
from tests.damage import damage_middle


def test_new_database_has_the_pragmas_we_rely_on(database: Path) -> None:
    db = open_database(database)
    try:
        assert db.pragma("journal_mode") == "wal"
        assert db.pragma("foreign_keys") == 1
        assert db.pragma("synchronous") == 2  # FULL
        assert int(str(db.pragma("busy_timeout"))) >= 1000
        assert db.pragma("application_id") == APPLICATION_ID
        assert db.pragma("user_version") == LATEST_VERSION
    finally:
        db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_and_its_wal_files_are_private(database: Path) -> None:
    db = open_database(database)
    try:
        with db.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        for suffix in ("", "-wal", "-shm"):
            path = database.with_name(database.name + suffix)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    finally:
        db.close()


def test_migrations_from_empty_create_every_table(database: Path) -> None:
    db = open_database(database)
    db.close()
    conn = sqlite3.connect(database)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert {"meta", "clinic", "practitioner", "client", "audit_log"} <= tables


def test_migrations_are_numbered_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def test_reopening_keeps_data_and_identity(database: Path, clock: FixedClock) -> None:
    first = Store.open(database, clock)
    with first.write() as s:
        s.record(AuditEvent("p1", AuditAction.CREATE, "client", "c1"))
    device = first.device_id
    first.close()
    again = Store.open(database, clock)
    try:
        assert again.device_id == device
        assert again.schema_version == LATEST_VERSION
        with again.read() as s:
            assert [e.entity_id for e in s.audit.entries()] == ["c1"]
    finally:
        again.close()


def _snapshot(path: Path) -> tuple[bytes, list[str]]:
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def test_newer_database_is_refused_and_untouched(database: Path) -> None:
    conn = sqlite3.connect(database)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _snapshot(database)
    with pytest.raises(NewerDatabaseError) as info:
        open_database(database)
    assert str(database) in str(info.value)
    assert "newer version" in str(info.value)
    assert _snapshot(database) == before


def test_text_file_is_refused_and_untouched(database: Path) -> None:
    database.write_text("these are my notes, not a database\n" * 10)
    before = _snapshot(database)
    with pytest.raises(NotOurDatabaseError) as info:
        open_database(database)
    assert "not a MNeedle Desktop database" in str(info.value)
    assert _snapshot(database) == before


def test_other_programs_sqlite_database_is_refused_and_untouched(database: Path) -> None:
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('x')")
    conn.commit()
    conn.close()
    before = _snapshot(database)
    with pytest.raises(NotOurDatabaseError):
        open_database(database)
    assert _snapshot(database) == before


def test_database_with_another_application_id_is_refused(database: Path) -> None:
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _snapshot(database)
    with pytest.raises(NotOurDatabaseError, match="another application"):
        open_database(database)
    assert _snapshot(database) == before


def test_corrupt_database_is_refused_and_untouched(database: Path) -> None:
    open_database(database).close()
    data = bytearray(database.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1's b-tree: the schema table
    database.write_bytes(bytes(data))
    before = _snapshot(database)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(database)
    assert "damaged" in str(info.value)
    assert _snapshot(database) == before


def test_locked_database_is_reported(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(database).close()
    monkeypatch.setattr("mneedle_desktop.storage.database.BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError) as info:
            open_database(database)
        assert "in use by another program" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_transaction_rolls_back_on_error(database: Path) -> None:
    db = open_database(database)
    try:

        def half_done_use_case() -> None:
            with db.transaction() as conn:
                conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
                raise RuntimeError("use case failed half-way")

        with pytest.raises(RuntimeError):
            half_done_use_case()
        with db.transaction(write=False) as conn:
            assert conn.execute("SELECT count(*) FROM meta WHERE key = 'k'").fetchone()[0] == 0
    finally:
        db.close()


def test_newer_database_with_a_pending_wal_is_not_checkpointed(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    writer.execute("CREATE TABLE later (x)")
    writer.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    copy = tmp_path / "copy"
    copy.mkdir()
    for suffix in ("", "-wal"):  # as a crash would leave them: the change only in the WAL
        (copy / f"db.sqlite3{suffix}").write_bytes(Path(f"{source}{suffix}").read_bytes())
    writer.close()
    database = copy / "db.sqlite3"
    main_before = database.read_bytes()
    wal_before = (copy / "db.sqlite3-wal").read_bytes()
    with pytest.raises(NewerDatabaseError):
        open_database(database)
    assert database.read_bytes() == main_before
    assert (copy / "db.sqlite3-wal").read_bytes() == wal_before


def test_damage_beyond_the_first_page_is_found_at_open(database: Path) -> None:
    db = open_database(database)
    with db.transaction() as conn:
        for n in range(400):
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"k{n}", "v" * 200))
    db.close()  # the last connection to close checkpoints the WAL into the main file
    data = bytearray(database.read_bytes())
    assert len(data) > 8 * 4096
    data[5 * 4096 : 6 * 4096] = b"\x07" * 4096
    database.write_bytes(bytes(data))
    before = _snapshot(database)
    with pytest.raises(CorruptDatabaseError):
        open_database(database)
    assert _snapshot(database) == before


def _store_with_rows(database: Path, clock: FixedClock) -> None:
    store = Store.open(database, clock)
    try:
        with store.write() as s:
            for i in range(300):
                s.record(AuditEvent("system", AuditAction.UPDATE, "test", str(i), "x" * 200))
    finally:
        store.close()


def test_a_check_left_for_later_holds_every_write_until_it_passes(
    database: Path, clock: FixedClock
) -> None:
    _store_with_rows(database, clock)
    store = Store.open(database, clock, check_later=True)
    try:
        with store.write() as s:  # waits for the check, which passes
            s.record(AuditEvent("system", AuditAction.UPDATE, "test", "after", ""))
        assert store.background_check_passed  # it ran, in the background, and passed
    finally:
        store.close()


def test_a_check_left_for_later_waits_to_be_started_then_finds_the_damage(
    database: Path, clock: FixedClock
) -> None:
    """The program starts the check once its first window is shown; until then it is
    not done (and so not passed), and started, it finds a damaged file without a write."""
    _store_with_rows(database, clock)
    damaged = damage_middle(database)
    store = Store.open(database, clock, check_later=True)
    try:
        time.sleep(0.3)  # a check started at opening would have found the damage by now
        assert not store.background_check_done
        assert not store.background_check_failed
        store.start_background_check()
        deadline = time.monotonic() + 30
        while not store.background_check_done and time.monotonic() < deadline:
            time.sleep(0.01)
        assert store.background_check_failed
        assert not store.background_check_passed
    finally:
        store.close()
    assert database.read_bytes() == damaged


def test_a_damaged_file_checked_later_refuses_every_write_and_is_never_written(
    database: Path, clock: FixedClock
) -> None:
    _store_with_rows(database, clock)
    damaged = damage_middle(database)
    store = Store.open(database, clock, check_later=True)  # identity is fine: it opens
    try:
        with pytest.raises(CorruptDatabaseError), store.write() as s:
            s.record(AuditEvent("system", AuditAction.UPDATE, "test", "after", ""))
        assert store.background_check_failed
    finally:
        store.close()
    assert database.read_bytes() == damaged


def test_a_file_with_a_log_to_replay_is_checked_before_anything_can_write_it(
    database: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """After a crash the -wal holds commits: opening would copy them into the file, so a
    damaged one must be refused before that, even when the check could wait."""
    _store_with_rows(database, clock)
    writer = sqlite3.connect(database)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO meta (key, value) VALUES ('crash', 'left in the log')")
    writer.commit()
    crashed = tmp_path / "crashed" / database.name
    crashed.parent.mkdir()
    for suffix in ("", "-wal"):
        crashed.with_name(crashed.name + suffix).write_bytes(
            database.with_name(database.name + suffix).read_bytes()
        )
    writer.close()
    damaged = damage_middle(crashed)
    log = crashed.with_name(crashed.name + "-wal").read_bytes()
    assert log
    with pytest.raises(CorruptDatabaseError):
        Store.open(crashed, clock, check_later=True)
    assert crashed.read_bytes() == damaged
    assert crashed.with_name(crashed.name + "-wal").read_bytes() == log
