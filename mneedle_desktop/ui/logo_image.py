"""The clinic logo as the forms handle it: read from an image file, no larger than
``LOGO_MAX_SIDE``, kept as PNG bytes, and shown small. Loaded when a logo is first chosen or
shown, not at start-up (the first-run form starts without one)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from mneedle_desktop.ui.png_bytes import png_bytes

LOGO_MAX_SIDE = 600


def logo_png(path: Path) -> bytes | None:
    """The image at ``path`` as PNG bytes, scaled down to fit ``LOGO_MAX_SIDE``; None when
    the file cannot be read as an image."""
    image = QImage(str(path))
    if image.isNull():
        return None
    if max(image.width(), image.height()) > LOGO_MAX_SIDE:
        image = image.scaled(
            LOGO_MAX_SIDE,
            LOGO_MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return png_bytes(image)


def preview(png: bytes, height: int) -> QPixmap:
    """The logo scaled to ``height`` pixels for a form."""
    pixmap = QPixmap()
    pixmap.loadFromData(png)
    return pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
