"""At start-up, a damaged database: say so plainly and offer the newest good backup."""

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from mneedle_desktop import APP_NAME
from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.services.backups import (
    BACKUP_FOLDER,
    inspect_backup,
    newest_good_backup,
    restore_closed_database,
)
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.backup_actions import describe_backup
from mneedle_desktop.ui.dialogs import Dialogs

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("StartupRecovery", text)


def offer_restore(dialogs: Dialogs, database: Path, problem: str, clock: Clock) -> bool:
    """Tell the user the database is damaged and offer the newest good backup. True when
    a backup was restored (the damaged file kept aside); False to quit with the damaged
    file left exactly as it is."""
    newest = newest_good_backup(database.parent / BACKUP_FOLDER)
    if newest is None:
        return _offer_a_backup_file(dialogs, database, problem, clock)
    choice = dialogs.ask(
        None,
        _tr("The database is damaged"),
        _tr(
            "{problem}\n\nThe newest good backup was {facts}. Restore it? The damaged file "
            "is kept in the data folder's set-aside folder, not deleted. Anything saved after "
            "that backup is not in it."
        ).format(problem=problem, facts=describe_backup(newest)),
        (_tr("&Restore the backup"), _tr("&Quit")),
        escape=1,
    )
    if choice != 0:
        return False
    return _restore(dialogs, database, newest.path, clock)


def _offer_a_backup_file(dialogs: Dialogs, database: Path, problem: str, clock: Clock) -> bool:
    """No good backup in the data folder: the user may pick one (a USB stick)."""
    choice = dialogs.ask(
        None,
        _tr("The database is damaged"),
        _tr(
            "{problem}\n\nThere is no good backup in the data folder. If you have one "
            "elsewhere (a USB stick), choose it. The damaged file is kept, not deleted."
        ).format(problem=problem),
        (_tr("&Choose a backup…"), _tr("&Quit")),
        escape=1,
    )
    if choice != 0:
        return False
    chosen = dialogs.choose_file(
        None, _tr("Restore which backup?"), Path.home(), _tr("Backups (*.sqlite3)")
    )
    if chosen is None or chosen.resolve() == database.resolve():
        return False
    try:
        inspect_backup(chosen)
    except StoreError as e:
        dialogs.error(None, APP_NAME, str(e))
        return False
    return _restore(dialogs, database, chosen, clock)


def _restore(dialogs: Dialogs, database: Path, backup: Path, clock: Clock) -> bool:
    try:
        report = restore_closed_database(database, backup, clock)
    except StoreError as e:
        log.error("restoring at start-up failed: %s", type(e).__name__)
        dialogs.error(None, APP_NAME, str(e))
        return False
    dialogs.inform(
        None,
        _tr("Backup restored"),
        _tr(
            "The backup is restored. The damaged database is kept at {path}. Sign in with "
            "the password you had when the backup was made."
        ).format(path=report.set_aside),
    )
    return True
