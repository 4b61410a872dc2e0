"""``check``, and opening the store for the commands that use it."""

import logging
import sys

from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.paths import AppPaths, ensure_private_dir
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
        return EXIT_PROBLEM
    try:
        report = services.health()
    finally:
        services.close()
    print(describe_health(report))
    return EXIT_OK if report.ok else EXIT_PROBLEM


def open_services(paths: AppPaths) -> AppServices | None:
    """The store's services, or None after printing why the store cannot be opened."""
    try:
        ensure_private_dir(paths.data_dir)
        return AppServices.open(paths.database, SystemClock())
    except StoreError as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return None
