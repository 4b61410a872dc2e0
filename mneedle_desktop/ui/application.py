"""Starting Qt: the application object, the first window, and the start-up error box."""

import logging
import sys
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import (
    QCoreApplication,
    QLockFile,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from mneedle_desktop import APP_ID, APP_NAME, __version__
from mneedle_desktop.domain.accounts import Account
from mneedle_desktop.domain.clinic import DEFAULT_AUTO_LOCK_MINUTES, ClinicProfile
from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.paths import APP_LOCK_FILENAME
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui import long_lived
from mneedle_desktop.ui.about import AboutInfo
from mneedle_desktop.ui.app_icon import app_icon
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.error_hook import UnexpectedErrorHook
from mneedle_desktop.ui.none_guard import keep_none_alive

if TYPE_CHECKING:  # each built when first shown, not imported at start-up
    from mneedle_desktop.ui.first_run_dialog import FirstRunDialog
    from mneedle_desktop.ui.idle_monitor import IdleMonitor
    from mneedle_desktop.ui.main_window import MainWindow
    from mneedle_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
    from mneedle_desktop.ui.sign_in_dialog import SignInDialog

__all__ = ["DAMAGED", "AboutInfo", "AppController", "run_gui", "show_notice", "show_startup_error"]

log = logging.getLogger(__name__)
LOCK_FILENAME = APP_LOCK_FILENAME
# run_gui's result when the store's background check found the file damaged.
DAMAGED = 75
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
    keep_none_alive(app)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MNeedle")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def show_notice(text: str) -> QWidget:
    """A small window saying what the program is busy with (backing up before closing),
    shown at once; the caller closes it."""
    notice = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, APP_NAME, text)
    notice.setStandardButtons(QtWidgets.QMessageBox.StandardButton.NoButton)
    notice.setModal(False)
    notice.show()
    for _ in range(3):  # let it be drawn before the work starts
        QApplication.processEvents()
    return notice


def show_startup_error(message: str) -> None:
    application()
    QtWidgets.QMessageBox.critical(None, APP_NAME, message)


