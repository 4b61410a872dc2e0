"""The app's own icon on its windows."""

from pathlib import Path

from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication

from mneedle_desktop.ui.app_icon import app_icon
from mneedle_desktop.ui.icons import untinted_icon


def _drawn(icon: QIcon, side: int) -> QImage:
    return icon.pixmap(side, side).toImage().convertToFormat(QImage.Format.Format_ARGB32)


def _opaque_pixels(image: QImage) -> int:
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha()
    )


def test_the_windows_carry_the_app_icon_in_its_own_colours(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    for side in (16, 64):
        drawn = _drawn(icon, side)
        assert _opaque_pixels(drawn) > side * side // 4, "the mark is drawn, not an empty square"
        # The same drawing as the SVG engine that tints the toolbar's icons, left untinted.
        assert drawn == _drawn(untinted_icon("mneedle-desktop.svg"), side)


def test_without_its_file_the_icon_is_still_drawn(qapp: QApplication, tmp_path: Path) -> None:
    icon = app_icon(tmp_path / "missing.svg")
    assert not icon.isNull()
    assert _opaque_pixels(_drawn(icon, 32)) > 32 * 32 // 4
