"""A box to sign in with a finger, a pen or the mouse, or, for anyone who cannot use a
pointer, by typing their name. Records each stroke's points and times (a typed name as the
outline of its letters), and renders the signature as a PNG."""

import time
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mneedle_desktop.domain.consent import signature_problem
from mneedle_desktop.domain.record import Signature, SignatureRole, Stroke
from mneedle_desktop.domain.text import fold
from mneedle_desktop.ui.png_bytes import png_bytes

PEN_WIDTH = 2.5
PNG_HEIGHT = 160


class SignaturePad(QWidget):
    """Signals:
    changed(): a stroke was added, a letter typed, or the pad cleared.
    """

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(
            self.tr(
                "Signature box: sign with a finger, a pen or the mouse, or type your name "
                "with the keyboard."
            )
        )
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(420, 150))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[tuple[float, float, int]]] = []
        self._started: float | None = None
        self._drawing = False
        self._typed = ""
        self._loaded_typed = False  # strokes loaded from a signature that was typed
        self._signer = ""  # a typed signature must be this name

    # --- input ---------------------------------------------------------------------------

    def _ms(self) -> int:
        now = time.monotonic()
        if self._started is None:
            self._started = now
        return int((now - self._started) * 1000)

    def _begin(self, point: QPointF) -> None:
        if self._typed or self._loaded_typed:  # drawing replaces a typed name
            self._typed = ""
            self._loaded_typed = False
            self._strokes = []
        self._drawing = True
        self._strokes.append([(point.x(), point.y(), self._ms())])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing and self._strokes:
            self._strokes[-1].append((point.x(), point.y(), self._ms()))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing writes the name in the box; Backspace takes a letter back."""
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if event.key() == Qt.Key.Key_Backspace and self._typed:
            self._set_typed(self._typed[:-1])
        elif (
            plain
            and text
            and text.isprintable()
            and (text != " " or self._typed)
            and (self._typed or not self._strokes)  # a stray key never wipes a drawing
        ):
            self._set_typed(self._typed + text)
        else:
            super().keyPressEvent(event)

    def _set_typed(self, text: str) -> None:
        self._loaded_typed = False
        self._typed = text
        self._strokes = self._outline(text)
        self.update()
        self.changed.emit()

    def _outline(self, text: str) -> list[list[tuple[float, float, int]]]:
        """The letters' outlines as strokes, sized to fit the box above the line."""
        if not text.strip():
            return []
        font = QFont(self.font())
        font.setItalic(True)
        font.setPointSizeF(26)
        path = QPainterPath()
        path.addText(QPointF(0, 0), font, text)
        box = path.boundingRect()
        room_w, room_h = self.width() - 40, self.height() - 60
        scale = min(1.0, room_w / box.width() if box.width() else 1.0, room_h / box.height())
        ms = self._ms()
        strokes = []
        for polygon in path.toSubpathPolygons():
            points = (polygon.at(i) for i in range(polygon.size()))
            stroke = [
                (20 + (pt.x() - box.left()) * scale, 14 + (pt.y() - box.top()) * scale, ms)
                for pt in points
            ]
            if len(stroke) > 1:
                strokes.append(stroke)
        return strokes

    def set_signer(self, name: str) -> None:
        """Whose signature this is: a typed one must spell their name."""
        self._signer = name

    def typed(self) -> bool:
        return bool(self._typed) or self._loaded_typed

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        else:
            self._end()
        event.accept()

    def event(self, e: QEvent) -> bool:
        if isinstance(e, QTouchEvent):
            points = e.points()
            if points:
                position = points[0].position()
                if e.type() == QTouchEvent.Type.TouchBegin:
                    self._begin(position)
                elif e.type() == QTouchEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._end()
            e.accept()
            return True
        return super().event(e)

    # --- content -------------------------------------------------------------------------

    def clear(self) -> None:
        self._typed = ""
        self._loaded_typed = False
        self._strokes = []
        self._started = None
        self.update()
        self.changed.emit()

    def strokes(self) -> tuple[Stroke, ...]:
        return tuple(tuple(s) for s in self._strokes)

    def set_strokes(self, strokes: tuple[Stroke, ...], *, typed: bool = False) -> None:
        self._typed = ""
        self._loaded_typed = typed
        self._strokes = [list(s) for s in strokes]
        self.update()

    def problem(self) -> str | None:
        if self._typed and self._signer and fold(self._typed) != fold(self._signer):
            return self.tr("Type the full name: {name}").format(name=self._signer)
        return signature_problem(self.strokes())

    def to_png(self) -> bytes:
        """The strokes drawn in black on white, cropped to the ink."""
        image = QImage(self.width(), self.height(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter, QColor("black"))
        painter.end()
        points = [p for s in self._strokes for p in s]
        if points:
            margin = 8
            left = max(0, int(min(p[0] for p in points)) - margin)
            top = max(0, int(min(p[1] for p in points)) - margin)
            right = min(image.width(), int(max(p[0] for p in points)) + margin)
            bottom = min(image.height(), int(max(p[1] for p in points)) + margin)
            image = image.copy(left, top, max(1, right - left), max(1, bottom - top))
        return png_bytes(image)

    def signature(self, role: SignatureRole, name: str, meaning: str) -> Signature:
        now = datetime.now(UTC)
        offset = datetime.now().astimezone().utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset else 0
        return Signature(
            role, name, meaning, now, minutes, self.strokes(), self.to_png(), self.typed()
        )

    # --- drawing -------------------------------------------------------------------------

    def _draw(self, painter: QPainter, colour: QColor) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(
            colour,
            PEN_WIDTH,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(QPointF(stroke[0][0], stroke[0][1]))
                continue
            path = QPainterPath(QPointF(stroke[0][0], stroke[0][1]))
            for x, y, _ in stroke[1:]:
                path.lineTo(QPointF(x, y))
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        line = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(line, 1))
        baseline = self.height() - 32
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        if not self._strokes:  # the hint goes once there is a signature
            painter.drawText(16, baseline + 20, self.tr("Sign above the line, or type your name"))
        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        self._draw(painter, palette.color(QPalette.ColorRole.Text))
        painter.end()
