"""Putting a backup in the database's place, keeping the database it replaces aside.

Nothing is overwritten in place and nothing is deleted: the current database file (and its
``-wal``/``-shm`` companions) is renamed into a folder of set-aside files, and the backup is
copied beside the database, checked, and renamed to the database's name.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from mneedle_desktop.storage.backup_copies import CopyFacts, check_copy, fsync_dir
from mneedle_desktop.storage.errors import BackupError

_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreOutcome:
    facts: CopyFacts
    set_aside: Path | None  # where the replaced database now is (None: there was none)


def restore_database(
    database: Path, backup: Path, set_aside_dir: Path, label: str
) -> RestoreOutcome:
    """Replace the (closed) database at ``database`` with a checked copy of ``backup``.

    The backup is checked before anything is moved; a backup that fails raises
    ``BackupError`` with the database untouched. ``label`` names the set-aside file (a time
    stamp, never client data).
    """
    partial = database.with_name(f".{database.name}.restoring")
    try:
        _copy_private(backup, partial)
        facts = check_copy(partial)
        aside = set_aside(database, set_aside_dir, f"before-restore-{label}")
        os.replace(partial, database)
        fsync_dir(database.parent)
    except OSError as e:
        raise BackupError(
            f"The backup could not be copied into {database.parent} ({e.strerror or e}). "
            "The database was not changed. Check that the disk has free space.",
            backup,
        ) from e
    finally:
        partial.unlink(missing_ok=True)
    return RestoreOutcome(facts, aside)


def set_aside(database: Path, set_aside_dir: Path, label: str) -> Path | None:
    """Rename the database and its companion files into ``set_aside_dir`` under a name
    holding ``label``; return the new path of the main file (None when there is none)."""
    if not database.exists():
        return None
    set_aside_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = _free_name(set_aside_dir, f"{database.stem}-{label}", database.suffix)
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(database, target)
    fsync_dir(set_aside_dir)
    fsync_dir(database.parent)
    return target


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def _copy_private(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())
