"""Damaging database files on purpose, as a failing disk would."""

from pathlib import Path

PAGE = 4096


def flip(path: Path, start: int, end: int, mask: int = 0x5A) -> bytes:
    """XOR the bytes from ``start`` to ``end`` (negative: from the file's end) with
    ``mask``; the file's new content."""
    data = bytearray(path.read_bytes())
    stop = end if end >= 0 else len(data) + end
    for i in range(start, stop):
        data[i] ^= mask
    path.write_bytes(bytes(data))
    return bytes(data)


def damage_middle(path: Path, pages: int = 4) -> bytes:
    """Flip a few pages in the middle of the file, leaving what opening reads (the header,
    the schema, the settings) intact; the file's new content."""
    middle = path.stat().st_size // 2 // PAGE * PAGE
    return flip(path, middle, middle + pages * PAGE)
