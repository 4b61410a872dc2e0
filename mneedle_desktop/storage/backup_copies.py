"""Copies of the database: made with SQLite's online backup API, and checked before use.

A copy is written under a temporary name, checked (``integrity_check``,
``foreign_key_check``, that it is ours and not newer than this program), flushed to disk,
and only then renamed to its final name: a file with a final name is always a whole,
checked copy.
"""

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from mneedle_desktop.storage.database import APPLICATION_ID, Database
from mneedle_desktop.storage.errors import BackupError
from mneedle_desktop.storage.migrations import LATEST_VERSION

_SQLITE_MAGIC = b"SQLite format 3\x00"
# The tables every database of ours has had since schema 1.
_REQUIRED_TABLES = frozenset({"meta", "clinic", "practitioner", "client", "audit_log"})


@dataclass(frozen=True)
class CopyFacts:
    """What a checked copy holds: enough to show before restoring it, and no client data."""

    schema_version: int
    row_counts: dict[str, int]
    last_audit_seq: int
    last_audit_hash: str | None
    sha256: str
    size: int


def copy_database(source: Database, target: Path) -> CopyFacts:
    """Copy the open database ``source`` to ``target`` (which must not exist) with the
    online backup API, check the copy, and rename it into place. Raises ``BackupError``
    (leaving nothing at ``target``) when the copy cannot be written or fails its checks."""
    if target.exists():
        raise BackupError(f"A file named {target.name} is already in {target.parent}.", target)
    partial = _partial_name(target)
    try:
        dest = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup_to(dest)
            # One self-contained file: no -wal beside it to lose when it is copied.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        try:
            facts = check_copy(partial)
        except BackupError as e:
            raise BackupError(
                "No backup was made: the clinic's database failed its check while it was "
                f"copied ({e}). Run 'mneedle-desktop check' to see what is wrong.",
                target,
            ) from e
        _fsync(partial)
        os.replace(partial, target)
        fsync_dir(target.parent)
        return facts
    except sqlite3.Error as e:
        raise BackupError(
            f"The backup to {target.parent} could not be written ({e}). Nothing was left "
            "half-written. Check that the disk has free space and is not read-only.",
            target,
        ) from e
    except OSError as e:
        raise BackupError(
            f"The backup to {target.parent} could not be written ({e.strerror or e}). "
            "Nothing was left half-written. Check that the disk has free space and is not "
            "read-only.",
            target,
        ) from e
    finally:
        partial.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def check_copy(path: Path) -> CopyFacts:
    """Check that ``path`` is a whole, healthy database of ours that this program can read,
    and say what it holds. Raises ``BackupError`` saying what is wrong. Opens the file
    read-only and never changes it."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as e:
        raise BackupError(f"{path} cannot be read ({e.strerror or e}).", path) from e
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        raise BackupError(f"{path.name} is not a MNeedle Desktop backup (not a database).", path)
    uri = path.absolute().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as e:
        raise BackupError(f"{path.name} cannot be opened ({e}).", path) from e
    try:
        return _check_open_copy(conn, path)
    except sqlite3.Error as e:
        raise BackupError(f"{path.name} is damaged ({e}); it cannot be used.", path) from e
    finally:
        conn.close()


def _check_open_copy(conn: sqlite3.Connection, path: Path) -> CopyFacts:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id != APPLICATION_ID:
        raise BackupError(
            f"{path.name} is not a MNeedle Desktop backup (it belongs to another program).", path
        )
    if version > LATEST_VERSION:
        raise BackupError(
            f"{path.name} was made by a newer version of MNeedle Desktop (schema {version}; "
            f"this version reads up to {LATEST_VERSION}). Install the newer version to use it.",
            path,
        )
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if problems != ["ok"]:
        raise BackupError(
            f"{path.name} is damaged (SQLite's integrity check: {problems[0]}); it cannot be used.",
            path,
        )
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        raise BackupError(
            f"{path.name} is damaged ({len(orphans)} row(s) point at rows that are not "
            f"there, first in table {orphans[0][0]}); it cannot be used.",
            path,
        )
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    missing = _REQUIRED_TABLES - set(tables)
    if missing:
        raise BackupError(
            f"{path.name} is not a whole MNeedle Desktop database (no {sorted(missing)[0]} table).",
            path,
        )
    counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    digest, size = file_sha256(path)
    return CopyFacts(
        schema_version=version,
        row_counts=counts,
        last_audit_seq=int(last[0]) if last else 0,
        last_audit_hash=str(last[1]) if last else None,
        sha256=digest,
        size=size,
    )


def file_sha256(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) and size of a file, read in blocks."""
    import hashlib

    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def _partial_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
