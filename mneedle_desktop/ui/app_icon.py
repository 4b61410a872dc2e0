"""The app's own icon, on its windows and in the taskbar."""

from importlib import import_module
from pathlib import Path

from PySide6.QtGui import QIcon

FILE_NAME = "mneedle-desktop.svg"


def shipped_svg() -> Path:
    """Where the icon is installed (``importlib.resources`` would add 5 ms of imports)."""
    resources = import_module("mneedle_desktop.resources")
    return Path(str(resources.__file__)).with_name(FILE_NAME)


def app_icon(svg: Path | None = None) -> QIcon:
    """The icon, drawn from its SVG by Qt's own icon engine at each size the window system
    asks for. On X11 the first window asks for its sizes as it is made: drawn in Python by
    the engine that tints the toolbar's icons (``icons``), they added about 10 ms to its
    showing; drawn by Qt, about 1 ms. That engine remains where Qt's cannot read the file."""
    svg = svg or shipped_svg()
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    if not icon.isNull():
        return icon
    from mneedle_desktop.ui.icons import untinted_icon

    return untinted_icon(FILE_NAME)
