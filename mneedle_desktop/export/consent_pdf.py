"""Laying out the consent and aftercare document (or the letter) with reportlab.

The document is byte-identical for the same record: reportlab's invariant mode, and the
creation date taken from the record. Its metadata holds no names and no health data.
"""

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from mneedle_desktop.domain.document import ConsultationDocument, DocSection
from mneedle_desktop.export.fonts import BOLD, REGULAR, fonts, markup, missing_characters

MARGIN = 18 * mm
HEADER = 22 * mm
FOOTER = 14 * mm
ACCENT = colors.HexColor("#1f6b63")
WARNING_BG = colors.HexColor("#fdecea")
WARNING_EDGE = colors.HexColor("#b3261e")


class UnprintableNameError(ValueError):
    """Text holds characters no bundled font can print; nothing is rendered."""

    def __init__(self, characters: list[str]) -> None:
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in characters[:10])
        super().__init__(
            "The document cannot print these characters, so it was not made: "
            f"{shown}. The fonts cover Latin, Greek, Cyrillic, Chinese, Japanese and Korean."
        )
        self.characters = characters


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=10,
        leading=13.5,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceAfter=6,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "label": ParagraphStyle("label", parent=base, fontName=BOLD),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def _section(
    section: DocSection, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    parts: list[Flowable] = []
    if section.heading:
        parts.append(_p(section.heading, styles["heading"]))
    parts += [_p(text, styles["body"]) for text in section.paragraphs]
    if section.rows:
        data = [
            [_p(label, styles["label"]), _p(value, styles["body"])] for label, value in section.rows
        ]
        table = Table(data, colWidths=[width * 0.38, width * 0.62], repeatRows=0)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        parts.append(table)
    parts += [Paragraph(markup(b), styles["bullet"], bulletText="•") for b in section.bullets]
    if section.boxed:
        box = Table([[parts]], colWidths=[width])
        box.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR),
                    ("BACKGROUND", (0, 0), (-1, -1), WARNING_BG),
                    ("BOX", (0, 0), (-1, -1), 1.2, WARNING_EDGE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return [Spacer(1, 6), KeepTogether([box])]
    return parts


def _signatures(
    document: ConsultationDocument, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    if not document.signatures:
        return []
    parts: list[Flowable] = [_p(document.labels.get("signatures", "Signatures"), styles["heading"])]
    for signature in document.signatures:
        image = Image(io.BytesIO(signature.png))
        scale = min(
            1.0, (60 * mm) / max(image.imageWidth, 1), (22 * mm) / max(image.imageHeight, 1)
        )
        image.drawWidth = image.imageWidth * scale
        image.drawHeight = image.imageHeight * scale
        text = [
            _p(f"{signature.role_label}: {signature.name}", styles["label"]),
            _p(signature.meaning, styles["body"]),
            _p(signature.when, styles["small"]),
        ]
        row = Table([[image, text]], colWidths=[width * 0.4, width * 0.6])
        row.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                ]
            )
        )
        parts.append(KeepTogether([row]))
    return parts


def _numbered_canvas(document: ConsultationDocument) -> Callable[..., Canvas]:
    """A canvas that knows the page count when it draws each page's header and footer."""
    labels = document.labels
    creation = document.creation_date.strftime("D:%Y%m%d000000+00'00'")

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc.setDateFormatter(lambda *_: creation)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = A4
            top = height - MARGIN
            if document.logo_png:
                logo = Image(io.BytesIO(document.logo_png))
                scale = min(
                    (14 * mm) / max(logo.imageHeight, 1), (40 * mm) / max(logo.imageWidth, 1)
                )
                self.drawImage(
                    _reader(document.logo_png),
                    width - MARGIN - logo.imageWidth * scale,
                    top - 14 * mm,
                    logo.imageWidth * scale,
                    logo.imageHeight * scale,
                    mask="auto",
                )
            self.setFont(BOLD, 11)
            self.setFillColor(ACCENT)
            self.drawString(MARGIN, top - 4 * mm, document.clinic_name)
            self.setFont(REGULAR, 8)
            self.setFillColor(colors.black)
            self.drawString(MARGIN, top - 8.5 * mm, ", ".join(document.clinic_lines))
            self.setStrokeColor(ACCENT)
            self.line(MARGIN, top - 11 * mm, width - MARGIN, top - 11 * mm)
            footer = " · ".join(
                (
                    labels["page"].format(page=self._pageNumber, pages=total),
                    labels["record"].format(id=document.record_id),
                    labels["content"].format(version=document.content_version),
                    labels["code"].format(code=document.check_code),
                )
            )
            self.setFont(REGULAR, 7)
            self.drawString(MARGIN, MARGIN - 6 * mm, footer)

    return NumberedCanvas


def _reader(png: bytes) -> Any:
    return ImageReader(io.BytesIO(png))


def render(document: ConsultationDocument) -> bytes:
    """The PDF as bytes. ``UnprintableNameError`` when a character cannot be printed."""
    fonts()
    missing = missing_characters(document.texts())
    if missing:
        raise UnprintableNameError(missing)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER,
        bottomMargin=MARGIN + FOOTER,
        title=document.title,
        author=document.clinic_name,
        subject="",
        creator="MNeedle Desktop",
        producer="MNeedle Desktop",
        keywords="",
        invariant=1,
        # Start in the embedded font, so no unembedded standard font is referenced.
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    styles = _styles()
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [_p(document.title, styles["title"])]
    for section in document.sections:
        story += _section(section, styles, width)
    story += _signatures(document, styles, width)
    for section in document.after_signatures:
        story += _section(section, styles, width)
    story += [
        Spacer(1, 10),
        _p(document.labels.get("verification_heading", "Record verification"), styles["label"]),
        _p(document.labels["full_hash"].format(hash=document.sha256), styles["small"]),
    ]
    doc.build(story, canvasmaker=_numbered_canvas(document))
    return buffer.getvalue()
