"""``backup`` and ``restore``: copies of the store, and putting one back."""

import sys
from pathlib import Path

from mneedle_desktop.cli.account_commands import stdin_lines
from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.cli.store_commands import open_services
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.paths import APP_LOCK_FILENAME, AppPaths, app_is_running, ensure_private_dir
from mneedle_desktop.services.backups import BackupInfo, inspect_backup, restore_closed_database
from mneedle_desktop.services.sign_in_errors import SignInError
from mneedle_desktop.storage.errors import BackupError, StoreError


def describe_backup(info: BackupInfo) -> str:
    when = info.created_at.astimezone().strftime("%d %B %Y at %H:%M")
    return (
        f"{info.path} (made {when}; schema {info.facts.schema_version}; {info.clients} "
        f"client(s), {info.consultations} consultation(s); SHA-256 {info.facts.sha256})"
    )


def backup(paths: AppPaths, to: Path | None, actor: str | None, password_stdin: bool) -> int:
    """A backup needs no password (it copies the store's encrypted data as it is); with
    ``--as`` and ``--password-stdin`` the practitioner signs in first, as for the other
    commands, and the audit trail names them."""
    password = None
    if actor is not None or password_stdin:
        if actor is None or not password_stdin:
            print("Give both --as USER and --password-stdin, or neither.", file=sys.stderr)
            return EXIT_USAGE
        lines = stdin_lines(1)
        if lines is None:
            print("Give your password on standard input.", file=sys.stderr)
            return EXIT_USAGE
        password = lines[0]
    services = open_services(paths)
    if services is None:
        return EXIT_PROBLEM
    try:
        if actor is not None and password is not None:
            services.accounts.sign_in(actor, password)
        info = services.backups.back_up(to.expanduser().absolute() if to else None)
    except (SignInError, StoreError) as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        services.accounts.sign_out()
        services.close()
    print(f"OK: backed up to {describe_backup(info)}")
    return EXIT_OK


def restore(paths: AppPaths, backup_file: Path, assume_yes: bool) -> int:
    try:
        ensure_private_dir(paths.data_dir)
        chosen = backup_file.expanduser().absolute()
        if chosen.exists() and chosen.resolve() == paths.database.resolve():
            raise BackupError(f"{chosen.name} is the database in use, not a backup.", chosen)
        info = inspect_backup(chosen)
    except StoreError as e:
        print(f"PROBLEM: {e} Nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEM
    if _app_is_open(paths):
        return EXIT_PROBLEM
    print(f"Backup: {describe_backup(info)}")
    if not assume_yes and not _confirmed():
        print("Not restored. Nothing was changed.")
        return EXIT_USAGE
    if _app_is_open(paths):  # opened while the question was asked
        return EXIT_PROBLEM
    try:
        report = restore_closed_database(paths.database, info.path, SystemClock())
    except StoreError as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    aside = f" The database it replaced is kept at {report.set_aside}." if report.set_aside else ""
    print(f"OK: restored.{aside} Sign in with the passwords in use when the backup was made.")
    return EXIT_OK


def _app_is_open(paths: AppPaths) -> bool:
    if not app_is_running(paths.data_dir):
        return False
    print(
        f"PROBLEM: MNeedle Desktop is open with the data folder {paths.data_dir}. Close it, "
        f"then restore. Nothing was changed. (If it is not open, delete the file "
        f"{paths.data_dir / APP_LOCK_FILENAME}: a program that stopped left it.)",
        file=sys.stderr,
    )
    return True


def _confirmed() -> bool:
    if sys.stdin is None or not sys.stdin.isatty():  # None: a windowed program
        print("Add --yes to restore without a question.", file=sys.stderr)
        return False
    answer = input("Put this backup in place of the current database? [y/N] ")
    return answer.strip().lower() in ("y", "yes")
