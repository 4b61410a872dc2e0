"""Logging to a rotated file in the user's log folder.

Log lines name actions and record ids only: never a client's name, contact details or answers.
"""

import logging
import os
from pathlib import Path
from types import TracebackType

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
        _rotate(path)
        handler = logging.FileHandler(path, encoding="utf-8")
    except Exception:
        return None
    handler._mneedle = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def _rotate(path: Path) -> None:
    """At start-up, a log over ``MAX_BYTES`` becomes ``.1`` (and ``.1`` becomes ``.2``...,
    keeping ``BACKUP_COUNT``). Once per start is enough for a desktop program, and avoids
    loading ``logging.handlers`` (sockets and all) before the first window."""
    try:
        if path.stat().st_size <= MAX_BYTES:
            return
    except FileNotFoundError:
        return
    for n in range(BACKUP_COUNT - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


def log_unexpected(
    logger: logging.Logger, exc: BaseException, tb: TracebackType | None = None
) -> None:
    """Log an unexpected failure as its type and where it happened. The exception's own
    message is left out: it may quote what was typed (a name, an answer)."""
    import traceback  # only when something went wrong

    frames = traceback.extract_tb(tb if tb is not None else exc.__traceback__)
    where = "".join(f"\n  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    logger.error("unexpected %s%s", type(exc).__qualname__, where)
