"""The fonts embedded in every PDF, and which characters they can print.

DejaVu Sans covers Latin, Greek and Cyrillic; WenQuanYi Micro Hei covers Chinese, Japanese
and Korean. A character neither covers is reported, never silently printed as a box.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "MNeedleSans"
BOLD = "MNeedleSans-Bold"
CJK = "MNeedleCJK"


@dataclass(frozen=True)
class Fonts:
    regular: TTFont
    bold: TTFont
    cjk: TTFont

    def covers(self, ch: str) -> bool:
        return self._in(self.regular, ch) or self._in(self.cjk, ch)

    @staticmethod
    def _in(font: TTFont, ch: str) -> bool:
        return ord(ch) in font.face.charToGlyph

    def uses_cjk(self, ch: str) -> bool:
        return not self._in(self.regular, ch) and self._in(self.cjk, ch)


@cache
def fonts() -> Fonts:
    """Register the bundled fonts with reportlab (once) and return them."""
    folder = resources.files("mneedle_desktop.resources").joinpath("fonts")

    def load(name: str, file: str, **kwargs: int) -> TTFont:
        with resources.as_file(folder.joinpath(file)) as path:
            font = TTFont(name, str(path), **kwargs)
        pdfmetrics.registerFont(font)
        return font

    loaded = Fonts(
        regular=load(REGULAR, "DejaVuSans.ttf"),
        bold=load(BOLD, "DejaVuSans-Bold.ttf"),
        cjk=load(CJK, "wqy-microhei.ttc", subfontIndex=0),
    )
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return loaded


def missing_characters(texts: list[str]) -> list[str]:
    """Characters no bundled font can print (control characters aside)."""
    f = fonts()
    missing = {
        ch
        for text in texts
        for ch in text
        if not ch.isspace() and unicodedata.category(ch)[0] != "C" and not f.covers(ch)
    }
    return sorted(missing)


def markup(text: str) -> str:
    """``text`` as reportlab paragraph markup: escaped, with CJK runs in the CJK font."""
    f = fonts()
    out: list[str] = []
    run: list[str] = []
    in_cjk = False
    for ch in text:
        cjk = f.uses_cjk(ch)
        if cjk != in_cjk and run:
            chunk = escape("".join(run))
            out.append(f'<font name="{CJK}">{chunk}</font>' if in_cjk else chunk)
            run = []
        in_cjk = cjk
        run.append(ch)
    if run:
        chunk = escape("".join(run))
        out.append(f'<font name="{CJK}">{chunk}</font>' if in_cjk else chunk)
    return "".join(out)
