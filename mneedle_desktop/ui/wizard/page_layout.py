"""The wizard pages' common layout: one column that scrolls up and down, never sideways."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


class _Column(QScrollArea):
    """A scroll area whose size hint does not lay its whole content out: the wizard asks
    every page's hint at each page turn, and the medical history has a hundred rows."""

    def sizeHint(self) -> QSize:
        return QSize(560, 420)


def scrolling_column(page: QWidget, *, above: QWidget | None = None) -> QVBoxLayout:
    """Give ``page`` a vertically scrolling column (with ``above`` fixed over it) and
    return the column's layout to fill."""
    content = QWidget()
    column = QVBoxLayout(content)
    scroll = _Column()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    # Not a Tab stop of its own: focus goes to the fields, and the column scrolls to show
    # the one focused.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    layout = QVBoxLayout(page)
    if above is not None:
        layout.addWidget(above)
    layout.addWidget(scroll, 1)
    return column
