"""Waiting intervals in days, weeks or months, and the dates they lead to."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class IntervalUnit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


@dataclass(frozen=True)
class Interval:
    amount: int
    unit: IntervalUnit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("an interval cannot be negative")

    def after(self, start: date) -> date:
        """``start`` plus this interval. Months keep the day of the month, or take the
        month's last day when it is shorter (31 August + 6 months = 28 or 29 February)."""
        if self.unit is IntervalUnit.DAYS:
            return start + timedelta(days=self.amount)
        if self.unit is IntervalUnit.WEEKS:
            return start + timedelta(weeks=self.amount)
        month_index = start.month - 1 + self.amount
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return date(year, month, day)

    def describe(self) -> str:
        unit = self.unit.value if self.amount != 1 else self.unit.value.rstrip("s")
        return f"{self.amount} {unit}"


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: date) -> str:
    """``3 March 2027``: the form used in wording the client reads."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
