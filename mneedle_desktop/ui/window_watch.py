"""Watching the user's input at the application's windows.

Keys, clicks, the wheel and touches reach a window before any of its widgets, so an event
filter on each top-level window sees all of them, and little else. A filter on the
application itself would see every event of every object (layouts, paints, timers): in
Python that cost a wizard page turn about 8 ms at the 95th percentile.
"""

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QWindow

# How often the open windows are looked through for one that appeared without the focus.
SWEEP_MS = 2_000


class WindowWatch(QObject):
    """Installs ``watcher`` as an event filter on every top-level window: those open when
    started, each one that gets the focus later (as a window does before anyone types or
    clicks in it), and every ``SWEEP_MS`` any other open (one shown without the focus:
    some systems refuse to bring a window forward)."""

    def __init__(self, watcher: QObject) -> None:
        super().__init__(watcher)
        self._watcher = watcher
        self.watching = False
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(SWEEP_MS)
        self._sweeper.timeout.connect(self.sweep)

    def start(self) -> None:
        app = QGuiApplication.instance()
        if self.watching or not isinstance(app, QGuiApplication):
            return
        self.watching = True
        app.focusWindowChanged.connect(self._adopt)
        self.sweep()
        self._sweeper.start()

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if not self.watching or not isinstance(app, QGuiApplication):
            return
        self.watching = False
        self._sweeper.stop()
        app.focusWindowChanged.disconnect(self._adopt)
        for window in app.topLevelWindows():
            window.removeEventFilter(self._watcher)

    @Slot()
    def sweep(self) -> None:
        """Watch every window open now (installing twice is harmless: Qt keeps one)."""
        app = QGuiApplication.instance()
        if self.watching and isinstance(app, QGuiApplication):
            for window in app.topLevelWindows():
                window.installEventFilter(self._watcher)

    @Slot(QWindow)
    def _adopt(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self._watcher)
