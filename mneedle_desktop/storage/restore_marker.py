"""The marker a restore leaves while it replaces the database (see ``replacement``), and
what the next start says when it finds one: checked at every start, so kept apart from the
restore's own code, which loads only when a restore runs."""

from pathlib import Path

from mneedle_desktop.storage.errors import InterruptedRestoreError


def marker_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.restore-in-progress")


def interrupted_restore(database: Path) -> InterruptedRestoreError | None:
    """The error to raise when a restore into this folder was stopped before it finished."""
    marker = marker_path(database)
    if not marker.exists():
        return None
    import json

    try:
        aside = str(json.loads(marker.read_text(encoding="utf-8"))["set_aside"])
    except (OSError, ValueError, KeyError, TypeError):
        aside = "the data folder's set-aside folder"
    return InterruptedRestoreError(
        f"A restore into {database.parent} was stopped before it finished. The database as "
        f"it was before is kept at {aside}. Run the restore again to finish it (mneedle-desktop "
        f"restore BACKUP), or, to go back, put that file in place of {database.name} and "
        f"delete {marker.name}.",
        database,
    )
