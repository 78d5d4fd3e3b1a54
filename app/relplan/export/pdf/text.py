"""User text made safe for ReportLab: cleaned, escaped, font-switched and length-capped.

ReportLab reads Paragraph text as markup, so a name like ``a < b & "c"`` would crash the
export and ``<img src=...>`` would fetch a file or URL. Every user string reaches a
Paragraph only through :func:`markup` (or :func:`para`), which escapes it, switches to the
CJK font per run of characters, and turns line breaks into ``<br/>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from relplan.export.pdf import fonts

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates and the BOM.
_JUNK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_SPACES = re.compile(r"[ \t]+")

# A table cell holds at most this many characters; longer text is cut with a pointer to
# where the full text is printed (cells cannot break across pages, paragraphs can).
CELL_LIMIT = 600
# In tight mode (the retry after a LayoutError) every user text is cut to this length.
TIGHT_LIMIT = 300
_tight: ContextVar[bool] = ContextVar("relplan_pdf_tight", default=False)


@contextmanager
def tight() -> Iterator[None]:
    """Clip every user text to :data:`TIGHT_LIMIT` characters while the block runs."""
    token = _tight.set(True)
    try:
        yield
    finally:
        _tight.reset(token)


def clean(text: object) -> str:
    """``text`` as a printable string: unified line breaks, no control characters."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = _JUNK.sub("", value)
    return _SPACES.sub(" ", value.replace("\t", " "))


def clip(text: str, limit: int, more: str = "…") -> str:
    """``text`` cut to ``limit`` characters (at a word break if one is near) plus ``more``."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", limit - 40)
    if space > 0:
        cut = cut[:space]
    return cut.rstrip() + more


def markup(text: object, font: str = fonts.SANS, limit: int | None = None) -> str:
    """Escaped Paragraph markup for user ``text`` (optionally clipped to ``limit`` chars).

    ``font`` is the paragraph's own font: runs it cannot show switch to the CJK font.
    """
    value = clean(text)
    if _tight.get():
        limit = min(limit or TIGHT_LIMIT, TIGHT_LIMIT)
    if limit is not None:
        value = clip(value, limit)
    out = []
    for run_font, chunk in fonts.runs(value, font):
        escaped = _xml_escape(chunk, {'"': "&quot;"}).replace("\n", "<br/>")
        if run_font == font:
            out.append(escaped)
        else:
            out.append(f'<font name="{run_font}">{escaped}</font>')
    return "".join(out)


def para(text: object, style: ParagraphStyle, limit: int | None = None) -> Paragraph:
    """A Paragraph of user ``text`` in ``style``: escaped, font-switched, safe."""
    return Paragraph(markup(text, style.fontName, limit), style)


def rich(template: str, style: ParagraphStyle, **values: object) -> Paragraph:
    """A Paragraph from our own ``template`` markup with user ``values`` escaped into it.

    ``rich("<b>{name}</b> signs", style, name=person.name)``: only the template is markup.
    """
    safe = {key: markup(value, style.fontName) for key, value in values.items()}
    return Paragraph(template.format(**safe), style)
