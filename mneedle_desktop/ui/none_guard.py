"""Keeping ``None`` alive under a fault of PySide6 6.12 on Python 3.11.

Each Qt call made from Python that returns nothing (``setText``) or a null pointer
(``parentWidget()`` of a window) gives up one reference to ``None`` it never took. When the
count reaches zero the interpreter stops: "Fatal Python error: none_dealloc". Measured here:
a fresh interpreter stopped after about 5,200 calls of ``QLineEdit.setText``, and the main
window at 1,000 clients after about 540 searches typed and cleared (22 references each).
Python 3.12 made ``None`` immortal, so only 3.11 is affected.

Until PySide6 is fixed, the app gives the references back: every second it brings
``None``'s count up to ``FLOOR`` with a list of references kept until the process ends (8
bytes each, as many as were given up; freed at exit, they would take the count below zero
there). A second's worth of Qt calls is far below ``FLOOR``, and so is start-up's, before
the first check.
"""

import sys

from PySide6.QtCore import QObject, QTimer

FLOOR = 100_000
CHECK_MS = 1_000


def top_up() -> int:
    """Give ``None`` back the references taken from it; how many were given."""
    if sys.version_info >= (3, 12):
        return 0
    missing = FLOOR - sys.getrefcount(None)
    if missing <= 0:
        return 0
    _keep_for_good([None] * missing)
    return missing


def _keep_for_good(held: list[None]) -> None:
    import ctypes  # loaded at the first check, a second after start-up

    ctypes.pythonapi.Py_IncRef(ctypes.py_object(held))


def keep_none_alive(owner: QObject) -> None:
    """Top up every ``CHECK_MS`` for as long as ``owner`` (the application) lives."""
    timer = QTimer(owner)
    timer.setInterval(CHECK_MS)
    timer.timeout.connect(top_up)
    timer.start()
