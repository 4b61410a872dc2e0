"""The command line: options shared with the GUI, and sub-commands that need no window."""

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

from mneedle_desktop import APP_NAME, __version__
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.domain.record_json import RecordError
from mneedle_desktop.domain.toml_reader import ContentError
from mneedle_desktop.paths import DATA_DIR_ENV, AppPaths, ensure_private_dir
from mneedle_desktop.services.assessment_report import report_dict, report_text
from mneedle_desktop.services.container import AppServices, describe_health
from mneedle_desktop.services.screening import assess_file, clinic_catalogue
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
    screen_parser = commands.add_parser(
        "screen",
        help="screen a consultation record (JSON) and print the decision",
        description="Read a consultation record, print the screening decision with its "
        "reasons, the eligible date, precautions, the proposed plan, the Fitzpatrick type "
        "and the scale totals. Exit 0 for any valid record, 2 for an invalid one.",
    )
    screen_parser.add_argument("record", type=Path, metavar="RECORD.json")
    screen_parser.add_argument(
        "--on",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="evaluate on this date (default: the record's consultation date)",
    )
    screen_parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def run_command(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.command == "check":
        return check(paths)
    if args.command == "screen":
        return screen(args.record, args.on, args.format, paths)
    raise AssertionError(f"unknown command {args.command}")


def screen(record: Path, on: date | None, output: str, paths: AppPaths) -> int:
    try:
        catalogue = clinic_catalogue(paths.data_dir)
    except ContentError as e:
        print(f"PROBLEM: the clinic's content overrides cannot be used: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        assessment = assess_file(record, on, catalogue)
    except OSError as e:
        print(f"{record}: cannot be read ({e.strerror or e})", file=sys.stderr)
        return EXIT_USAGE
    except RecordError as e:
        print(f"{record} is not a valid consultation record:", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    if output == "json":
        print(json.dumps(report_dict(assessment), indent=2, ensure_ascii=False))
    else:
        print(report_text(assessment, catalogue))
    return EXIT_OK


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
