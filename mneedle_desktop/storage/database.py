"""Opening the SQLite file safely: identify it before touching it, then migrate.

A file that is not ours, is damaged, or was written by a newer program is refused and left
exactly as it was: nothing is written to it before those checks pass.
"""

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from mneedle_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    NotOurDatabaseError,
    StoreError,
    StoreWriteError,
)
from mneedle_desktop.storage.migrations import LATEST_VERSION, pending

log = logging.getLogger(__name__)

# "MNDL" as a big-endian integer: marks the file as ours in the SQLite header.
APPLICATION_ID = 0x4D4E444C
BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


def _read_header(path: Path) -> bytes | None:
    """The file's first 100 bytes, or None for a file that does not exist or is empty."""
    try:
        with path.open("rb") as f:
            header = f.read(_HEADER_SIZE)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise StoreError(
            f"The database file {path} cannot be read ({e.strerror}). "
            "Check its permissions, or point --data-dir at another folder.",
            path,
        ) from e
    return header or None


def _header_int(header: bytes, offset: int) -> int:
    return int.from_bytes(header[offset : offset + 4], "big")


def _is_locked(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)  # absent on the module's own errors
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _is_corrupt(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _translate(path: Path, error: sqlite3.Error) -> StoreError:
    """The user-facing form of an SQLite failure during a transaction."""
    if _is_locked(error):
        return _locked(path, error)
    if _is_corrupt(error):
        return _corrupt(path, error)
    return _write_failed(path, error)


def _locked(path: Path, error: Exception) -> DatabaseLockedError:
    return DatabaseLockedError(
        f"The database {path} is in use by another program, perhaps another copy of "
        "MNeedle Desktop. Close it and try again.",
        path,
    )


def _not_ours(path: Path, why: str) -> NotOurDatabaseError:
    return NotOurDatabaseError(
        f"{path} is not a MNeedle Desktop database ({why}). It was left untouched. "
        "Move it away, or point --data-dir at another folder.",
        path,
    )


def _corrupt(path: Path, error: Exception) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"The database {path} is damaged and cannot be opened. It was left untouched. "
        "Keep a copy of the file and restore your latest backup.",
        path,
    )


def _newer(path: Path, version: int) -> NewerDatabaseError:
    return NewerDatabaseError(
        f"The database {path} was written by a newer version of MNeedle Desktop "
        f"(schema {version}; this version reads up to {LATEST_VERSION}). It was left "
        "untouched. Install the newer version to open it.",
        path,
    )


def _write_failed(path: Path, error: sqlite3.Error) -> StoreWriteError:
    return StoreWriteError(
        f"Saving to {path} failed ({error}). Nothing was half-written. "
        "Check that the disk has free space and is not read-only, then try again.",
        path,
    )


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by the user only (SQLite reuses the mode
    of the main file for its -wal and -shm files)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