class AppController(QObject):
    """Which window shows when: the first-run set-up, signing in, the main window, and the
    lock screen (after Lock, or after the clinic's idle time, sleep included)."""

    def __init__(
        self,
        services: AppServices,
        dialogs: Dialogs,
        about: AboutInfo,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._dialogs = dialogs
        self._about = about
        self._clock = clock
        self.main_window: MainWindow | None = None
        self.first_run: FirstRunDialog | None = None
        self.recovery_key: RecoveryKeyDialog | None = None
        self.sign_in: SignInDialog | None = None
        self._resume: tuple[str, str] | None = None  # (practitioner, consultation) at lock
        self._view: tuple[str, str, ClientId | None] | None = None  # (who, search, selected)

    @cached_property
    def idle(self) -> "IdleMonitor":
        """The auto-lock's watch, made at the first sign-in: the first window needs none."""
        from mneedle_desktop.ui.idle_monitor import IdleMonitor

        idle = IdleMonitor(self._clock, timedelta(minutes=DEFAULT_AUTO_LOCK_MINUTES), self)
        idle.idle_timed_out.connect(self.lock)
        idle.lock_pressed.connect(self.lock)
        return idle

    def first_window(self) -> QWidget:
        """Build and show the first window."""
        if self._services.first_start.needs_owner():
            from mneedle_desktop.ui.first_run_dialog import FirstRunDialog

            self.first_run = FirstRunDialog(self._services, self._dialogs)
            self.first_run.accepted.connect(self._on_first_run_accepted)
            self.first_run.rejected.connect(self._quit)
            self.first_run.show()
            return self.first_run
        return self.show_sign_in()

    @Slot()
    def _on_first_run_accepted(self) -> None:
        assert self.first_run is not None
        assert self.first_run.recovery_key is not None
        from mneedle_desktop.ui.recovery_key_dialog import RecoveryKeyDialog

        self.recovery_key = RecoveryKeyDialog(self.first_run.recovery_key)
        self.first_run.recovery_key = None
        self.recovery_key.accepted.connect(self._on_recovery_key_accepted)
        self.recovery_key.show()

    @Slot()
    def _on_recovery_key_accepted(self) -> None:
        account = self._services.accounts.current
        assert account is not None
        self._on_signed_in(account)

    def show_sign_in(self, locked_by: Account | None = None) -> "SignInDialog":
        from mneedle_desktop.ui.sign_in_dialog import SignInDialog

        self.sign_in = SignInDialog(
            self._services, self._services.first_start.clinic_name(), locked_by=locked_by
        )
        self.sign_in.signed_in.connect(self._on_signed_in)
        self.sign_in.rejected.connect(self._quit)
        self.sign_in.show()
        return self.sign_in

    @Slot(object)
    def _on_signed_in(self, account: Account) -> None:
        clinic = self._services.clinic.current()
        minutes = clinic.auto_lock_minutes if clinic else DEFAULT_AUTO_LOCK_MINUTES
        self.idle.idle_for = timedelta(minutes=minutes)
        if self.main_window is None:
            from mneedle_desktop.ui.main_window import MainWindow

            self.main_window = MainWindow(self._services, self._dialogs, self._about)
            self.main_window.lock_requested.connect(self.lock)
            self.main_window.sign_out_requested.connect(self.sign_out)
            self.main_window.clinic_changed.connect(self._on_clinic_changed)
            self.main_window.restored.connect(self.sign_out)
        self.main_window.show_account(account)
        self.main_window.show()
        self.main_window.raise_()
        self.main_window.activateWindow()
        self.idle.start()
        log.info("main window shown")
        if account.is_owner and clinic is None:
            self.main_window.clinic_action.trigger()  # details missing (set up from the CLI)
        resume, self._resume = self._resume, None
        view, self._view = self._view, None
        window = self.main_window
        if view is not None and view[0] == account.id:
            window.restore_view(view[1], view[2])  # back to where they were
        if resume is not None and resume[0] == account.id:
            # Back to the consultation that was open when the app locked.
            QTimer.singleShot(
                0, lambda: window.open_consultation(self._services.consultations.open(resume[1]))
            )
        else:
            QTimer.singleShot(0, window.offer_to_resume)

    @Slot()
    def lock(self) -> None:
        """Hide every client detail and forget the data key; the same practitioner can
        unlock back to where they were."""
        account = self._services.accounts.current
        if account is None:
            return
        self.idle.stop()
        wizard = self.main_window.wizard if self.main_window else None
        self._resume = (account.id, wizard.consultation.id) if wizard else None
        if self.main_window is not None:
            # Kept in memory only, to give the same practitioner their view back.
            self._view = (
                account.id,
                self.main_window.search.text(),
                self.main_window.selected_client_id(),
            )
        self._close_dialogs()
        self._services.accounts.lock()
        self.show_sign_in(locked_by=self._services.accounts.locked_account)
        if self.main_window is not None:
            self.main_window.clear_client_data()
            self.main_window.hide()

    @Slot(object)
    def _on_clinic_changed(self, profile: ClinicProfile) -> None:
        """A new idle time applies at once, not at the next sign-in."""
        self.idle.idle_for = timedelta(minutes=profile.auto_lock_minutes)

    @Slot()
    def sign_out(self) -> None:
        self.idle.stop()
        self._close_dialogs()
        self._services.accounts.sign_out()
        self.show_sign_in()
        if self.main_window is not None:
            self.main_window.clear_client_data()
            self.main_window.hide()

    def _close_dialogs(self) -> None:
        """Close every open dialog without questions: they may show client data."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget is not self.sign_in:
                widget.done(QDialog.DialogCode.Rejected)

    @Slot()
    def _quit(self) -> None:
        self._services.sign_out()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def _ready_and_exit(app: QApplication) -> None:
    """Say the first window is shown and the event loop idle (start-up measurements time
    this line, not the process's exit), then leave. The events already queued, the first
    paint among them, are handled first."""
    app.processEvents()
    print("ready", flush=True)
    app.exit(0)


def run_gui(services: AppServices, about: AboutInfo, *, exit_when_ready: bool = False) -> int:
    """Show the first window and run until the last one is closed.

    With ``exit_when_ready``, quit with 0 as soon as the first window is shown and the
    event loop has gone idle (for smoke tests and start-up measurements).
    """
    previous_handler = qInstallMessageHandler(_on_qt_message)
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
            QtWidgets.QMessageBox.warning(None, APP_NAME, message)
        qInstallMessageHandler(previous_handler)
        return 1
    dialogs = Dialogs()
    sys.excepthook = UnexpectedErrorHook(dialogs)
    controller = AppController(services, dialogs, about, services.clock)

    def sign_out_on_quit() -> None:
        if not services.store.background_check_failed:
            services.sign_out()

    app.aboutToQuit.connect(sign_out_on_quit)
    first = controller.first_window()
    # The store checks the whole file in the background once the first window is shown and
    # the event loop has started (the events already queued for the window come first):
    # when the file turns out damaged, every window closes and the start-up offers the
    # newest backup.
    QTimer.singleShot(0, services.store.start_background_check)
    QTimer.singleShot(0, long_lived.start_up_done)
    if exit_when_ready and first.isVisible():
        QTimer.singleShot(0, lambda: _ready_and_exit(app))
    watch = QTimer()
    watch.setInterval(200)

    def on_watch() -> None:
        if services.store.background_check_done and not services.store.background_check_failed:
            watch.stop()  # it passed: nothing more to watch
        elif services.store.background_check_failed:
            watch.stop()
            for widget in QApplication.topLevelWidgets():
                widget.hide()
                widget.deleteLater()
            app.exit(DAMAGED)

    watch.timeout.connect(on_watch)
    watch.start()
    try:
        return app.exec()
    finally:
        watch.stop()
        app.aboutToQuit.disconnect(sign_out_on_quit)
        qInstallMessageHandler(previous_handler)
        lock.unlock()
