"""The Clinic menu's "Back up now…" and "Restore from backup…", and the automatic backup
timer. Every question goes through ``Dialogs``."""

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from mneedle_desktop.services.backups import BackupInfo
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.dialogs import Dialogs

log = logging.getLogger(__name__)

# How often the timer asks whether an automatic backup is due (the service decides: at most
# every 30 minutes, and only after changes).
AUTO_BACKUP_POLL_MS = 5 * 60 * 1000


def describe_backup(info: BackupInfo) -> str:
    when = info.created_at.astimezone().strftime("%d %B %Y at %H:%M")
    return QCoreApplication.translate(
        "Backups", "made {when}: {clients} client(s), {consultations} consultation(s)"
    ).format(when=when, clients=info.clients, consultations=info.consultations)


class BackupActions(QObject):
    """restored(): a backup replaced the store and everyone was signed out.
    purged(): erased clients whose retention ended were purged; the list changed."""

    restored = Signal()
    purged = Signal()

    def __init__(
        self,
        services: AppServices,
        dialogs: Dialogs,
        window: QMainWindow,
        consultation_open: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._services = services
        self._dialogs = dialogs
        self._window = window
        self._consultation_open = consultation_open
        self.back_up_action = QAction(self.tr("&Back up now…"), self)
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("Res&tore from backup…"), self)
        self.restore_action.triggered.connect(self.restore)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_BACKUP_POLL_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self.timer.start()

    @Slot()
    def back_up_now(self) -> None:
        folder = self._dialogs.choose_folder(
            self._window, self.tr("Back up to which folder? (a USB stick, say)")
        )
        if folder is None:
            return
        try:
            info = self._services.backups.back_up(folder)
        except StoreError as e:
            self._dialogs.error(self._window, self.tr("Backup failed"), str(e))
            return
        self._dialogs.inform(
            self._window,
            self.tr("Backed up"),
            self.tr(
                "The backup is in {folder} ({facts}). It was checked after writing. Keep it "
                "somewhere safe: it holds every client's records, encrypted."
            ).format(folder=folder, facts=describe_backup(info)),
        )

    @Slot()
    def restore(self) -> None:
        if self._consultation_open():
            self._dialogs.warn(
                self._window,
                self.tr("Close the consultation first"),
                self.tr("Finish or close the open consultation, then restore."),
            )
            return
        chosen = self._dialogs.choose_file(
            self._window,
            self.tr("Restore which backup?"),
            self._services.backups.folder,
            self.tr("MNeedle Desktop backups (*.sqlite3)"),
        )
        if chosen is None:
            return
        try:
            info = self._services.backups.inspect(chosen)
        except StoreError as e:
            self._dialogs.error(self._window, self.tr("This backup cannot be used"), str(e))
            return
        if not self._dialogs.confirm(
            self._window,
            self.tr("Restore this backup?"),
            self.tr(
                "The backup {name} was {facts}.\n\nIt replaces everything in the app now. The "
                "current database is not deleted: it is kept in the data folder's set-aside "
                "folder. Everyone is signed out; sign in again with the password you had when "
                "the backup was made."
            ).format(name=info.path.name, facts=describe_backup(info)),
            self.tr("&Restore"),
        ):
            return
        try:
            report = self._services.backups.restore(info.path)
        except StoreError as e:
            self._dialogs.error(self._window, self.tr("Restore failed"), str(e))
            return
        self.restored.emit()
        aside = report.set_aside or Path()
        self._dialogs.inform(
            None,
            self.tr("Backup restored"),
            self.tr("The backup is restored. The database it replaced is kept at {path}.").format(
                path=aside
            ),
        )

    @Slot()
    def back_up_if_due(self) -> None:
        """Every few minutes: erasures whose retention has ended are purged (a laptop left
        running for days still purges on time), then the automatic backup. A failure is
        shown in the status bar, never as a window."""
        try:
            if self._services.erasure.purge_due():
                self.purged.emit()
            info = self._services.backups.back_up_if_due()
        except StoreError as e:
            log.error("automatic backup failed: %s", type(e).__name__)
            self._window.statusBar().showMessage(
                self.tr("The automatic backup failed: {why}").format(why=e)
            )
            return
        if info is not None:
            self._window.statusBar().showMessage(self.tr("Backed up automatically."), 5000)
