"""The bundled fonts, and text drawn with them: DejaVu Sans for Latin, Greek and Cyrillic,
Droid Sans Fallback for Chinese, Japanese and Korean.

ReportLab embeds (subsets of) TrueType fonts, so the PDF looks the same everywhere. No
single free TrueType font covers both scripts, so text is cut into runs and each run uses
the font that has its characters. The CJK font (4 MB) is loaded only when text needs it.
"""

from __future__ import annotations

import io
import threading
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from relplan.bundled import bundled

SANS = "Relplan"
SANS_BOLD = "Relplan-Bold"
SANS_ITALIC = "Relplan-Italic"
SANS_BOLD_ITALIC = "Relplan-BoldItalic"
COND = "RelplanCond"
COND_BOLD = "RelplanCond-Bold"
CJK = "RelplanCJK"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    COND: "DejaVuSansCondensed.ttf",
    COND_BOLD: "DejaVuSansCondensed-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}
# Below this code point DejaVu has every printable character, so no run splitting is needed.
_FAST_LIMIT = 0x0250

_lock = threading.Lock()
_registered: set[str] = set()
_ready = False


def fonts_folder() -> Path:
    """The bundled TTF fonts."""
    return bundled("fonts")


def _load(name: str) -> None:
    if name in _registered:
        return
    with _lock:
        if name in _registered:
            return
        data = (fonts_folder() / _FILES[name]).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        _registered.add(name)


def register_fonts() -> None:
    """Register the DejaVu families with ReportLab (once per process)."""
    global _ready
    if _ready:
        return
    for name in (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, COND, COND_BOLD):
        _load(name)
    # <b> and <i> in paragraph markup find the bold and italic faces through these.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD_ITALIC)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(COND, bold, italic, COND_BOLD if bold else COND)
    _ready = True


def _register_cjk() -> None:
    _load(CJK)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)  # the fallback has one face for every style


@cache
def _main_cmap() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(SANS).face.charToGlyph)


@cache
def _cjk_cmap() -> frozenset[int]:
    _register_cjk()
    return frozenset(pdfmetrics.getFont(CJK).face.charToGlyph)


def needs_fallback(text: str) -> bool:
    """True if some character of ``text`` is missing from DejaVu but the CJK font has it."""
    if not text or max(text) < chr(_FAST_LIMIT):
        return False
    main = _main_cmap()
    missing = [ord(c) for c in text if ord(c) not in main and c.isprintable()]
    if not missing:
        return False
    cjk = _cjk_cmap()
    return any(code in cjk for code in missing)


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as ``(font, chunk)`` runs: ``font`` where DejaVu has the glyphs, else CJK."""
    if not _ready:
        register_fonts()
    if not needs_fallback(text):
        return [(font, text)]
    main, cjk = _main_cmap(), _cjk_cmap()
    out: list[tuple[str, str]] = []
    current, start = font, 0
    for n, char in enumerate(text):
        code = ord(char)
        wanted = CJK if code not in main and code in cjk else font
        # Spaces and punctuation both fonts have stay in the current run (fewer switches).
        if wanted != current and not (char.isspace() and current == CJK):
            if n > start:
                out.append((current, text[start:n]))
            current, start = wanted, n
    out.append((current, text[start:]))
    return out


def string_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points, each run measured in the font it is drawn in."""
    return sum(pdfmetrics.stringWidth(chunk, f, size) for f, chunk in runs(text, font))


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so that it is at most ``width`` points wide."""
    if string_width(text, font, size) <= width:
        return text
    ellipsis = "…"
    room = width - pdfmetrics.stringWidth(ellipsis, font, size)
    if room <= 0:
        return ""
    # Guess the cut from the average character width, then step to the exact length.
    full = string_width(text, font, size)
    cut = max(0, min(len(text), int(len(text) * room / full)))
    while cut > 0 and string_width(text[:cut], font, size) > room:
        cut -= max(1, cut // 20) if cut > 40 else 1
    while cut < len(text) and string_width(text[: cut + 1], font, size) <= room:
        cut += 1
    return text[:cut].rstrip() + ellipsis


def draw_string(
    canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "start"
) -> float:
    """Draw ``text`` at baseline ``y``; ``anchor`` "start", "middle" or "end" at ``x``.

    Returns the width drawn. Each run switches font, so CJK characters never print as boxes.
    """
    parts = runs(text, font)
    widths = [pdfmetrics.stringWidth(chunk, f, size) for f, chunk in parts]
    total = sum(widths)
    if anchor == "middle":
        x -= total / 2
    elif anchor == "end":
        x -= total
    for (f, chunk), w in zip(parts, widths, strict=True):
        canvas.setFont(f, size)
        canvas.drawString(x, y, chunk)
        x += w
    return total


class TextBatch:
    """Many strings drawn through one PDF text object: far cheaper than one call each.

    Everything added is painted when :meth:`finish` is called, on top of what was drawn
    before it. Runs switch to the CJK font like :func:`draw_string`.
    """

    def __init__(self, canvas) -> None:
        self.canvas = canvas
        self.text = canvas.beginText()
        self._font: tuple[str, float] | None = None
        self._color = None

    def color(self, color) -> None:
        if color is not self._color:
            self.text.setFillColor(color)
            self._color = color

    def add(
        self, x: float, y: float, text: str, font: str, size: float, anchor: str = "start"
    ) -> float:
        """Queue ``text`` at baseline ``y``, anchored like :func:`draw_string`; its width."""
        parts = runs(text, font)
        widths = [pdfmetrics.stringWidth(chunk, f, size) for f, chunk in parts]
        total = sum(widths)
        if anchor == "middle":
            x -= total / 2
        elif anchor == "end":
            x -= total
        for (f, chunk), w in zip(parts, widths, strict=True):
            if self._font != (f, size):
                self.text.setFont(f, size)
                self._font = (f, size)
            self.text.setTextOrigin(x, y)
            self.text.textOut(chunk)
            x += w
        return total

    def finish(self) -> None:
        self.canvas.drawText(self.text)
        self.text = self.canvas.beginText()
        self._font = None
        self._color = None
