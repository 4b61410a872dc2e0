"""Size and start-up time of the app's bundle against a bare PySide6 window bundled the same
way (docs/packaging.md has the figures and the commands that made them).

    python packaging/measure_bundles.py [--runs N] [APP_BUNDLE [BASELINE_BUNDLE]]

Size: the bytes of every file in the folder (symbolic links not counted), and the number of
files. Start-up: process start to the line "ready" that ``--exit-when-ready`` prints once
the first window is shown and the event loop idle (the time to the process's exit is
printed too), on the offscreen platform, with a data folder made by a first, uncounted
run; the bare window says "ready" and quits at the same point. The two alternate, after one
uncounted run each to warm the file cache; the median, minimum and maximum of N runs are
printed. ``--installed COMMAND`` times the app installed another way (a virtual
environment's ``mneedle-desktop``) in the same rounds. With ``--runs 0`` only the sizes are
measured.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of the regular files under ``folder``."""
    total = count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
                count += 1
    return total, count


def time_once(command: list[str]) -> tuple[float, float]:
    """Milliseconds from the process's start to its "ready" line, and to its exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    ready = None
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if ready is None and line.strip() == "ready":
                ready = (time.perf_counter() - started) * 1000
    exited = (time.perf_counter() - started) * 1000
    if process.returncode != 0 or ready is None:
        raise RuntimeError(f"{command[0]} exited with {process.returncode}, never ready")
    return ready, exited


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    system = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        for line in os_release.read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    return f"{cpu}, {os.cpu_count()} logical CPUs, {system}, {platform.machine()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", nargs="?", type=Path, default=ROOT / "dist" / "mneedle-desktop")
    parser.add_argument("baseline", nargs="?", type=Path, default=ROOT / "dist" / "baseline-window")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--installed",
        metavar="COMMAND",
        help="also time the app installed another way (a venv's mneedle-desktop, say)",
    )
    args = parser.parse_args(argv)
    bundles = {"app": args.app, "bare window": args.baseline}
    print(f"Machine: {machine()}")
    print("| bundle | size (MiB) | files |")
    print("| --- | ---: | ---: |")
    for label, folder in bundles.items():
        if not folder.is_dir():
            print(f"{folder} is not a folder: build it first", file=sys.stderr)
            return 1
        size, count = folder_size(folder)
        print(f"| {label} | {size / 2**20:.1f} | {count} |")
    if args.runs <= 0:
        return 0
    with tempfile.TemporaryDirectory(prefix="mneedle-measure-") as data:
        commands = {
            "app": [str(args.app / "mneedle-desktop"), "--data-dir", data, "--exit-when-ready"],
            "bare window": [str(args.baseline / "baseline-window")],
        }
        if args.installed:
            commands["app, installed"] = [args.installed, "--data-dir", data, "--exit-when-ready"]
        for command in commands.values():
            time_once(command)  # the data folder, and the file cache
        ready: dict[str, list[float]] = {label: [] for label in commands}
        exits: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(args.runs):
            for label, command in commands.items():
                to_ready, to_exit = time_once(command)
                ready[label].append(to_ready)
                exits[label].append(to_exit)
    for title, samples in (
        ("Start-up to the first window shown and idle", ready),
        ("Start-up to the process's exit", exits),
    ):
        print(f"\n{title}, offscreen, {args.runs} runs each:")
        print("| program | median (ms) | min | max |")
        print("| --- | ---: | ---: | ---: |")
        for label, times in samples.items():
            print(
                f"| {label} | {statistics.median(times):.0f} | {min(times):.0f} "
                f"| {max(times):.0f} |"
            )
        ratio = statistics.median(samples["app"]) / statistics.median(samples["bare window"])
        print(f"\nThe app's median is {ratio:.2f} times the bare window's.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
