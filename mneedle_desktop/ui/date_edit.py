"""Dates in the user's locale: display helpers and a date field you can simply type into."""

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from mneedle_desktop.domain.date_entry import DateEntryError, parse_entered_date


def locale_date_format(locale: QLocale) -> str:
    """The locale's short date format, widened to four-digit years (a birth year needs them).
    The neutral "C" locale gets ISO 8601."""
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def locale_is_day_first(locale: QLocale) -> bool:
    fmt = locale_date_format(locale).lower()
    return fmt.startswith("y") or fmt.find("d") < fmt.find("m")


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(QDate(value.year, value.month, value.day), locale_date_format(loc))


# A year typed so far ("01/02/20" on the way to 2024) is not yet a date worth acting on.
EARLIEST_YEAR_AS_TYPED = 1900


class DateField(QLineEdit):
    """A text field for a date: typed as 31/12/1990 (or the locale's order) or 1990-12-31,
    tidied into the locale's format when the field is left.

    Signals:
        entered(): the text is a whole date, or blank, as typed (so the form can act
            without waiting for the field to be left), and again when it is left.
    """

    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self._on_text_edited)
        self._day_first = locale_is_day_first(self.locale())
        self.setPlaceholderText(locale_date_format(self.locale()).lower())
        self.setMaxLength(20)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> date | None:
        """The date typed, None when blank; ``DateEntryError`` for anything unreadable."""
        return parse_entered_date(self.text(), day_first=self._day_first)

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value, self.locale()))

    @Slot()
    def _on_text_edited(self) -> None:
        try:
            value = self.value()
        except DateEntryError:
            return
        if value is None or value.year >= EARLIEST_YEAR_AS_TYPED:
            self.entered.emit()

    @Slot()
    def _on_editing_finished(self) -> None:
        self.entered.emit()
        try:
            value = self.value()
        except DateEntryError:
            return  # left as typed; the form shows what is wrong
        if value is not None:
            self.set_value(value)
