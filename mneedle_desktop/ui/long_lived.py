"""Keeping Python's cycle collector off what lives long: what start-up made, and the
client list.

At 50,000 clients the list and its search index are about a million Python objects. Each
full collection walks all of them: 40 to 190 ms, at moments nobody chose (a keystroke, a
page turn). The list is not garbage until the next reload, and it holds no reference
cycles (reference counting frees it), so once it is loaded the collector is told to leave
every object alive then alone.
"""

import gc


def start_up_done() -> None:
    """Once the first window is shown: what start-up made (modules, classes, the window)
    lives as long as the program, so it goes to the permanent generation, and the cycle
    collector, off while the program started (see ``launch.py``), is turned back on.
    Start-up's little garbage is kept rather than collected now (a collection here
    would walk everything once more). Nothing to do when the collector was on all along
    (a test or a benchmark that shows the first window itself)."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def settle() -> None:
    """Collect once (what is garbage now is freed, not kept for ever), then move every
    object alive to the permanent generation, which collections skip. Objects made later
    are collected as usual."""
    gc.collect()
    gc.freeze()
