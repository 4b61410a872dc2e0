"""Where start-up's time goes: the app's start-up steps, timed one after the other in one
process, and a bare PySide6 window's, medians of several fresh processes.

    python -m benchmarks.phases DATA_DIR [--runs 9]

The steps are those of ``app.main`` and ``ui.application.run_gui`` (the same calls, with a
timer between them); the first window is the sign-in window for a store with an account
and the first-run window for an empty one. Times start when this module starts, so the
interpreter's own start (the same for both) is not in them.
"""

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

STARTED = time.perf_counter()


def _app_steps(data_dir: str) -> list[tuple[str, float]]:
    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    from mneedle_desktop import app, cli
    from mneedle_desktop.logs import configure_logging
    from mneedle_desktop.paths import resolve_paths

    mark("the program's modules up to Qt")
    args = cli.parse_args(["--data-dir", data_dir, "--exit-when-ready"])
    paths = resolve_paths(args.data_dir, os.environ)
    configure_logging(paths.log_dir)
    mark("command line and log")
    from mneedle_desktop.ui import application as ui

    mark("PySide6 and the window modules")
    services = app._open_store(paths, offer_backup=False, check_later=True)
    assert services is not None
    app._purge_due(services)
    mark("the store opened, erasures checked")
    ui.application()
    mark("the application object")
    shown: Callable[[ui.AppController], object] = ui.AppController.first_window

    def first_window(controller: ui.AppController) -> object:
        window = shown(controller)
        mark("the first window built and shown")
        return window

    setattr(ui.AppController, "first_window", first_window)  # noqa: B010 (timed in place)
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            ui.run_gui(
                services,
                ui.AboutInfo(paths.data_dir, services.store.schema_version),
                exit_when_ready=True,
            )
        finally:
            sys.stdout = stdout
    mark("painted, idle (ready)")
    services.close()
    return marks


def _bare_steps() -> list[tuple[str, float]]:
    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    mark("PySide6")
    qt = QApplication(sys.argv[:1])
    mark("the application object")
    window = QLabel("MNeedle Desktop")
    window.resize(400, 300)
    window.show()
    mark("the window built and shown")

    def ready() -> None:
        qt.processEvents()
        qt.exit(0)

    QTimer.singleShot(0, ready)
    qt.exec()
    mark("painted, idle (ready)")
    return marks


def _child(kind: str, data_dir: str) -> None:
    if kind == "app":
        gc.disable()  # as mneedle_desktop.launch does; the first window turns it back on
    marks = _app_steps(data_dir) if kind == "app" else _bare_steps()
    steps, last = [], STARTED
    for name, at in marks:
        steps.append((name, (at - last) * 1000))
        last = at
    print(json.dumps(steps))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", choices=("app", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.data_dir)
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for kind in ("app", "bare"):
        runs: list[list[tuple[str, float]]] = []
        for _ in range(args.runs):
            command = [sys.executable, "-m", "benchmarks.phases", args.data_dir, "--child", kind]
            out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"\n{'The app' if kind == 'app' else 'The bare window'}, medians of {args.runs}:")
        print("| step | ms |")
        print("| --- | ---: |")
        total = 0.0
        for i, (name, _ms) in enumerate(runs[0]):
            median = statistics.median(run[i][1] for run in runs)
            total += median
            print(f"| {name} | {median:.1f} |")
        print(f"| in all (sum of medians) | {total:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
