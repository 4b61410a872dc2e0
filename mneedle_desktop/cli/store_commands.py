"""``check``, and opening the store for the commands that use it."""

import logging
import sys

from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.paths import AppPaths, ensure_private_dir
from mneedle_desktop.services.backups import BACKUP_FOLDER, newest_good_backup
from mneedle_desktop.services.container import AppServices, describe_health
from mneedle_desktop.storage.errors import StoreError

log = logging.getLogger(__name__)


def check(paths: AppPaths) -> int:
    try:
        ensure_private_dir(paths.data_dir)
        services = AppServices.open(paths.database, SystemClock())
    except StoreError as e:
        log.error("check: store could not be opened (%s)", type(e).__name__)
        print(f"PROBLEM: {e}")
        _suggest_backup(paths)
        return EXIT_PROBLEM
    try:
        report = services.health()
    finally:
        services.close()
    print(describe_health(report))
    if not report.ok:
        _suggest_backup(paths)
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _suggest_backup(paths: AppPaths) -> None:
    newest = newest_good_backup(paths.data_dir / BACKUP_FOLDER)
    if newest is None:
        print("There is no good backup in the data folder's backups folder.")
        return
    when = newest.created_at.astimezone().strftime("%d %B %Y at %H:%M")
    print(
        f"The newest good backup was made {when} ({newest.clients} client(s)). Restore it "
        f'with: mneedle-desktop --data-dir "{paths.data_dir}" restore "{newest.path}"'
    )


def open_services(paths: AppPaths) -> AppServices | None:
    """The store's services, or None after printing why the store cannot be opened."""
    try:
        ensure_private_dir(paths.data_dir)
        return AppServices.open(paths.database, SystemClock())
    except StoreError as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return None
