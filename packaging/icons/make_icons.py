"""Draw the desktop icons from their SVG sources: .ico for Windows, .icns for macOS, PNGs.

The app icon's source is resources/icons/app.svg (the window icon); the document icon's is
document.svg beside this script. Every size is rendered from the vector source, so small
sizes stay crisp. Run it after changing either SVG, and commit what it writes:

    python packaging/icons/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_SVG = HERE.parents[1] / "resources" / "icons" / "app.svg"
DOCUMENT_SVG = HERE / "document.svg"

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)  # Explorer's list, details and tiles
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # Pillow names them icp4 ... ic10
PNG_SIZE = 512
# Apple's icon grid: the body of a macOS app icon is 824 of 1024 px, centred; Windows
# icons use the whole square.
MACOS_BODY = 824 / 1024


def render(svg: Path, size: int, body: float = 1.0):
    """``svg`` drawn on a transparent ``size`` px square, scaled to ``body`` of it (a PIL image)."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG; fix it and run again.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    side = size * body
    inset = (size - side) / 2
    renderer.render(painter, QRectF(inset, inset, side, side))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def write_icons(svg: Path, name: str, folder: Path, macos_body: float) -> list[Path]:
    """``name``.ico, ``name``.icns and ``name``.png in ``folder``; returns their paths."""
    ico = [render(svg, size) for size in ICO_SIZES]
    icns = [render(svg, size, macos_body) for size in ICNS_SIZES]
    png = render(svg, PNG_SIZE)
    paths = [folder / f"{name}.ico", folder / f"{name}.icns", folder / f"{name}.png"]
    ico[-1].save(paths[0], sizes=[(s, s) for s in ICO_SIZES], append_images=ico[:-1])
    icns[-1].save(paths[1], append_images=icns[:-1])
    png.save(paths[2], optimize=True)
    return paths


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # QSvgRenderer and QImage need one
    written = write_icons(APP_SVG, "relplan", HERE, MACOS_BODY)
    # A document icon is a page, already narrower than its square: no extra margin.
    written += write_icons(DOCUMENT_SVG, "relplan-document", HERE, 1.0)
    for path in written:
        print(f"Wrote {path.relative_to(HERE.parents[1])} ({path.stat().st_size // 1024} KiB).")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
