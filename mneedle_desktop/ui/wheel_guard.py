"""Scrolling a long form must not change the answers it passes over.

A spin box or drop-down list takes the mouse wheel only once it has the keyboard focus
(clicked or tabbed into); otherwise the wheel scrolls the page as the user meant."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

from mneedle_desktop.ui.window_watch import WindowWatch


class WheelGuard(QObject):
    """Installed on the windows (see ``window_watch``): a wheel event reaches the window
    first, and is turned to the page when the field under the pointer lacks the focus."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.windows = WindowWatch(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(event, QWheelEvent):
            return False
        field = _field_under(watched, event)
        if field is None or field.hasFocus():
            return False
        scroller = _scrolling_ancestor(field)
        if scroller is not None:
            QApplication.sendEvent(scroller.viewport(), event)  # scroll the page
        event.accept()
        return True


INSTALLED_PROPERTY = "mneedleWheelGuard"


def install_wheel_guard() -> None:
    """Guard the application's spin boxes and drop-down lists, once. Called by the windows
    that hold them (the first-run form, the main window and what opens from it)."""
    app = QApplication.instance()
    # Marked with a property rather than found with findChild, whose first call costs
    # PySide about 10 ms.
    if isinstance(app, QApplication) and not app.property(INSTALLED_PROPERTY):
        app.setProperty(INSTALLED_PROPERTY, True)
        WheelGuard(app).windows.start()


def _field_under(window: QObject, event: QWheelEvent) -> QWidget | None:
    """The spin box or drop-down list under the pointer in ``window``, if any."""
    if not isinstance(window, QWindow):
        return None
    top = next((w for w in QApplication.topLevelWidgets() if w.windowHandle() is window), None)
    widget = top.childAt(event.position().toPoint()) if top is not None else None
    # Within this window only: an open drop-down list is a window of its own, whose
    # parent is its combo box, and the wheel must scroll the list.
    while widget is not None and not widget.isWindow():
        if isinstance(widget, QAbstractSpinBox | QComboBox):
            return widget
        widget = widget.parentWidget()
    return None


def _scrolling_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
