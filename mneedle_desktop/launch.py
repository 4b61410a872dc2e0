"""The program's entry point: the ``mneedle-desktop`` command, ``python -m mneedle_desktop``
and the packaged app all start here.

Start-up makes tens of thousands of objects (modules, classes, the first window), nearly
all of which live as long as the program, and Python's cycle collector ran some forty
collections of the newest of them on the way, which found next to nothing: about 6 ms of a
150 ms start (``benchmarks``, 50,000 clients). It waits instead until the first window is
shown (``ui.long_lived.start_up_done``) or a command starts (``app.main``), and it is back
on however the program ends.
"""

import gc
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    gc.disable()
    try:
        from mneedle_desktop.app import main as run

        return run(argv)
    finally:
        gc.enable()
