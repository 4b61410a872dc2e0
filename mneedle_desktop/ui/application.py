"""Starting Qt: the application object, the first window, and the start-up error box."""

import logging
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QLockFile,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mneedle_desktop import APP_NAME, __version__
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.clinic_dialog import ClinicDialog
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.icons import app_icon
from mneedle_desktop.ui.main_window import AboutInfo, MainWindow

__all__ = ["AboutInfo", "run_gui", "show_startup_error"]

log = logging.getLogger(__name__)
LOCK_FILENAME = "mneedle-desktop.lock"
qt_log = logging.getLogger("mneedle_desktop.qt")


def _on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    qt_log.log(level, "%s", message)


def application() -> QApplication:
    """The process's QApplication, created and named on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MNeedle")
    app.setDesktopFileName("mneedle-desktop")
    app.setWindowIcon(app_icon())
    return app


def show_startup_error(message: str) -> None:
    application()
    QMessageBox.critical(None, APP_NAME, message)


class Startup:
    """Decides the first window: the clinic set-up on a new store, else the main window."""

    def __init__(self, services: AppServices, dialogs: Dialogs, about: AboutInfo) -> None:
        self._services = services
        self._dialogs = dialogs
        self._about = about
        self.setup_dialog: ClinicDialog | None = None
        self.main_window: MainWindow | None = None

    def first_window(self) -> QWidget:
        """Build and show the first window."""
        if self._services.clinic.needs_setup():
            self.setup_dialog = ClinicDialog(self._services.clinic, self._dialogs, first_start=True)
            self.setup_dialog.accepted.connect(self.show_main_window)
            self.setup_dialog.show()
            return self.setup_dialog
        return self.show_main_window()

    def show_main_window(self) -> MainWindow:
        self.main_window = MainWindow(self._services, self._dialogs, self._about)
        self.main_window.show()
        log.info("main window shown")
        return self.main_window


def run_gui(services: AppServices, about: AboutInfo, *, exit_when_ready: bool = False) -> int:
    """Show the first window and run until the last one is closed.

    With ``exit_when_ready``, quit with 0 as soon as the first window is shown and the
    event loop has gone idle (for smoke tests and start-up measurements).
    """
    qInstallMessageHandler(_on_qt_message)
    app = application()
    # One copy of the program per data folder: a second one would show a stale list.
    lock = QLockFile(str(about.data_dir / LOCK_FILENAME))
    if not lock.tryLock(200):
        message = QCoreApplication.translate(
            "Startup",
            "MNeedle Desktop is already open with the data folder {folder}. "
            "Switch to that window, or close it and start again.",
        ).format(folder=about.data_dir)
        print(message, file=sys.stderr)
        if not exit_when_ready:
            QMessageBox.warning(None, APP_NAME, message)
        return 1
    startup = Startup(services, Dialogs(), about)
    first = startup.first_window()
    if startup.setup_dialog is not None:
        startup.setup_dialog.rejected.connect(lambda: app.exit(0))
    if exit_when_ready and first.isVisible():
        QTimer.singleShot(0, lambda: app.exit(0))
    try:
        return app.exec()
    finally:
        lock.unlock()
