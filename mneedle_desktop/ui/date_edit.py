"""A date field that can be left blank, showing dates in the user's locale with a 4-digit year."""

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

_BLANK = QDate(1899, 12, 31)


def locale_date_format(locale: QLocale) -> str:
    """The locale's short date format, widened to four-digit years (a birth year needs them).
    The neutral "C" locale gets ISO 8601."""
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(QDate(value.year, value.month, value.day), locale_date_format(loc))


class OptionalDateEdit(QDateEdit):
    """A ``QDateEdit`` whose lowest value means "not entered" and displays as blank."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(locale_date_format(self.locale()))
        self.setMinimumDate(_BLANK)
        self.setSpecialValueText(" ")
        self.setDate(_BLANK)

    def value(self) -> date | None:
        q = self.date()
        if q == _BLANK:
            return None
        return date(q.year(), q.month(), q.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(_BLANK)
        else:
            self.setDate(QDate(value.year, value.month, value.day))
