"""Building blocks shared by the plan and the handouts: numbered headings with bookmarks,
call-out boxes, key-figure tiles, status words and simple tables.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from relplan.export.pdf import text, theme
from relplan.export.pdf.pages import Heading
from relplan.export.pdf.tables import SplitTable, cell, head, widths_for

TONES: dict[str, tuple[Color, Color]] = {
    "good": (theme.GOOD, theme.GOOD_LIGHT),
    "warn": (theme.WARN, theme.WARN_LIGHT),
    "bad": (theme.BAD, theme.BAD_LIGHT),
    "info": (theme.ACCENT, theme.ACCENT_LIGHT),
    "": (theme.MUTED, theme.HEADER_ROW),
}


def section(title: str, number: int | None = None) -> Heading:
    """A top-level heading ("3  Milestones") that is also a level-0 bookmark."""
    styles = theme.styles()
    label = f"{number}  {title}" if number is not None else title
    outline = f"{number}. {title}" if number is not None else title
    return Heading(text.markup(label, styles["h1"].fontName), styles["h1"], outline, 0)


def subsection(title: str, bookmark: bool = True) -> Paragraph:
    """A second-level heading; a level-1 bookmark unless ``bookmark`` is False."""
    style = theme.styles()["h2"]
    if bookmark:
        return Heading(text.markup(title, style.fontName), style, title, 1)
    return text.para(title, style)


def body(value: object, style: str = "body", limit: int | None = None) -> Paragraph:
    return text.para(value, theme.styles()[style], limit)


def status_word(label: str, tone: str) -> Paragraph:
    """A coloured status word for a table cell: "● Passed"."""
    color = TONES[tone][0].hexval()[2:]
    style = theme.styles()["cell_bold"]
    return Paragraph(f'<font color="#{color}">●</font> {text.markup(label, style.fontName)}', style)


def line_with_status(sentence: str, status: str, tone: str) -> Paragraph:
    """A small-print line of user text followed by a coloured status: "… · ● Passed"."""
    style = theme.styles()["small"]
    color = TONES[tone][0].hexval()[2:]
    return Paragraph(
        f"{text.markup(sentence, style.fontName)}   "
        f'<font color="#{color}">●</font> <b>{text.markup(status, style.fontName)}</b>',
        style,
    )


def callout(title: str, lines: list[str], tone: str, width: float) -> Table:
    """A tinted box with a coloured edge: a title in bold and a few lines of user text."""
    strong, light = TONES[tone]
    styles = theme.styles()
    template = f'<font color="#{strong.hexval()[2:]}"><b>{{title}}</b></font>'
    content: list[Flowable] = [text.rich(template, styles["body"], title=title)]
    content += [text.para(line, styles["body"], 400) for line in lines]
    box = Table([[content]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), light),
                ("LINEBEFORE", (0, 0), (0, -1), 3, strong),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box


def figures(pairs: list[tuple[str, str]], width: float) -> Table:
    """A row of key-figure tiles: a large value over a small label."""
    styles = theme.styles()
    gap = 8.0
    tile = (width - gap * (len(pairs) - 1)) / len(pairs)
    size = 15.0 if tile > 120 else 12.5  # narrow tiles (portrait pages) keep dates on one line
    value_style = styles["h2"].clone(
        "figure", spaceBefore=0, spaceAfter=0, fontSize=size, leading=size * 1.2, keepWithNext=0
    )
    label_style = styles["small"].clone("figure-label", spaceAfter=0)
    row = [[text.para(value, value_style), text.para(label, label_style)] for label, value in pairs]
    cells: list[object] = []
    widths: list[float] = []
    for n, content in enumerate(row):
        if n:
            cells.append("")
            widths.append(gap)
        cells.append(content)
        widths.append(tile)
    table = Table([cells], colWidths=widths)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
    ]
    for n in range(0, len(cells), 2):
        commands += [
            ("BACKGROUND", (n, 0), (n, 0), theme.ACCENT_LIGHT),
            ("LINEABOVE", (n, 0), (n, 0), 2, theme.ACCENT),
        ]
    table.setStyle(TableStyle(commands))
    return table


def grid(
    labels: list[str],
    rows: list[list[object]],
    shares: list[float],
    width: float,
    row_styles: dict | None = None,
    max_row_height: float = 400.0,
) -> SplitTable:
    """A table of user values under our ``labels``; columns share ``width`` by ``shares``.

    A value that is already a Flowable (a status word) is used as it is.
    """
    widths = widths_for(width, shares)
    body_rows = [
        [v if isinstance(v, Flowable) else cell(v, w) for v, w in zip(row, widths, strict=True)]
        for row in rows
    ]
    return SplitTable([head(labels)], body_rows, widths, row_styles, max_row_height)


def gap(height: float = 8.0) -> Spacer:
    return Spacer(1, height)
