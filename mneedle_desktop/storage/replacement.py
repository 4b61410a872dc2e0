"""Putting a backup in the database's place, keeping the database it replaces aside.

Nothing is overwritten in place and nothing is deleted, and the database's path always
holds a whole database, the old one or the new one:

1. the backup is copied beside the database with SQLite's backup API (which reads a
   ``-wal`` beside it too) and checked; a backup that fails changes nothing;
2. a marker file says a restore is under way and where the old database is kept;
3. the old database is linked (or copied) into the set-aside folder, and its ``-wal`` and
   ``-shm`` are moved there (so they can never be applied to the restored file);
4. the checked copy is renamed over the database in one step, and the marker removed.

A program stopped between 2 and 4 leaves the marker: the next start refuses to open the
store and says where the old database is (``restore_marker.interrupted_restore``).
"""

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from mneedle_desktop.storage.backup_copies import CopyFacts, check_copy, fsync_dir
from mneedle_desktop.storage.errors import BackupError
from mneedle_desktop.storage.restore_marker import marker_path

_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreOutcome:
    facts: CopyFacts
    set_aside: Path | None  # where the replaced database now is (None: there was none)


def restore_database(
    database: Path, backup: Path, set_aside_dir: Path, label: str
) -> RestoreOutcome:
    """Replace the (closed) database at ``database`` with a checked copy of ``backup``.

    ``label`` names the set-aside file (a time stamp, never client data). Raises
    ``BackupError`` with the database untouched when the backup cannot be used or copied.
    """
    partial = database.with_name(f".{database.name}.restoring")
    marker = marker_path(database)
    try:
        partial.unlink(missing_ok=True)
        _copy_with_sqlite(backup, partial)
        facts = check_copy(partial)
        aside = _free_name(set_aside_dir, f"{database.stem}-before-restore-{label}", ".sqlite3")
        if database.exists():
            set_aside_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            marker.write_text(json.dumps({"set_aside": str(aside)}), encoding="utf-8")
            fsync_dir(database.parent)
            try:
                _keep_aside(database, aside)
                os.replace(partial, database)
            except OSError:
                _undo_keep_aside(database, aside)
                marker.unlink(missing_ok=True)
                raise
        else:
            os.replace(partial, database)
        fsync_dir(database.parent)
        marker.unlink(missing_ok=True)
        fsync_dir(database.parent)
    except OSError as e:
        raise BackupError(
            f"The backup could not be put in place in {database.parent} ({e.strerror or e}). "
            "The database was not changed. Check that the disk has free space.",
            backup,
        ) from e
    finally:
        partial.unlink(missing_ok=True)
        for suffix in _COMPANIONS:
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    return RestoreOutcome(facts, aside if aside.exists() else None)


def _keep_aside(database: Path, target: Path) -> None:
    """A copy of the main file at ``target`` (a hard link where the file system allows),
    then the companions moved beside it; the main file itself stays in place."""
    if target.exists():
        target.unlink()
    try:
        os.link(database, target)
    except OSError:
        import shutil  # only when a hard link cannot be made

        shutil.copy2(database, target)
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    fsync_dir(target.parent)


def _undo_keep_aside(database: Path, target: Path) -> None:
    """Put the companions back beside the (untouched) database and drop the copy."""
    for suffix in _COMPANIONS:
        moved = target.with_name(target.name + suffix)
        if moved.exists():
            os.replace(moved, database.with_name(database.name + suffix))
    target.unlink(missing_ok=True)


def _copy_with_sqlite(source: Path, target: Path) -> None:
    """Copy ``source`` (with its ``-wal``, if any) into a new private file ``target``
    through SQLite, as one self-contained file."""
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        src = sqlite3.connect(source.absolute().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise BackupError(f"{source.name} cannot be opened ({e}).", source) from e
    try:
        with contextlib.closing(sqlite3.connect(target, isolation_level=None)) as dest:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        with target.open("rb+") as f:
            os.fsync(f.fileno())
    except sqlite3.Error as e:
        raise BackupError(
            f"{source.name} is not a MNeedle Desktop backup, or is damaged ({e}).", source
        ) from e
    finally:
        src.close()


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate
