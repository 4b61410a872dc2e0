"""SVG icons tinted to the palette, drawn at whatever size and scale the screen asks for."""

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

_RESOURCES = "mneedle_desktop.resources"


@cache
def _svg_text(relative: str) -> str:
    from importlib import resources

    return resources.files(_RESOURCES).joinpath(relative).read_text(encoding="utf-8")


class _TintedSvgEngine(QIconEngine):
    """Renders an SVG that uses ``currentColor`` in the palette's text colour, or the
    disabled text colour for a disabled action."""

    def __init__(self, relative: str, *, tint: bool = True) -> None:
        super().__init__()
        self._relative = relative
        self._tint = tint

    def _color(self, mode: QIcon.Mode) -> QColor:
        palette = QApplication.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else (QPalette.ColorGroup.Active)
        )
        return palette.color(group, QPalette.ColorRole.WindowText)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        svg = _svg_text(self._relative)
        if self._tint:
            svg = svg.replace("currentColor", self._color(mode).name())
        from PySide6.QtSvg import QSvgRenderer  # loaded when an icon is first drawn

        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(QColor(0, 0, 0, 0))  # transparent
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        # Window systems ask which sizes to use for a window's icon.
        return [QSize(side, side) for side in (16, 24, 32, 48, 64, 128, 256)]

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._relative, tint=self._tint)


def icon(name: str) -> QIcon:
    """A tinted icon from ``resources/icons/NAME.svg`` (Lucide, ISC licence)."""
    return QIcon(_TintedSvgEngine(f"icons/{name}.svg"))


def untinted_icon(relative: str) -> QIcon:
    """An SVG under ``resources/`` in its own colours, drawn at each size when first
    needed."""
    return QIcon(_TintedSvgEngine(relative, tint=False))
