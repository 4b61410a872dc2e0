"""Typed reading of parsed TOML, with errors that name the file, the line and the key."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\.\"' ]+?)\s*=")


class ContentError(ValueError):
    """Content that cannot be used; the message says where and why."""

    def __init__(self, file: str, key: str, message: str, line: int | None) -> None:
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")
        self.file = file
        self.key = key
        self.line = line


def decode_error(file: str, error: Exception) -> ContentError:
    """A TOML syntax error as a ``ContentError`` with the line it happened on."""
    m = re.search(r"at line (\d+)", str(error))
    return ContentError(file, "", f"is not valid TOML ({error})", int(m.group(1)) if m else None)


def _split_key(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in text.split(".")]


def locate(text: str, key: str) -> int | None:
    """The 1-based line where ``key`` (dotted, e.g. ``rules.isotretinoin.interval``) or its
    nearest enclosing table is written, or None when it cannot be found."""
    target = [p for p in key.split(".") if not p.isdigit()]
    table: list[str] = []
    best: tuple[int, int] | None = None  # (matched parts, line)
    for number, line in enumerate(text.splitlines(), start=1):
        m = _TABLE.match(line)
        if m:
            table = _split_key(m.group(1))
            full = table
        else:
            k = _KEY.match(line)
            if not k:
                continue
            full = table + _split_key(k.group(1))
        if full == target[: len(full)] and (best is None or len(full) > best[0]):
            best = (len(full), number)
    return best[1] if best else None


@dataclass(frozen=True)
class Reader:
    """One table of a TOML document, read with type checks."""

    data: Mapping[str, Any]
    file: str
    text: str
    path: str = ""

    def error(self, key: str, message: str) -> ContentError:
        full = f"{self.path}.{key}" if self.path and key else (self.path or key)
        return ContentError(self.file, full, message, locate(self.text, full))

    def _get(self, key: str, kind: type | tuple[type, ...], label: str, default: Any) -> Any:
        if key not in self.data:
            if default is _REQUIRED:
                raise self.error(key, "is missing")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.error(key, f"should be {label}, not true/false")
        if not isinstance(value, kind):
            raise self.error(key, f"should be {label}, not {type(value).__name__}")
        return value

    def text_value(self, key: str, default: str | None = None) -> str:
        value: str = self._get(key, str, "text", _REQUIRED if default is None else default)
        return value

    def opt_text(self, key: str) -> str | None:
        value: str | None = self._get(key, str, "text", None)
        return value

    def whole(self, key: str, default: int | None = None) -> int:
        value: int = self._get(
            key, int, "a whole number", _REQUIRED if default is None else default
        )
        return value

    def opt_whole(self, key: str) -> int | None:
        value: int | None = self._get(key, int, "a whole number", None)
        return value

    def number(self, key: str) -> float:
        return float(self._get(key, (int, float), "a number", _REQUIRED))

    def opt_number(self, key: str) -> float | None:
        value = self._get(key, (int, float), "a number", None)
        return None if value is None else float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value: bool = self._get(key, bool, "true or false", default)
        return value

    def table(self, key: str) -> "Reader":
        value = self._get(key, dict, "a table", _REQUIRED)
        return Reader(value, self.file, self.text, f"{self.path}.{key}" if self.path else key)

    def opt_table(self, key: str) -> "Reader | None":
        if key not in self.data:
            return None
        return self.table(key)

    def tables(self, key: str) -> list["Reader"]:
        values = self._get(key, list, "a list of tables", [])
        out = []
        for i, value in enumerate(values):
            item_path = f"{self.path}.{key}.{i}" if self.path else f"{key}.{i}"
            if not isinstance(value, dict):
                raise ContentError(
                    self.file, item_path, "should be a table", locate(self.text, item_path)
                )
            out.append(Reader(value, self.file, self.text, item_path))
        return out

    def strings(self, key: str) -> tuple[str, ...]:
        values: Sequence[Any] = self._get(key, list, "a list of text", [])
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, "should be a list of text")
        return tuple(values)

    def ints(self, key: str) -> tuple[int, ...]:
        values: Sequence[Any] = self._get(key, list, "a list of whole numbers", [])
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise self.error(key, "should be a list of whole numbers")
        return tuple(values)

    def only(self, allowed: set[str] | frozenset[str]) -> None:
        """Refuse keys this table does not know (typos would otherwise be ignored)."""
        for key in self.data:
            if key not in allowed:
                raise self.error(
                    key, f"is not a known setting here (known: {', '.join(sorted(allowed))})"
                )


_REQUIRED: Any = object()
