"""The packaging: the wheel check, and every file the app reads at run time declared as
package data."""

import importlib.util
import struct
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
COMMAND = "mneedle-desktop"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def load(name: str) -> ModuleType:
    """A script of packaging/ as a module (the folder is no package: its name would hide
    the PyPI 'packaging' that the build tools import)."""
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PACKAGING / f"{name}.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the wheel check -----------------------------------------------------------------------


def make_wheel(path: Path, root: Path, *, leave_out: str = "", script: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in load("check_wheel").expected_files(root):
            if name != leave_out:
                archive.writestr(name, b"")
        entry_points = "[console_scripts]\nmneedle-desktop = mneedle_desktop.app:main\n"
        archive.writestr(
            "mneedle_desktop-1.dist-info/entry_points.txt", entry_points if script else ""
        )
    return path


def test_a_wheel_with_every_file_passes_the_check(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "w.whl", ROOT)
    assert load("check_wheel").missing_files(wheel) == []


def test_the_wheel_check_names_a_missing_font_and_command(tmp_path: Path) -> None:
    font = "mneedle_desktop/resources/fonts/DejaVuSans.ttf"
    check_wheel = load("check_wheel")
    assert font in set(check_wheel.expected_files(ROOT))
    wheel = make_wheel(tmp_path / "w.whl", ROOT, leave_out=font, script=False)
    missing = check_wheel.missing_files(wheel)
    assert missing == [font, "the mneedle-desktop command (entry_points.txt)"]
    result = run_script("check_wheel", str(wheel))
    assert result.returncode == 1
    assert "DejaVuSans.ttf" in result.stderr


def test_every_runtime_file_is_declared_as_package_data() -> None:
    """What the wheel check looks for at build time, checked here against pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    mapped = setuptools["package-dir"]
    for package in setuptools["packages"]:
        parent = max((p for p in mapped if f"{package}.".startswith(f"{p}.")), key=len, default="")
        if parent:
            folder = ROOT / mapped[parent] / package.removeprefix(parent).lstrip(".")
        else:
            folder = ROOT / package.replace(".", "/")
        assert folder.is_dir(), package
        patterns = setuptools["package-data"].get(package, [])
        for path in folder.iterdir():
            if path.is_file() and path.suffix not in {".py", ".pyc"}:
                assert any(path.match(p) for p in patterns), f"{path.name} is not in {package}"
