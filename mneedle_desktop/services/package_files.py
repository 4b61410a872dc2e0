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
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from mneedle_desktop.domain.client_package import MANIFEST_NAME, PackageError
from mneedle_desktop.services.files import write_atomically

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # one PDF or record
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # unpacked size over packed size, beyond which a member is a zip bomb


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
    """The members of one package (a folder or a zip), each read only when asked for, with
    size limits: nothing the manifest does not name is ever unpacked."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self._total = 0
        self._zip: dict[str, zipfile.ZipInfo] | None = None
        if source.is_dir():
            self._root = source.resolve()
        elif source.is_file() and zipfile.is_zipfile(source):
            self._root = source
            self._zip = _zip_index(source)
        else:
            raise PackageError([f"{source.name} is neither a client-record folder nor a zip"])

    def read(self, name: str) -> bytes:
        data = self._read_zip(name) if self._zip is not None else self._read_file(name)
        self._total += len(data)
        if self._total > MAX_PACKAGE_BYTES:
            raise PackageError([f"{self.source.name} is too large to be a client record"])
        return data

    def _read_zip(self, name: str) -> bytes:
        assert self._zip is not None
        info = self._zip.get(name)
        if info is None:
            raise PackageError([f"{self.source.name} has no {name}"])
        try:
            with zipfile.ZipFile(self.source) as z, z.open(info) as f:
                data = f.read(MAX_MEMBER_BYTES + 1)  # the header's size may lie
        except (zipfile.BadZipFile, zlib.error, RuntimeError, ValueError, EOFError) as e:
            raise PackageError([f"{name} in {self.source.name} is damaged ({e})"]) from e
        except OSError as e:
            raise PackageError([f"{self.source.name} cannot be read ({e.strerror or e})"]) from e
        if len(data) > MAX_MEMBER_BYTES:
            raise PackageError([f"{name} in {self.source.name} is too large"])
        return data

    def _read_file(self, name: str) -> bytes:
        path = self._root.joinpath(*PurePosixPath(name).parts)
        try:
            resolved = path.resolve()
            if not resolved.is_relative_to(self._root):  # a link out of the folder
                raise PackageError([f"{name} in {self.source.name} points outside the package"])
            if not resolved.is_file():
                raise PackageError([f"{self.source.name} has no {name}"])
            if resolved.stat().st_size > MAX_MEMBER_BYTES:
                raise PackageError([f"{name} in {self.source.name} is too large"])
            return resolved.read_bytes()
        except OSError as e:
            raise PackageError([f"{name} in {self.source.name} cannot be read ({e})"]) from e

    def manifest(self) -> Any:
        return load_json(self.read(MANIFEST_NAME), MANIFEST_NAME)


def _zip_index(path: Path) -> dict[str, zipfile.ZipInfo]:
    """The zip's members by their name inside the package, after checking every name and
    every declared size (a member that would unpack to far more than it takes is refused)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise PackageError([f"{path.name} is a damaged zip ({e})"]) from e
    except OSError as e:
        raise PackageError([f"{path.name} cannot be read ({e.strerror or e})"]) from e
    if len(infos) > MAX_MEMBERS:
        raise PackageError([f"{path.name} holds too many files"])
    for info in infos:
        if not safe_member_name(info.filename):
            raise PackageError([f"{path.name} names a file outside the package: {info.filename!r}"])
        if info.file_size > MAX_MEMBER_BYTES or info.file_size > MAX_RATIO * max(
            info.compress_size, 1024
        ):
            raise PackageError([f"{path.name} unpacks to far more than its size: refused"])
    prefix = _common_folder([i.filename for i in infos])
    return {i.filename[len(prefix) :]: i for i in infos}


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
