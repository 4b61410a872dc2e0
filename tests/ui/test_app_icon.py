"""The app's own icon on its windows."""

from pathlib import Path

import pytest
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
    # Drawn by Qt's SVG engine, which names no fixed sizes (the Python one names seven).
    assert icon.availableSizes() == []
    for side in (16, 64):
        drawn = _drawn(icon, side)
        assert _opaque_pixels(drawn) > side * side // 4, "the mark is drawn, not an empty square"
        # The same drawing as the SVG engine that tints the toolbar's icons, left untinted.
        assert drawn == _drawn(untinted_icon("mneedle-desktop.svg"), side)


@pytest.mark.qt_log_ignore("Cannot read file")  # Qt says so of the damaged one
def test_where_qt_cannot_read_the_file_the_icon_is_still_drawn(
    qapp: QApplication, tmp_path: Path
) -> None:
    unreadable = tmp_path / "damaged.svg"
    unreadable.write_text("<svg", encoding="utf-8")
    for svg in (tmp_path / "missing.svg", unreadable):
        icon = app_icon(svg)
        assert not icon.isNull()
        assert icon.availableSizes(), "drawn by the Python engine"
        assert _opaque_pixels(_drawn(icon, 32)) > 32 * 32 // 4
