"""Scrolling a long form must not change the answers it passes over.

A spin box or drop-down list takes the mouse wheel only once it has the keyboard focus
(clicked or tabbed into); otherwise the wheel scrolls the page as the user meant."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


class WheelGuard(QObject):
    """Sees every event of the application, so it looks at the event's type first and
    returns at once for all but the two it handles."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _HANDLED or not isinstance(watched, QAbstractSpinBox | QComboBox):
            return False
        if kind == QEvent.Type.Polish:
            # Not "wheel focus": the wheel alone must not make a field the current one.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        scroller = _scrolling_ancestor(watched)
        if scroller is not None:
            QApplication.sendEvent(scroller.viewport(), event)  # scroll the page
            event.accept()
        else:
            event.ignore()
        return True


_HANDLED = frozenset({QEvent.Type.Polish, QEvent.Type.Wheel})


_INSTALLED = "mneedleWheelGuard"


def install_wheel_guard() -> None:
    """Guard the application's spin boxes and drop-down lists, once. Called by the windows
    that hold them (the first-run form, the main window and what opens from it), not at
    start-up: the sign-in window has none, and a Python filter that sees every event slows
    the first window's showing (by about 25 ms)."""
    app = QApplication.instance()
    # Marked with a property rather than found with findChild, whose first call costs
    # PySide about 10 ms.
    if isinstance(app, QApplication) and not app.property(_INSTALLED):
        app.setProperty(_INSTALLED, True)
        app.installEventFilter(WheelGuard(app))


def _scrolling_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
