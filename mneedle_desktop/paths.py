"""Where the program keeps its data and logs, and making those folders private."""

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mneedle_desktop.storage.errors import DataDirectoryError
from mneedle_desktop.storage.store import DATABASE_FILENAME

APP_DIR_NAME = "MNeedle Desktop"
APP_AUTHOR = "MNeedle"
DATA_DIR_ENV = "MNEEDLE_DATA_DIR"
# Held by the running app (one copy per data folder); its first line is the holder's PID.
APP_LOCK_FILENAME = "mneedle-desktop.lock"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILENAME


def resolve_paths(data_dir: str | None, environ: Mapping[str, str]) -> AppPaths:
    """``--data-dir`` wins, then ``MNEEDLE_DATA_DIR``, then the platform's user data folder.

    A chosen data folder keeps its logs inside it (``logs/``), so a portable install or a
    test leaves nothing behind elsewhere.
    """
    chosen = data_dir or environ.get(DATA_DIR_ENV) or None
    if chosen:
        root = Path(chosen).expanduser().absolute()
        return AppPaths(root, root / "logs")
    import platformdirs  # only when no folder was chosen

    return AppPaths(
        Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR)),
        Path(platformdirs.user_log_dir(APP_DIR_NAME, APP_AUTHOR)),
    )


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` readable by the user only (0700 on POSIX) and prove it is writable,
    or raise ``DataDirectoryError`` with a message saying what to do. An existing folder
    keeps the permissions its owner gave it."""
    try:
        if not path.is_dir():
            if path.exists():
                raise NotADirectoryError(0, "it is a file, not a folder")
            blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
            if blocker is not None:
                raise NotADirectoryError(0, f"{blocker} is a file, not a folder")
            path.mkdir(mode=0o700, parents=True)
            if os.name == "posix":
                path.chmod(0o700)  # mkdir's mode is filtered by the umask
        # Can a file be made here? (Without ``tempfile``, which start-up would load for
        # this alone.)
        probe = path / f".write-test-{os.getpid()}-{os.urandom(4).hex()}"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with contextlib.suppress(OSError):  # a virus scanner may hold it for a moment
            probe.unlink()
    except OSError as e:
        reason = e.strerror or str(e)
        raise DataDirectoryError(
            f"The data folder {path} cannot be used ({reason}). Check that it is a folder "
            f"you can write to, or choose another one with --data-dir or {DATA_DIR_ENV}.",
            path,
        ) from e


def app_is_running(data_dir: Path) -> bool:
    """Whether a running copy of the app holds ``data_dir``'s lock file. A lock left by a
    program that was killed does not count (POSIX; elsewhere any lock file counts)."""
    lock = data_dir / APP_LOCK_FILENAME
    try:
        first_line = lock.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    except OSError:
        return False
    if os.name != "posix":
        return True
    try:
        pid = int(first_line[0]) if first_line else 0
    except ValueError:
        return True
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
