"""Check that a wheel holds every file the app needs at run time.

    python packaging/check_wheel.py dist/mneedle_desktop-VERSION-py3-none-any.whl

Every file of the package's source folders must be in it (the top-level ``resources/``
ships as ``mneedle_desktop/resources``), and so must the ``mneedle-desktop`` command.
Exits 1, naming what is missing, otherwise 0.
"""

import argparse
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Source folder, and where its files go in the wheel.
FOLDERS = {"mneedle_desktop": "mneedle_desktop", "resources": "mneedle_desktop/resources"}


def expected_files(root: Path) -> Iterator[str]:
    for folder, target in FOLDERS.items():
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield f"{target}/{path.relative_to(root / folder).as_posix()}"


def missing_files(wheel: Path, root: Path = ROOT) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next((n for n in names if n.endswith(".dist-info/entry_points.txt")), "")
        scripts = archive.read(entry_points).decode("utf-8") if entry_points else ""
    missing = [name for name in expected_files(root) if name not in names]
    if "mneedle-desktop = mneedle_desktop.launch:main" not in scripts:
        missing.append("the mneedle-desktop command (entry_points.txt)")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path)
    args = parser.parse_args(argv)
    missing = missing_files(args.wheel)
    for name in missing:
        print(f"missing from {args.wheel.name}: {name}", file=sys.stderr)
    if not missing:
        with zipfile.ZipFile(args.wheel) as archive:
            print(f"{args.wheel.name}: {len(archive.namelist())} files, none missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
