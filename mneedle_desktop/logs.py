"""Logging to a rotated file in the user's log folder.

Log lines name actions and record ids only: never a client's name, contact details or answers.
"""

import logging
import logging.handlers
from pathlib import Path

from mneedle_desktop.paths import ensure_private_dir

LOG_FILENAME = "mneedle-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the package's log records to ``log_dir``; returns the file, or None when the
    folder cannot be written (the program then runs without a log file)."""
    root = logging.getLogger("mneedle_desktop")
    root.setLevel(level)
    if not root.handlers:
        # Without a log file the records go nowhere, rather than to the terminal.
        root.addHandler(logging.NullHandler())
    for handler in list(root.handlers):
        if getattr(handler, "_mneedle", False):
            root.removeHandler(handler)
            handler.close()
    try:
        ensure_private_dir(log_dir)
        path = log_dir / LOG_FILENAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except Exception:
        return None
    handler._mneedle = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
