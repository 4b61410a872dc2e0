"""Locking after a spell without use, measured on the wall clock so that sleep counts."""

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent

from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.ui.window_watch import WindowWatch

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
    """Watches the input of every window of the application.

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
        self._windows = WindowWatch(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Watch from now on (the windows' input, while someone is signed in)."""
        self._last_activity = self._clock.now()
        self.active = True
        self._timer.start()
        self._windows.start()

    def stop(self) -> None:
        self.active = False
        self._timer.stop()
        self._windows.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Installed on the windows only: input reaches a window before its widgets.
        kind = event.type()
        if kind not in _ACTIVITY:
            return False
        self._last_activity = self._clock.now()
        if (
            self.active
            and kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
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
