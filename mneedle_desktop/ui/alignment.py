"""Alignments for the windows shown at start-up, set without PySide6's ``Qt`` namespace.

The first use of anything in ``Qt`` makes PySide6 build the whole namespace: 94 Python
enums with about 1,200 members, 15 to 17 ms on the machine that measures the budget, a
tenth of the app's start-up. The sign-in and first-run windows need nothing else from it,
so they set their alignments through Qt's properties, as Qt's own numbers; modules they
import use ``Qt`` only inside functions that run later. The start-up test fails when the
first window builds the namespace, and a test checks these numbers against ``Qt``.
"""

from PySide6.QtCore import QObject

RIGHT = 0x0002
HCENTER = 0x0004
VCENTER = 0x0080


def set_alignment(target: QObject, alignment: int, *, property_name: str = "alignment") -> None:
    """Set an alignment property (a label's ``alignment``, a form's ``labelAlignment``)."""
    if not target.setProperty(property_name, alignment):
        raise ValueError(f"{type(target).__name__} has no property {property_name!r}")
