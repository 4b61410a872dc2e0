"""The command line: options shared with the GUI, and sub-commands that need no window."""

import argparse
import logging

from mneedle_desktop import APP_NAME, __version__
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.paths import DATA_DIR_ENV, AppPaths, ensure_private_dir
from mneedle_desktop.services.container import AppServices, describe_health
from mneedle_desktop.storage.errors import StoreError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mneedle-desktop",
        description=f"{APP_NAME}: pre-treatment assessments for micro-needling. "
        "Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for the database and logs (default: the platform's user data folder; "
        f"the {DATA_DIR_ENV} environment variable sets it too)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="start the app, wait until its first window is shown and idle, then exit 0",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "check",
        help="check the store: SQLite quick_check, schema version, audit chain",
        description="Open the store, run SQLite's quick_check, check the schema version and "
        "the audit chain, print one line, exit 0 when healthy and 1 otherwise.",
    )
    return parser


def run_command(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.command == "check":
        return check(paths)
    raise AssertionError(f"unknown command {args.command}")


def check(paths: AppPaths) -> int:
    try:
        ensure_private_dir(paths.data_dir)
        services = AppServices.open(paths.database, SystemClock())
    except StoreError as e:
        log.error("check: store could not be opened (%s)", type(e).__name__)
        print(f"PROBLEM: {e}")
        return EXIT_PROBLEM
    try:
        report = services.health()
    finally:
        services.close()
    print(describe_health(report))
    return EXIT_OK if report.ok else EXIT_PROBLEM
