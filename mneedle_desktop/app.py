"""Composition root: read the command line, find the data, open the store, start Qt."""

import gc
import logging
import os
import sys
from collections.abc import Sequence

from mneedle_desktop import cli
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.logs import configure_logging, log_unexpected
from mneedle_desktop.paths import AppPaths, ensure_private_dir, resolve_paths
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import CorruptDatabaseError, NotOurDatabaseError, StoreError

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    if os.name == "posix":
        # Everything the program writes (database, logs, later PDFs and backups) is for
        # this user only.
        os.umask(0o077)
    args = cli.parse_args(argv)
    paths = resolve_paths(args.data_dir, os.environ)
    log_file = configure_logging(paths.log_dir)
    try:
        if args.command:
            gc.enable()  # off while the program started (see launch.py)
            return cli.run_command(args, paths)
        return start_gui(paths, exit_when_ready=args.exit_when_ready)
    except Exception:
        # The traceback goes to the log (code and types, no client data); the user gets a
        # sentence and where to find the detail.
        log_unexpected(log, sys.exc_info()[1] or Exception())
        where = f" Details are in {log_file}." if log_file else ""
        print(f"MNeedle Desktop stopped because of an unexpected error.{where}", file=sys.stderr)
        return cli.EXIT_PROBLEM


def start_gui(paths: AppPaths, *, exit_when_ready: bool) -> int:
    from mneedle_desktop.ui.application import DAMAGED, AboutInfo, run_gui, show_startup_error

    # The whole-file check runs beside the first window; writes wait for it. When it finds
    # the file damaged the app stops its windows and opens the store again, checking first,
    # which offers the newest backup.
    check_later = True
    while True:
        try:
            services = _open_store(paths, offer_backup=not exit_when_ready, check_later=check_later)
        except StoreError as e:
            log.error("start-up failed: %s", type(e).__name__)
            print(str(e), file=sys.stderr)
            if not exit_when_ready:
                show_startup_error(str(e))
            return cli.EXIT_PROBLEM
        if services is None:
            return cli.EXIT_PROBLEM
        _purge_due(services)
        try:
            about = AboutInfo(paths.data_dir, services.store.schema_version)
            code = run_gui(services, about, exit_when_ready=exit_when_ready)
        finally:
            if not exit_when_ready and not services.store.background_check_failed:
                _back_up_on_close(services)
            services.close()
        if code != DAMAGED:
            return code
        log.error("the database failed its check after start-up")
        check_later = False


def _open_store(
    paths: AppPaths, *, offer_backup: bool, check_later: bool = False
) -> AppServices | None:
    """The store's services. A damaged database is offered the newest good backup (None
    when the user quits instead); other failures raise ``StoreError``."""
    ensure_private_dir(paths.data_dir)
    try:
        return AppServices.open(paths.database, SystemClock(), check_later=check_later)
    except (CorruptDatabaseError, NotOurDatabaseError) as e:
        from mneedle_desktop.services.backups import BACKUP_FOLDER, list_backups

        # A file that is not ours at our own name, in a folder with our backups, is ours
        # damaged beyond recognition (its first page overwritten, say).
        damaged = isinstance(e, CorruptDatabaseError) or bool(
            list_backups(paths.data_dir / BACKUP_FOLDER)
        )
        if not offer_backup or not damaged:
            raise
        from mneedle_desktop.ui.application import application
        from mneedle_desktop.ui.dialogs import Dialogs
        from mneedle_desktop.ui.startup_recovery import offer_restore

        log.error("the database is damaged; offering the newest backup")
        application()
        if not offer_restore(Dialogs(), paths.database, str(e), SystemClock()):
            return None
        return AppServices.open(paths.database, SystemClock())


def _purge_due(services: AppServices) -> None:
    """Erased clients whose records' retention has ended are purged at start-up (the
    erasure service is loaded only when some client awaits erasure)."""
    try:
        with services.store.read() as s:
            if not s.erasure.marked():
                return
        services.erasure.purge_due()
    except StoreError as e:
        log.error("purging erased clients failed: %s", type(e).__name__)


def _back_up_on_close(services: AppServices) -> None:
    if not services.backups.has_changes:
        return
    from mneedle_desktop.ui.application import show_notice

    notice = show_notice("Backing up before closing… (a large store takes a few seconds)")
    try:
        services.backups.back_up_if_due(closing=True)
    except StoreError as e:
        log.error("backup on close failed: %s", type(e).__name__)
        print(f"The backup on closing failed: {e}", file=sys.stderr)
    finally:
        notice.close()
