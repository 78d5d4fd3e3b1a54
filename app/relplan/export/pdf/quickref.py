"""The one-page quick reference card at the end of a handout: every change in a few steps,
the dates and the contacts, shrunk to fit one page whatever the content.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Table, TableStyle

from relplan.domain.model import Audience
from relplan.export.pdf import blocks, fonts, text, theme
from relplan.export.pdf.facts import ReleaseFacts, weekday
from relplan.export.pdf.handout_content import Contact, Feature
from relplan.export.pdf.pages import PageSetup

_HEADING_ROOM = 48.0  # the section heading above the card


def _styles() -> dict[str, ParagraphStyle]:
    base = theme.styles()["body"]
    return {
        "key": ParagraphStyle(
            "qr-key",
            parent=base,
            fontName=fonts.SANS_BOLD,
            fontSize=6.5,
            leading=8,
            textColor=theme.ACCENT,
            spaceAfter=1,
        ),
        "name": ParagraphStyle(
            "qr-name",
            parent=base,
            fontName=fonts.SANS_BOLD,
            fontSize=9,
            leading=11.5,
            textColor=theme.NAVY,
            spaceAfter=3,
        ),
        "step": ParagraphStyle(
            "qr-step",
            parent=base,
            fontSize=7.6,
            leading=9.8,
            leftIndent=11,
            bulletIndent=0,
            spaceAfter=1.5,
            bulletFontName=fonts.SANS_BOLD,
            bulletFontSize=7.6,
        ),
        "line": ParagraphStyle("qr-line", parent=base, fontSize=7.6, leading=10, spaceAfter=2),
        "box": ParagraphStyle(
            "qr-box",
            parent=base,
            fontName=fonts.SANS_BOLD,
            fontSize=8,
            leading=10,
            textColor=theme.NAVY,
            spaceAfter=3,
        ),
        "title": ParagraphStyle(
            "qr-title",
            parent=base,
            fontName=fonts.SANS_BOLD,
            fontSize=12,
            leading=15,
            textColor=theme.WHITE,
            spaceAfter=0,
        ),
        "sub": ParagraphStyle(
            "qr-sub",
            parent=base,
            fontSize=8.5,
            leading=11,
            textColor=theme.ACCENT_LIGHT,
            spaceAfter=0,
        ),
    }


def quick_reference(
    facts: ReleaseFacts,
    audience: Audience | None,
    shown: list[Feature],
    sessions: list,
    people: list[Contact],
    setup: PageSetup,
) -> list[Flowable]:
    """The section heading and the card, which always fits on the one page it starts."""
    width = setup.frame_width
    s = _styles()
    who = audience.name if audience is not None else "everyone"
    banner = Table(
        [
            [
                [
                    text.para(f"{facts.release.name}: what's new for {who}", s["title"]),
                    text.para("Keep this page at hand.", s["sub"]),
                ],
                [
                    text.para("Go-live", s["sub"]),
                    text.para(weekday(facts.go_live), s["title"]),
                ],
            ]
        ],
        colWidths=[width * 0.68, width * 0.32],
    )
    banner.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), theme.NAVY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    content: list[Flowable] = [banner, blocks.gap(8)]
    if shown:
        content.append(_cards(shown, width, 3 if width > 600 else 2, s))
        content.append(blocks.gap(8))
    content.append(_footer(facts, sessions, people, width, s))
    card = KeepInFrame(width, setup.frame_height - _HEADING_ROOM, content, mode="shrink")
    return [blocks.section("Quick reference", 5), card]


def _cards(shown: list[Feature], width: float, columns: int, s) -> Table:
    gap = 8.0
    col_w = (width - gap * (columns - 1)) / columns
    cards = [_card(feature, s) for feature in shown]
    rows, styles = [], []
    for start in range(0, len(cards), columns):
        row: list = []
        for n in range(columns):
            if n:
                row.append("")
            row.append(cards[start + n] if start + n < len(cards) else "")
        rows.append(row)
    widths = []
    for n in range(columns):
        if n:
            widths.append(gap)
        widths.append(col_w)
    for r, row in enumerate(rows):
        for c in range(0, len(row), 2):
            if row[c] != "":
                styles += [
                    ("BACKGROUND", (c, r), (c, r), theme.ZEBRA),
                    ("LINEABOVE", (c, r), (c, r), 2, theme.ACCENT),
                ]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                *styles,
            ]
        )
    )
    return table


def _card(feature: Feature, s) -> list[Flowable]:
    out: list[Flowable] = []
    if feature.key:
        out.append(text.para(feature.key, s["key"]))
    out.append(text.para(feature.name, s["name"], 160))
    if feature.steps:
        for n, step in enumerate(feature.steps, start=1):
            out.append(
                Paragraph(text.markup(step, s["step"].fontName, 240), s["step"], bulletText=f"{n}.")
            )
    else:
        out.append(text.para(feature.impact, s["line"], 300))
    return out


def _footer(facts: ReleaseFacts, sessions: list, people: list[Contact], width: float, s):
    dates: list[Flowable] = [text.para("Dates", s["box"])]
    dates.append(text.rich("<b>Go-live:</b> {when}", s["line"], when=weekday(facts.go_live)))
    for session in sessions[:5]:
        dates.append(
            text.rich(
                "<b>{when}:</b> {title}",
                s["line"],
                when=weekday(session.on),
                title=text.clip(session.title, 90),
            )
        )
    ask: list[Flowable] = [text.para("Whom to ask", s["box"])]
    for contact in people[:6]:
        person = contact.person
        ask.append(
            text.rich(
                "<b>{name}</b> ({role}) {email}<br/>{why}",
                s["line"],
                name=person.name,
                role=person.role or "–",
                email=person.email,
                why=text.clip("; ".join(contact.reasons), 110),
            )
        )
    table = Table([[dates, "", ask]], colWidths=[width * 0.42, 8, width * 0.58 - 8])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), theme.ACCENT_LIGHT),
                ("BACKGROUND", (2, 0), (2, 0), theme.ACCENT_LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table
