"""Render the app icon (resources/mneedle-desktop.svg) to the files each platform wants.

    python packaging/make_icons.py OUT_DIR

writes into OUT_DIR:

- ``mneedle-desktop-N.png`` for N in 16 ... 1024 (the Linux icon theme takes up to 512,
  macOS wants 1024),
- ``mneedle-desktop.ico`` (Windows: 16 to 256 pixels, each image stored as PNG, which every
  Windows since Vista reads),
- ``mneedle-desktop.icns`` (macOS: 16 to 1024 pixels, each image stored as PNG).

Both container formats are a short header and a table of PNG images, written here rather
than with an image library so that the build needs nothing beyond Qt, which renders the SVG.
The outputs are build products: the build scripts make them, git keeps only the SVG.
"""

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "mneedle-desktop.svg"
NAME = "mneedle-desktop"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS chunk types holding PNG data, and the pixel size of each (the @2x types hold the
# double-size image of the point size they are named after).
ICNS_TYPES = (
    ("icp4", 16),
    ("ic11", 32),  # 16 pt @2x
    ("icp5", 32),
    ("ic12", 64),  # 32 pt @2x
    ("ic07", 128),
    ("ic13", 256),  # 128 pt @2x
    ("ic08", 256),
    ("ic14", 512),  # 256 pt @2x
    ("ic09", 512),
    ("ic10", 1024),  # 512 pt @2x
)


def render_png(renderer: QSvgRenderer, side: int) -> bytes:
    """The SVG drawn on a transparent ``side`` x ``side`` square, as PNG bytes."""
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"PNG"))
    if not writer.write(image):
        raise RuntimeError(f"Qt could not write a {side} px PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG images: ICONDIR, one ICONDIRENTRY each, then the images."""
    sides = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sides))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sides)
    entries, blobs = [], []
    for side in sides:
        png = images[side]
        byte_side = side if side < 256 else 0  # 0 means 256
        entries.append(
            struct.pack("<BBBBHHII", byte_side, byte_side, 0, 0, 1, 32, len(png), offset)
        )
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def icns(images: dict[int, bytes]) -> bytes:
    """An ICNS file: the 'icns' magic and total length, then (type, length, PNG) chunks."""
    chunks = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(images[side])) + images[side]
        for kind, side in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def make_icons(svg: Path, out_dir: Path) -> list[Path]:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    images = {side: render_png(renderer, side) for side in PNG_SIZES}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for side, png in images.items():
        written.append(out_dir / f"{NAME}-{side}.png")
        written[-1].write_bytes(png)
    written.append(out_dir / f"{NAME}.ico")
    written[-1].write_bytes(ico({side: images[side] for side in ICO_SIZES}))
    written.append(out_dir / f"{NAME}.icns")
    written[-1].write_bytes(icns(images))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--svg", type=Path, default=SVG, help="the icon (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
