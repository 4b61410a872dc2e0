"""``python -m benchmarks``: measure, print a table, write the figures as JSON.

    python -m benchmarks                       # 50,000 clients, the full run
    python -m benchmarks --clients 1000        # a smaller store
    python -m benchmarks --quick               # a few clients, few repeats: does it run?

Stores are made once in the work folder (default: a folder beside the system's temporary
files) and reused while the clients, the seed and the schema are the same.
"""

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.stats import Figure
from benchmarks.stores import empty_store, filled_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15, help="runs per figure")
    parser.add_argument("--quick", action="store_true", help="200 clients, 3 runs each")
    parser.add_argument("--work", type=Path, help="where the stores are kept")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--only",
        choices=("startup", "window", "operations"),
        action="append",
        help="measure only this part (may be given more than once)",
    )
    parser.add_argument(
        "--startup-platform",
        default="offscreen",
        help="the Qt platform start-up is measured on: offscreen (the default), or the "
        "desktop's (xcb with an X display, wayland, windows, cocoa)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.repeat = 200, 3
    work = args.work or Path(tempfile.gettempdir()) / "mneedle-benchmarks"
    work.mkdir(parents=True, exist_ok=True)

    from benchmarks.interactive import measure_window
    from benchmarks.operations import measure_operations
    from benchmarks.startup import measure_startup
    from mneedle_desktop.domain.clock import SystemClock
    from mneedle_desktop.services.container import AppServices

    print(f"Preparing a store of {args.clients} clients in {work} …", file=sys.stderr)
    filled = filled_store(work, args.clients, args.seed)
    empty = empty_store(work)
    parts = set(args.only or ("startup", "window", "operations"))
    figures: list[Figure] = []
    if "startup" in parts:
        print("Start-up …", file=sys.stderr)
        figures += measure_startup(
            {"empty store": empty, f"{args.clients} clients": filled},
            args.repeat,
            args.startup_platform,
        )
    services = AppServices.open(filled / "mneedle.sqlite3", SystemClock())
    try:
        if "window" in parts:
            print("The window …", file=sys.stderr)
            figures += measure_window(services, filled, args.repeat)
        if "operations" in parts:
            print("Signing, PDF, backup, check …", file=sys.stderr)
            figures += measure_operations(services, args.repeat)
    finally:
        services.close()
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
        "clients": args.clients,
        "repeat": args.repeat,
        "startup_platform": args.startup_platform,
        "figures": [f.as_dict() for f in figures],
    }
    print(table(figures))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def table(figures: list[Figure]) -> str:
    lines = [
        "| figure | median | p95 | vs bare window | budget | meets |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        meets = {True: "yes", False: "**no**", None: ""}[f.meets]
        lines.append(
            f"| {f.name} | {f.median:.1f} {f.unit} | {f.p95:.1f} {f.unit} | {ratio} | "
            f"{f.budget} | {meets} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
