"""How long signed records are kept after a client asks for erasure."""

from datetime import date


def keep_until(last_signed: date, years: int) -> date:
    """The day a client's signed records may be purged: ``years`` after the last one was
    signed (a 29 February becomes 28 February in a year without one)."""
    try:
        return last_signed.replace(year=last_signed.year + years)
    except ValueError:
        return last_signed.replace(year=last_signed.year + years, day=28)
