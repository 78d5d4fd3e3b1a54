"""Colours, paragraph styles and table looks of the PDFs, in one place.

The chart colours are the timeline's on screen (``ui/views/timeline_style.py``), so the
printed plan looks like the app; the document colours (navy title band, slate text) are
chosen to go with them.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from relplan.domain.model import Phase
from relplan.export.pdf import fonts

# --- chart colours (as on screen) ----------------------------------------------------------
BAR = HexColor("#5b8def")
BAR_PROGRESS = HexColor("#2f62cf")
CRITICAL = HexColor("#e5534b")
CRITICAL_PROGRESS = HexColor("#b8352e")
MILESTONE = HexColor("#334155")
CONFLICT = HexColor("#c81e1e")
ARROW = HexColor("#9aa3b2")
ARROW_CRITICAL = HexColor("#e5534b")
HEADER_ROW = HexColor("#f3f5f8")
ROW_LINE = HexColor("#e6e9ee")
GRID_MAJOR = HexColor("#d5dae1")
NONWORKING = HexColor("#f5f6f8")
HOLIDAY = HexColor("#e9ecf1")
FREEZE = Color(245 / 255, 158 / 255, 11 / 255, alpha=0.16)
FREEZE_OPAQUE = HexColor("#fdefd8")  # FREEZE over white, for places without transparency
FREEZE_EDGE = HexColor("#e0a030")
FREEZE_TEXT = HexColor("#8a5a00")
STATUS_LINE = HexColor("#2563eb")
DEADLINE = HexColor("#dc2626")

# The explorer's phase colours, for phase chips and the release overview.
PHASE_COLORS: dict[Phase, Color] = {
    Phase.REQUEST: HexColor("#8a6fd1"),
    Phase.PLAN: HexColor("#4a90d9"),
    Phase.BUILD: HexColor("#2f9e8f"),
    Phase.TEST: HexColor("#e0a030"),
    Phase.DEPLOY: HexColor("#d9623b"),
    Phase.SUPPORT: HexColor("#7c8794"),
}

# --- document colours ----------------------------------------------------------------------
INK = HexColor("#1f2937")
MUTED = HexColor("#6b7280")
FAINT = HexColor("#9ca3af")
NAVY = HexColor("#16284d")
ACCENT = HexColor("#2f62cf")
ACCENT_LIGHT = HexColor("#e8effd")
RULE = HexColor("#d5dae1")
TABLE_HEAD = HexColor("#eef2f8")
ZEBRA = HexColor("#f8f9fb")
GOOD = HexColor("#1a7f37")
GOOD_LIGHT = HexColor("#e6f4ea")
WARN = HexColor("#b45309")
WARN_LIGHT = HexColor("#fef3e2")
BAD = HexColor("#c81e1e")
BAD_LIGHT = HexColor("#fdecec")
WHITE = HexColor("#ffffff")

BODY_SIZE = 9.5
CELL_SIZE = 8.0


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles (fonts registered on first use)."""
    fonts.register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=fonts.SANS,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.45,
        textColor=INK,
        spaceAfter=5,
    )
    out = {
        "body": body,
        "lead": ParagraphStyle(
            "lead", parent=body, fontSize=11, leading=16, textColor=INK, spaceAfter=8
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=fonts.SANS_BOLD,
            fontSize=18,
            leading=22,
            textColor=NAVY,
            spaceBefore=18,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=fonts.SANS_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=NAVY,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=fonts.SANS_BOLD,
            fontSize=10,
            leading=13,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "kicker": ParagraphStyle(
            "kicker",
            parent=body,
            fontName=fonts.SANS_BOLD,
            fontSize=8,
            leading=10,
            textColor=ACCENT,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle(
            "cell",
            fontName=fonts.COND,
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * 1.3,
            textColor=INK,
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold",
            fontName=fonts.COND_BOLD,
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * 1.3,
            textColor=INK,
        ),
        "cell_muted": ParagraphStyle(
            "cell_muted",
            fontName=fonts.COND,
            fontSize=CELL_SIZE - 0.5,
            leading=(CELL_SIZE - 0.5) * 1.3,
            textColor=MUTED,
        ),
        "cell_head": ParagraphStyle(
            "cell_head",
            fontName=fonts.COND_BOLD,
            fontSize=CELL_SIZE - 0.5,
            leading=(CELL_SIZE - 0.5) * 1.25,
            textColor=NAVY,
        ),
        "cell_center": ParagraphStyle(
            "cell_center",
            fontName=fonts.COND_BOLD,
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * 1.3,
            textColor=INK,
            alignment=TA_CENTER,
        ),
        "cell_right": ParagraphStyle(
            "cell_right",
            fontName=fonts.COND,
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * 1.3,
            textColor=INK,
            alignment=TA_RIGHT,
        ),
        "step": ParagraphStyle(
            "step",
            parent=body,
            leftIndent=18,
            bulletIndent=2,
            spaceAfter=3,
            bulletFontName=fonts.SANS_BOLD,
            bulletFontSize=BODY_SIZE,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=14,
            bulletIndent=3,
            spaceAfter=2,
            bulletFontName=fonts.SANS,
            bulletFontSize=BODY_SIZE,
        ),
    }
    return out
