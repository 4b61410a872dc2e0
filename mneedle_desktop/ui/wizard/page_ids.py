"""The wizard's pages, in order."""

from enum import IntEnum


class PageId(IntEnum):
    CLIENT = 0
    HISTORY = 1
    SKIN = 2
    AREAS = 3
    SCREENING = 4
    PLAN = 5
    CONSENT = 6
    COUNTERSIGN = 7
    DONE = 8
