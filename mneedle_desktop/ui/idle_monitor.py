"""Locking after a spell without use, measured on the wall clock so that sleep counts."""

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from mneedle_desktop.domain.clock import Clock

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}
CHECK_EVERY_MS = 5_000


class IdleMonitor(QObject):
    """Watches every input event of the application.

    Signals:
        idle_timed_out(): no input for the idle time (also after the laptop slept).
        lock_pressed(): Ctrl+L, in any window of the app (a dialog on top included).
    """

    idle_timed_out = Signal()
    lock_pressed = Signal()

    def __init__(self, clock: Clock, idle_for: timedelta, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.idle_for = idle_for
        self._last_activity = clock.now()
        self.active = False
        self._filtering = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Watch from now on: the application's events are filtered only while someone is
        signed in (a Python filter on every event slows windows' showing)."""
        self._last_activity = self._clock.now()
        self.active = True
        self._timer.start()
        app = QCoreApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True

    def stop(self) -> None:
        self.active = False
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = self._clock.now()
        if (
            self.active
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self.lock_pressed.emit()
            return True
        return False

    @Slot()
    def check(self) -> None:
        """Compare wall-clock time (not timer ticks, which stop while the laptop sleeps)."""
        if self.active and self._clock.now() - self._last_activity >= self.idle_for:
            self.stop()
            self.idle_timed_out.emit()
