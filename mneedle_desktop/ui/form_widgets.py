"""Pieces shared by the forms: a multi-line text box, an error line, yes/no questions and
window sizing."""

from PySide6.QtCore import QCoreApplication, QObject, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)


def multiline_field(lines: int) -> QPlainTextEdit:
    """A plain-text box about ``lines`` lines tall, where Tab moves on instead of indenting."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    frame = 2 * (edit.frameWidth() + int(edit.document().documentMargin()))
    height = lines * edit.fontMetrics().lineSpacing() + frame
    edit.setFixedHeight(max(height, edit.minimumSizeHint().height()))
    return edit


def error_label() -> QLabel:
    """A word-wrapped line for a validation message, in red that reads on the palette's
    background (a lighter red in dark mode). Set through the palette: a style sheet on each
    of the dozens of these a form holds made showing it slower."""
    label = QLabel()
    label.setWordWrap(True)
    palette = label.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff8a80" if dark else "#b3261e"))
    label.setPalette(palette)
    return label


def fit_to_contents(window: QWidget, *, min_width: int) -> None:
    """Size a window so every row gets its full height at its width, and no more (Qt
    otherwise sizes a window holding word-wrapped text by its narrowest layout and squeezes
    the rows; its size hint guesses the text's lines at another width, and the extra height
    opened a gap above the buttons)."""
    width = max(min_width, window.sizeHint().width())
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        window.resize(width, window.height())  # the height it needs at its new width
        layout.activate()
        height = layout.totalHeightForWidth(width)
    else:
        height = window.sizeHint().height()
    window.setMinimumWidth(min_width)
    window.resize(width, height)


def grow_to_fit(window: QWidget) -> None:
    """Make a window taller when its contents grew (say, error messages appeared)."""
    layout = window.layout()
    if layout is None:
        return
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalSizeHint().height())
    if needed > window.height():
        window.resize(window.width(), needed)


class YesNoChoice:
    """A question's words and its Yes and No buttons, which start unanswered, for the
    caller to place (``YesNo`` puts them in a row; the medical history in a grid's
    columns, so every Yes lines up)."""

    def __init__(self, question: str, owner: QObject) -> None:
        self.label = QLabel(question)
        self.label.setWordWrap(True)
        self.yes = QRadioButton(QCoreApplication.translate("YesNo", "Yes"))
        self.no = QRadioButton(QCoreApplication.translate("YesNo", "No"))
        self.yes.setAccessibleName(
            QCoreApplication.translate("YesNo", "Yes: {q}").format(q=question)
        )
        self.no.setAccessibleName(QCoreApplication.translate("YesNo", "No: {q}").format(q=question))
        self.group = QButtonGroup(owner)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)

    def value(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None

    def set_value(self, value: bool | None) -> None:
        if value is not None:
            (self.yes if value else self.no).setChecked(True)
            return
        self.group.setExclusive(False)  # an exclusive group never unchecks its last button
        self.yes.setChecked(False)
        self.no.setChecked(False)
        self.group.setExclusive(True)


class YesNo(QWidget):
    """A question answered Yes or No, which starts unanswered."""

    def __init__(
        self, question: str, parent: QWidget | None = None, *, show_question: bool = True
    ) -> None:
        """``show_question=False`` where a form row's label already asks it (the
        question still names the buttons for screen readers)."""
        super().__init__(parent)
        self.choice = YesNoChoice(question, self)
        self.label, self.yes, self.no = self.choice.label, self.choice.yes, self.choice.no
        self.group = self.choice.group
        self.label.setVisible(show_question)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        if not show_question:
            layout.addStretch(1)

    def value(self) -> bool | None:
        return self.choice.value()

    def set_value(self, value: bool | None) -> None:
        self.choice.set_value(value)


def fit_on_screen(size: QSize, widget: QWidget) -> QSize:
    """``size``, made smaller where the screen is (a size remembered from a larger
    monitor must not put the buttons off a laptop's screen)."""
    screen = widget.screen()
    if screen is None:
        return size
    room = screen.availableGeometry().size()
    return size.boundedTo(QSize(max(room.width() - 40, 400), max(room.height() - 60, 300)))
