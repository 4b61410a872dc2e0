"""Keeping Python's cycle collector off the client list.

At 50,000 clients the list and its search index are about a million Python objects. Each
full collection walks all of them: 40 to 190 ms, at moments nobody chose (a keystroke, a
page turn). The list is not garbage until the next reload, and it holds no reference
cycles (reference counting frees it), so once it is loaded the collector is told to leave
every object alive then alone.
"""

import gc


def settle() -> None:
    """Collect once (what is garbage now is freed, not kept for ever), then move every
    object alive to the permanent generation, which collections skip. Objects made later
    are collected as usual."""
    gc.collect()
    gc.freeze()
