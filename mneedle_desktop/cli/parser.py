"""The command line's options and sub-commands."""

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from mneedle_desktop import APP_NAME, __version__
from mneedle_desktop.paths import DATA_DIR_ENV


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, read as ``build_parser`` reads it. Starting the app (only
    ``--data-dir`` and ``--exit-when-ready``) is read without building every command's
    parser, which took 9 to 13 ms of each start."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    return _app_start(tokens) or build_parser().parse_args(tokens)


def _app_start(tokens: list[str]) -> argparse.Namespace | None:
    """The options of a start without a command; None for anything else (a command,
    --help, an abbreviation, a mistake), which the full parser reads and answers."""
    data_dir: str | None = None
    exit_when_ready = False
    rest = iter(tokens)
    for token in rest:
        if token == "--exit-when-ready":
            exit_when_ready = True
        elif token == "--data-dir":
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            data_dir = value
        elif token.startswith("--data-dir="):
            data_dir = token.removeprefix("--data-dir=")
        else:
            return None
    return argparse.Namespace(command=None, data_dir=data_dir, exit_when_ready=exit_when_ready)


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
        help="start the app, wait until its first window is shown and idle, print 'ready', "
        "then exit 0 (the whole-file check that runs beside the first window is not waited "
        "for: run 'check')",
    )
    # --data-dir is taken after a command too ("demo-data --data-dir X"); given there it
    # wins, left out it does not hide one given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], **kwargs)

    command(
        "check",
        help="check the store: SQLite integrity and foreign keys, schema version, audit chain",
        description="Open the store, run SQLite's integrity_check and foreign_key_check, check "
        "the schema version and the audit chain, print one line, exit 0 when healthy and 1 "
        "otherwise.",
    )
    backup = command(
        "backup",
        help="back the store up now (checked, with a manifest beside it)",
        description="Copy the store with SQLite's online backup API, check the copy "
        "(integrity_check, foreign_key_check) and write a manifest beside it (time, schema, row "
        "counts, SHA-256, last audit hash). Without --to, into the data folder's backups "
        "folder, which keeps the newest backups and one per day, week and month. Exit 0 when "
        "done, 1 otherwise.",
    )
    backup.add_argument("--to", type=Path, metavar="DIR", help="a folder of your choice")
    backup.add_argument(
        "--as",
        dest="actor",
        metavar="USER",
        help="sign in as USER first (password on standard input, --password-stdin): the "
        "audit trail names who made a backup to a chosen folder",
    )
    backup.add_argument("--password-stdin", action="store_true")
    restore = command(
        "restore",
        help="put a backup in place of the store (the current database is kept aside)",
        description="Check the backup (ours, whole, healthy, unchanged since it was made), show "
        "its date and counts, ask, then put it in place of the store. The current database is "
        "moved to the data folder's set-aside folder first, never overwritten. Exit 0 when "
        "restored, 1 for a backup that cannot be used, 2 when not confirmed.",
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    export = command(
        "export",
        help="export a client's whole record (details, consultations, signed PDFs, notes)",
        description="Write a client's record as a folder, or a zip when OUT ends in .zip: "
        "client-record.json, each consultation in the documented record format, and the signed "
        "documents. For data-access and portability requests. Your password is read from "
        "standard input.",
    )
    export.add_argument("--client", required=True, metavar="ID", help="the client's id")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    export.add_argument("--as", dest="actor", required=True, metavar="USER")
    export.add_argument("--password-stdin", action="store_true", required=True)
    import_parser = command(
        "import",
        help="import client records (packages, zips or single record files)",
        description="Import exported client records (folders or zips) and single consultation "
        "record files, all in one transaction. Importing twice adds nothing; a record that "
        "conflicts with one here is refused, and then nothing is imported (exit 2). Your "
        "password is read from standard input.",
    )
    import_parser.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    import_parser.add_argument("--as", dest="actor", required=True, metavar="USER")
    import_parser.add_argument("--password-stdin", action="store_true", required=True)
    demo = command(
        "demo-data",
        help="fill a data folder with synthetic clients and consultations (to try or measure)",
        description="Add synthetic clients (names from many languages and scripts) with about "
        "five consultations each: every outcome, signed and draft, over ten years. The same "
        "seed gives the same data. A data folder without accounts gets a demo owner whose "
        "password is printed; otherwise sign in with --as and your password on standard "
        "input. A data folder holding real clients is refused unless --into-real-store.",
    )
    demo.add_argument("--clients", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--as", dest="actor", metavar="USER")
    demo.add_argument("--password-stdin", action="store_true")
    demo.add_argument("--into-real-store", action="store_true")
    screen_parser = command(
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

    render = command(
        "render",
        help="make the consent and aftercare PDF (or the letter) of a consultation record",
        description="Make the PDF of a consultation record: the consent and aftercare "
        "document, or for a deferral or a not-suitable outcome the one-page letter. The same "
        "record always gives the same bytes. Exit 2 for an invalid record.",
    )
    render.add_argument("record", type=Path, metavar="RECORD.json")
    render.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    render.add_argument(
        "--letter", action="store_true", help="the letter (deferrals and not-suitable outcomes)"
    )

    init = command(
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

    user = command(
        "user",
        help="add, disable, enable practitioners or change a password",
        description="Manage accounts. Passwords are read from standard input, one per line: "
        "first the password of the account doing it (the owner, or yourself for passwd), "
        "then the new account's password where one is needed.",
    )
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    def user_action(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return actions.add_parser(name, parents=[common], **kwargs)

    add = user_action("add", help="add a practitioner (as the owner)")
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
        toggle = user_action(name, help=f"{text} (as the owner)")
        toggle.add_argument("username")
        toggle.add_argument("--as", dest="actor", required=True, metavar="OWNER")
        toggle.add_argument("--password-stdin", action="store_true", required=True)
    passwd = user_action("passwd", help="change your own password")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true", required=True)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None
