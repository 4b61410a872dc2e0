"""The command line: options shared with the GUI, and sub-commands that need no window."""

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

from mneedle_desktop import APP_NAME, __version__
from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.domain.record_json import RecordError
from mneedle_desktop.domain.toml_reader import ContentError
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.paths import DATA_DIR_ENV, AppPaths, ensure_private_dir
from mneedle_desktop.services.accounts import SignInError
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

    init = commands.add_parser(
        "init",
        help="create the owner account (password from standard input); prints the recovery key",
        description="Create the clinic's owner account for a scripted install. The password "
        "is read from the first line of standard input (--password-stdin), never from an "
        "argument. Prints the recovery key once: keep it safe.",
    )
    init.add_argument("--owner-name", required=True, metavar="NAME")
    init.add_argument("--username", metavar="NAME", help="sign-in name (default: from NAME)")
    init.add_argument("--profession", default="")
    init.add_argument("--registration", default="", metavar="NUMBER")
    init.add_argument("--clinic-name", metavar="NAME")
    init.add_argument("--clinic-phone", metavar="PHONE", default="")
    init.add_argument("--password-stdin", action="store_true", required=True)

    user = commands.add_parser(
        "user",
        help="add, disable, enable practitioners or change a password",
        description="Manage accounts. Passwords are read from standard input, one per line: "
        "first the password of the account doing it (the owner, or yourself for passwd), "
        "then the new account's password where one is needed.",
    )
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a practitioner (as the owner)")
    add.add_argument("--as", dest="actor", required=True, metavar="OWNER")
    add.add_argument("--name", required=True)
    add.add_argument("--username", required=True)
    add.add_argument("--profession", required=True)
    add.add_argument("--registration", required=True, metavar="NUMBER")
    add.add_argument("--password-stdin", action="store_true", required=True)
    for name, text in (
        ("disable", "stop an account signing in"),
        ("enable", "let a disabled account sign in again, with a new password"),
    ):
        action = actions.add_parser(name, help=f"{text} (as the owner)")
        action.add_argument("username")
        action.add_argument("--as", dest="actor", required=True, metavar="OWNER")
        action.add_argument("--password-stdin", action="store_true", required=True)
    passwd = actions.add_parser("passwd", help="change your own password")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true", required=True)
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
    if args.command in ("init", "user"):
        return accounts_command(args, paths)
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


def _stdin_lines(count: int) -> list[str] | None:
    """``count`` passwords, one per line of standard input (newlines stripped)."""
    lines = [line.rstrip("\r\n") for line in sys.stdin.readlines()]
    if len(lines) < count or any(not line for line in lines[:count]):
        return None
    return lines[:count]


def _open_services(paths: AppPaths) -> AppServices | None:
    try:
        ensure_private_dir(paths.data_dir)
        return AppServices.open(paths.database, SystemClock())
    except StoreError as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return None


def accounts_command(args: argparse.Namespace, paths: AppPaths) -> int:
    needed = 1 if args.command == "init" or args.user_command == "disable" else 2
    passwords = _stdin_lines(needed)
    if passwords is None:
        print(f"Give {needed} password(s) on standard input, one per line.", file=sys.stderr)
        return EXIT_USAGE
    services = _open_services(paths)
    if services is None:
        return EXIT_PROBLEM
    try:
        return _accounts(args, services, passwords)
    except ValidationError as e:
        for error in e.errors:
            print(f"{error.field}: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except (SignInError, PermissionError, LookupError, StoreError) as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        services.accounts.sign_out()
        services.close()


def _accounts(args: argparse.Namespace, services: AppServices, passwords: list[str]) -> int:
    accounts = services.accounts
    if args.command == "init":
        username = args.username or args.owner_name.split()[0]
        clinic = (
            ClinicProfile(args.clinic_name, phone=args.clinic_phone) if args.clinic_name else None
        )
        recovery = accounts.create_owner(
            clinic,
            PractitionerProfile(args.owner_name, args.profession, args.registration),
            username,
            passwords[0],
            for_signing=False,
        )
        print(f"Owner account {username.lower()!r} created.")
        print("Recovery key (shown only now; print it or write it down and keep it safe):")
        print(recovery)
        return EXIT_OK
    if args.user_command == "passwd":
        accounts.sign_in(args.username, passwords[0])
        accounts.change_password(passwords[0], passwords[1])
        print("Password changed.")
        return EXIT_OK
    accounts.sign_in(args.actor, passwords[0])
    if args.user_command == "add":
        account = accounts.add_account(
            PractitionerProfile(args.name, args.profession, args.registration),
            args.username,
            passwords[1],
        )
        print(f"Practitioner {account.username!r} added.")
        return EXIT_OK
    target = next((a for a in accounts.accounts() if a.username == args.username.lower()), None)
    if target is None:
        print(f"PROBLEM: there is no account {args.username!r}.", file=sys.stderr)
        return EXIT_PROBLEM
    if args.user_command == "disable":
        accounts.disable(target.id)
        print(f"Account {target.username!r} disabled.")
    else:
        accounts.enable(target.id, passwords[1])
        print(f"Account {target.username!r} enabled.")
    return EXIT_OK
