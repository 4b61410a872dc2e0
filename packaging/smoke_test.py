"""Smoke-test an installed MNeedle Desktop from a folder outside the repository.

    python packaging/smoke_test.py [--same-pdf-as COMMAND] -- COMMAND...

COMMAND runs the app: an installed ``mneedle-desktop``, or the bundle's executable. Each
check runs in a new temporary folder (the working directory, the data folder and the
home folder all inside it), so that the app can find nothing of this repository and
touches nothing of the user's:

- ``--version`` prints the version of the source it was built from;
- ``--exit-when-ready`` starts the GUI offscreen on a fresh data folder and exits 0;
- ``screen`` on a copy of an example record prints its decision;
- ``render`` makes its PDF, with the fonts embedded (and, with ``--same-pdf-as``, the same
  bytes as another command makes: the source tree's, say);
- ``check`` on a fresh data folder exits 0 and says OK.

Prints one line per check with its time; exits 1 at the first failure, with the output.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "suitable.json"
EXAMPLE_DECISION = "Decision: Suitable"
TIMEOUT = 120  # seconds for one command; a first start of a bundle reads ~150 MB


class SmokeTestError(Exception):
    pass


def source_version() -> str:
    text = (ROOT / "mneedle_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SmokeTestError("no __version__ in mneedle_desktop/__init__.py")
    return found.group(1)


def run(command: Sequence[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command args`` in ``cwd``, with the home and XDG folders inside ``cwd``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(cwd))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(cwd / name.lower())
    env.pop("MNEEDLE_DATA_DIR", None)
    try:
        return subprocess.run(
            [*command, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise SmokeTestError(f"{shlex.join(args)} did not finish in {TIMEOUT} s") from e


def expect(result: subprocess.CompletedProcess[str], ok: bool, what: str) -> None:
    if result.returncode != 0 or not ok:
        raise SmokeTestError(
            f"{what} (exit {result.returncode})\n"
            f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
        )


def check_version(command: Sequence[str], work: Path) -> None:
    result = run(command, "--version", cwd=work)
    expect(
        result, source_version() in result.stdout.split(), f"--version is not {source_version()}"
    )


def check_gui(command: Sequence[str], work: Path) -> None:
    result = run(command, "--data-dir", str(work / "data"), "--exit-when-ready", cwd=work)
    expect(
        result,
        (work / "data").is_dir() and "ready" in result.stdout.split(),
        "the app did not show its first window, say ready and exit",
    )


def check_screen(command: Sequence[str], work: Path) -> None:
    record = shutil.copy(EXAMPLE, work / "record.json")
    result = run(command, "screen", str(record), "--data-dir", str(work / "data"), cwd=work)
    expect(result, EXAMPLE_DECISION in result.stdout, f"screen did not print {EXAMPLE_DECISION!r}")


def render_pdf(command: Sequence[str], work: Path) -> bytes:
    record = shutil.copy(EXAMPLE, work / "record.json")
    pdf = work / "out.pdf"
    result = run(
        command, "render", str(record), "-o", str(pdf), "--data-dir", str(work / "data"), cwd=work
    )
    expect(result, pdf.is_file(), "render made no PDF")
    return pdf.read_bytes()


def check_render(command: Sequence[str], work: Path, reference: Sequence[str] | None) -> None:
    data = render_pdf(command, work)
    if not data.startswith(b"%PDF-"):
        raise SmokeTestError("render's output is not a PDF")
    if b"/FontFile2" not in data:
        raise SmokeTestError("render's PDF has no embedded TrueType font")
    if reference is not None:
        with tempfile.TemporaryDirectory(prefix="mneedle-smoke-") as other:
            if render_pdf(reference, Path(other)) != data:
                raise SmokeTestError(f"render's PDF differs from {shlex.join(reference)}'s")


def check_store(command: Sequence[str], work: Path) -> None:
    result = run(command, "check", "--data-dir", str(work / "fresh"), cwd=work)
    expect(result, result.stdout.startswith("OK"), "check on a fresh data folder did not say OK")


def absolute(command: list[str]) -> list[str]:
    """The command with its program's path made absolute: the checks run elsewhere."""
    program = command[0]
    if os.sep in program or (os.altsep and os.altsep in program):
        program = os.path.abspath(program)
    return [program, *command[1:]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--same-pdf-as", metavar="COMMAND", help="a command whose render must give the same bytes"
    )
    parser.add_argument("command", nargs="+", help="the app's command (after --)")
    args = parser.parse_args(argv)
    command = absolute(args.command)
    reference = absolute(shlex.split(args.same_pdf_as)) if args.same_pdf_as else None
    checks: list[tuple[str, Callable[[Sequence[str], Path], None]]] = [
        ("--version", check_version),
        ("--exit-when-ready (offscreen, fresh data folder)", check_gui),
        ("screen an example record", check_screen),
        ("render it to PDF", lambda c, w: check_render(c, w, reference)),
        ("check a fresh data folder", check_store),
    ]
    print(f"Smoke test of {shlex.join(command)}")
    for passed, (name, check) in enumerate(checks):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="mneedle-smoke-") as work:
            try:
                check(command, Path(work))
            except SmokeTestError as e:
                print(f"FAILED {name}: {e}", file=sys.stderr)
                print(f"smoke: {passed} passed, 1 failed")
                return 1
        print(f"  ok {name} ({time.perf_counter() - started:.1f} s)")
    print(f"smoke: {len(checks)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