class Database:
    """One connection, with transactions that commit whole or roll back whole."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._check: threading.Thread | None = None
        self._check_pending = False
        self._check_problems: list[str] = []
        self._check_ran = False

    def check_later(self) -> None:
        """Leave SQLite's ``quick_check`` for ``start_check``, or for the first write. Every
        write waits for it, and a damaged file refuses them: nothing is written to a file
        that has not passed."""
        self._check_pending = True

    def start_check(self) -> None:
        """Start the check left for later, on a connection of its own in the background
        (the program starts it once its first window is shown: reading the whole file
        beside the window's start-up slowed it)."""
        if not self._check_pending:
            return
        self._check_pending = False
        self._check = threading.Thread(target=self._run_check, name="quick_check", daemon=True)
        self._check.start()

    def _run_check(self) -> None:
        try:
            self._check_problems = _quick_check(self.path)
            self._check_ran = True
        except BaseException as e:
            # The check could not run here; the first write runs it instead.
            log.warning("background quick_check did not run: %s", type(e).__name__)

    @property
    def background_check_passed(self) -> bool:
        """A background check ran to the end and found nothing wrong."""
        return self.background_check_done and self._check_ran and not self._check_problems

    @property
    def background_check_done(self) -> bool:
        """No check pending or running: none was asked for, or it has finished (passed
        or not)."""
        if self._check_pending:
            return False
        return self._check is None or not self._check.is_alive()

    @property
    def background_check_failed(self) -> bool:
        """The background check has finished and found the file damaged."""
        return self._check is not None and not self._check.is_alive() and bool(self._check_problems)

    def _wait_for_check(self) -> None:
        self.start_check()
        if self._check is None:
            return
        self._check.join()
        if not self._check_ran:
            _refuse_if_damaged(self.path)  # raises when damaged or unreadable
            self._check_ran = True
        if self._check_problems:
            log.error("quick_check failed with %d problem(s)", len(self._check_problems))
            raise _corrupt(self.path, RuntimeError(self._check_problems[0]))

    @contextlib.contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` for writes (the write lock is taken up front), a deferred
        ``BEGIN`` for a consistent read. Rolls back on any exception."""
        if write:
            self._wait_for_check()
        try:
            self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.Error as e:
            raise _translate(self.path, e) from e
        try:
            yield self._conn
        except BaseException as e:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.DatabaseError) and not isinstance(
                e, sqlite3.IntegrityError | sqlite3.ProgrammingError
            ):
                raise _translate(self.path, e) from e
            raise
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as e:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise _translate(self.path, e) from e

    def pragma(self, name: str) -> object:
        row = self._conn.execute(f"PRAGMA {name}").fetchone()
        return None if row is None else row[0]

    def integrity_problems(self) -> list[str]:
        """SQLite's full ``integrity_check`` and ``foreign_key_check``: ``[]`` when
        healthy, else the complaints, in words."""
        try:
            rows = [r[0] for r in self._conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                return [str(r) for r in rows]
            orphans = self._conn.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as e:
            return [str(e)]
        return [
            f"a row of table {table} points at a missing row of table {parent}"
            for table, _rowid, parent, _fk in orphans
        ]

    def backup_to(self, dest: sqlite3.Connection) -> None:
        """Copy the whole database into ``dest`` with SQLite's online backup API: a
        consistent snapshot, taken while the database stays open."""
        self._conn.backup(dest)

    @property
    def total_changes(self) -> int:
        """Rows changed through this connection since it was opened."""
        return self._conn.total_changes

    def close(self) -> None:
        self._conn.close()


def open_database(path: Path, *, check_later: bool = False) -> Database:
    """Open (creating when absent) our database at ``path`` and bring it to the latest schema.

    Raises a ``StoreError`` subclass, with the file unchanged, for a foreign, damaged, newer
    or locked file. With ``check_later``, SQLite's ``quick_check`` (which reads the whole
    file) is left for ``Database.start_check`` (or the first write) instead of running before
    returning; writes wait for it. A file that needs migrating is always checked first.
    """
    header = _read_header(path)
    if header is not None:
        if not header.startswith(_SQLITE_MAGIC) or len(header) < _HEADER_SIZE:
            raise _not_ours(path, "not an SQLite file")
        app_id = _header_int(header, 68)
        if app_id not in (0, APPLICATION_ID):
            raise _not_ours(path, "it belongs to another application")
    else:
        if not path.exists():
            _create_private_file(path)

    defer = False
    if header is not None:
        version = _inspect_read_only(path)
        # Opening writes nothing only to a file already in WAL mode with no log to replay:
        # any other file is checked before the connection that could write it is opened.
        defer = (
            check_later
            and version == LATEST_VERSION
            and header[18:20] == b"\x02\x02"
            and not _has_log(path)
        )
        if not defer:
            _refuse_if_damaged(path)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _configure(conn, path)
        db = Database(conn, path)
        if defer:
            db.check_later()
        _migrate(db)
        return db
    except sqlite3.Error as e:
        conn.close()
        raise _translate(path, e) from e
    except BaseException:
        conn.close()
        raise


def _has_log(path: Path) -> bool:
    """A non-empty ``-wal`` beside the file (a program stopped before checkpointing)."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes the file, not even by a WAL checkpoint."""
    # Without a -wal file the main file is the whole database: read it as immutable, which
    # creates no -wal or -shm beside it. With one, a read-only connection reads it too and
    # never checkpoints it into the main file.
    wal = path.with_name(path.name + "-wal")
    uri = path.absolute().as_uri() + ("?mode=ro" if wal.exists() else "?immutable=1")
    try:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as e:
        raise _translate(path, e) from e


def _inspect_read_only(path: Path) -> int:
    """Identify an existing file read-only, so that a file we must refuse (foreign, newer)
    is never written; its schema version."""
    conn = _read_only(path)
    try:
        return _check_identity(conn, path)
    except sqlite3.Error as e:
        raise _translate(path, e) from e
    finally:
        conn.close()


def _quick_check(path: Path) -> list[str]:
    """SQLite's ``quick_check`` through a read-only connection: ``[]`` when healthy, else
    what is wrong. Raises ``StoreError`` when the file cannot be read for another reason."""
    conn = _read_only(path)
    try:
        if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            return []
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        return [] if rows == ["ok"] else rows
    except sqlite3.Error as e:
        if _is_corrupt(e):
            return [str(e)]
        raise _translate(path, e) from e
    finally:
        conn.close()


def _refuse_if_damaged(path: Path) -> None:
    problems = _quick_check(path)
    if problems:
        log.error("quick_check failed with %d problem(s)", len(problems))
        raise _corrupt(path, RuntimeError(problems[0]))


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Read-only checks: the application id, the schema version, and for an unmarked file
    that it is empty (a fresh file of ours, not someone else's database)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables or version:
            raise _not_ours(path, "it holds tables of another program")
    elif app_id != APPLICATION_ID:
        raise _not_ours(path, "it belongs to another application")
    if version > LATEST_VERSION:
        raise _newer(path, version)
    return int(version)


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("database journal mode is %s, not WAL", mode)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    # Overwrite deleted content, so nothing removed lingers in free pages.
    conn.execute("PRAGMA secure_delete = ON")


def _migrate(db: Database) -> None:
    current = int(str(db.pragma("user_version")))
    for migration in pending(current):
        with db.transaction() as conn:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= migration.version:
                continue
            if migration.version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.version}")
        log.info("database migrated to schema %d", migration.version)
