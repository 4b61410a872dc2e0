"""Writing files the user keeps (exports, PDFs) so that a failure never leaves half a file,
and the small file checks the services share."""

import os
from pathlib import Path


def is_empty_file(path: Path) -> bool:
    """Whether ``path`` is a file of 0 bytes (False when it cannot be looked at)."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it into
    place: a failure never leaves a half-written file."""
    import tempfile  # loaded when first written, not at start-up

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
