"""Reading and writing a client-record package as a folder or a zip, safely.

Reading takes files from outside: sizes are capped, zip member names that could reach
outside the package (absolute, ``..``, drive letters, backslashes) are refused, and
symbolic links are not followed out of the folder.
"""

import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from mneedle_desktop.domain.client_package import MANIFEST_NAME, PackageError
from mneedle_desktop.services.files import write_atomically

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # one PDF or record
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 20_000


def write_package(destination: Path, files: dict[str, bytes]) -> None:
    """``destination`` ending in ``.zip``: one zip file, written atomically. Otherwise a
    folder that must not exist yet (or be empty), filled under a temporary name first."""
    if destination.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, files[name])
        write_atomically(destination, buffer.getvalue())
        return
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise FileExistsError(0, f"{destination} already exists and is not an empty folder")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=destination.parent, prefix=f".{destination.name}."))
    try:
        for name, data in files.items():
            path = partial.joinpath(*PurePosixPath(name).parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if destination.exists():
            destination.rmdir()
        os.replace(partial, destination)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def safe_member_name(name: str) -> bool:
    """A relative POSIX path with no way out of the package."""
    if not name or "\\" in name or ":" in name or name.startswith("/"):
        return False
    parts = name.split("/")
    return all(p not in ("", ".", "..") for p in parts)


class PackageReader:
    """The members of one package (a folder or a zip), read on demand with size limits."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self._members: dict[str, bytes] | None = None
        if source.is_dir():
            self._root: Path | None = source.resolve()
        elif zipfile.is_zipfile(source):
            self._root = None
            self._members = _read_zip(source)
        else:
            raise PackageError([f"{source.name} is neither a client-record folder nor a zip"])

    def read(self, name: str) -> bytes:
        if self._members is not None:
            if name not in self._members:
                raise PackageError([f"{self.source.name} has no {name}"])
            return self._members[name]
        assert self._root is not None
        path = self._root.joinpath(*PurePosixPath(name).parts)
        try:
            if not path.resolve().is_relative_to(self._root):  # a link out of the folder
                raise PackageError([f"{name} in {self.source.name} points outside the package"])
            if path.stat().st_size > MAX_MEMBER_BYTES:
                raise PackageError([f"{name} in {self.source.name} is too large"])
            return path.read_bytes()
        except FileNotFoundError:
            raise PackageError([f"{self.source.name} has no {name}"]) from None
        except OSError as e:
            raise PackageError([f"{name} in {self.source.name} cannot be read ({e})"]) from e

    def manifest(self) -> Any:
        return load_json(self.read(MANIFEST_NAME), MANIFEST_NAME)


def _read_zip(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
            if len(infos) > MAX_MEMBERS:
                raise PackageError([f"{path.name} holds too many files"])
            for info in infos:
                if not safe_member_name(info.filename):
                    raise PackageError(
                        [f"{path.name} names a file outside the package: {info.filename!r}"]
                    )
            prefix = _common_folder([i.filename for i in infos])
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                with z.open(info) as f:
                    data = f.read(MAX_MEMBER_BYTES + 1)  # the header's size may lie
                total += len(data)
                if len(data) > MAX_MEMBER_BYTES or total > MAX_PACKAGE_BYTES:
                    raise PackageError([f"{path.name} is too large to be a client record"])
                members[info.filename[len(prefix) :]] = data
            return members
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as e:
        raise PackageError([f"{path.name} is a damaged zip ({e})"]) from e
    except OSError as e:
        raise PackageError([f"{path.name} cannot be read ({e.strerror or e})"]) from e


def _common_folder(names: list[str]) -> str:
    """``"folder/"`` when the manifest sits in one top folder holding everything."""
    if MANIFEST_NAME in names or not names:
        return ""
    first = names[0].split("/", 1)[0] + "/"
    if all(n.startswith(first) for n in names) and first + MANIFEST_NAME in names:
        return first
    return ""


def load_json(data: bytes, name: str) -> Any:
    """JSON from outside: UTF-8, no duplicate keys, no NaN or Infinity."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"a key appears twice in {name}")
        return dict(pairs)

    def no_constants(word: str) -> float:
        raise ValueError(f"{word} is not allowed in {name}")

    try:
        return json.loads(
            data.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants
        )
    except UnicodeDecodeError:
        raise PackageError([f"{name} is not UTF-8 text"]) from None
    except RecursionError:
        raise PackageError([f"{name} is nested too deeply"]) from None
    except ValueError as e:
        raise PackageError([f"{name} is not valid JSON ({e})"]) from None
