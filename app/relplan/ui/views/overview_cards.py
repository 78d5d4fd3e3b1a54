"""The building blocks of the Release overview: figure tiles, titled cards, badges, phase chips.

Colours follow the palette (cards on the base colour, muted text in the placeholder colour)
so the dashboard reads in light and dark themes; only badges carry fixed tone colours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from relplan.ui.views.overview_data import BAD, GOOD, NEUTRAL, WARN, Card, Figure, Line

# tone -> (background, text)
TONE_COLORS = {
    GOOD: ("#e3f2e5", "#1b5e20"),
    WARN: ("#fff1d6", "#8a4b00"),
    BAD: ("#fde3e1", "#b71c1c"),
    NEUTRAL: ("#e8ecf0", "#37474f"),
}
# The big value of a figure tile, by tone.
VALUE_COLORS = {GOOD: "#2e7d32", WARN: "#b26a00", BAD: "#c62828", NEUTRAL: "palette(text)"}

CARD_STYLE = (
    "QFrame#overviewCard { background: palette(base); border: 1px solid palette(midlight);"
    " border-radius: 8px; }"
)


def muted(text: str = "", wrap: bool = True) -> QLabel:
    label = plain(text, wrap)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def plain(text: str = "", wrap: bool = True) -> QLabel:
    """A label that shows text as typed (never as markup) and can be selected."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def badge(text: str, tone: str) -> QLabel:
    back, fore = TONE_COLORS.get(tone, TONE_COLORS[NEUTRAL])
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName("badge")
    label.setStyleSheet(
        f"background: {back}; color: {fore}; border-radius: 9px; padding: 1px 8px;"
        "font-weight: bold;"
    )
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * factor))
    font.setBold(bold)
    return font


class FigureTile(QFrame):
    """A key figure: small title, big value, a line of detail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewCard")
        self.setStyleSheet(CARD_STYLE)
        self.title = muted(wrap=False)
        self.title.setFont(scaled_font(self.title, 0.9, bold=True))
        self.value = plain()
        self.value.setFont(scaled_font(self.value, 1.9, bold=True))
        self.detail = muted()
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 12)
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.value)
        column.addWidget(self.detail)
        column.addStretch(1)

    def show_figure(self, figure: Figure) -> None:
        self.title.setText(figure.title.upper())
        self.value.setText(figure.value)
        self.value.setStyleSheet(f"color: {VALUE_COLORS.get(figure.tone, 'palette(text)')};")
        self.detail.setText(figure.detail)


class CardView(QFrame):
    """A titled card listing lines, each with an optional badge and a muted detail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewCard")
        self.setStyleSheet(CARD_STYLE)
        self.title = plain(wrap=False)
        self.title.setFont(scaled_font(self.title, 1.1, bold=True))
        self.summary = muted(wrap=False)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.summary)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 12)
        column.setSpacing(8)
        column.addLayout(head)
        column.addLayout(self.body)
        column.addStretch(1)
        self.rows: list[QWidget] = []

    def show_card(self, card: Card) -> None:
        self.title.setText(card.title)
        self.summary.setText(card.summary)
        for row in self.rows:
            self.body.removeWidget(row)
            row.deleteLater()
        self.rows = [self._row(line) for line in card.lines]
        if not card.lines and card.empty:
            self.rows.append(muted(card.empty))
        if card.more:
            self.rows.append(muted(card.more))
        for row in self.rows:
            self.body.addWidget(row)

    def row_texts(self) -> list[str]:
        """What the card lists, line by line (badge, text, detail), for tests and tooltips."""
        texts = []
        for row in self.rows:
            labels = row.findChildren(QLabel) if not isinstance(row, QLabel) else [row]
            texts.append(" | ".join(label.text() for label in labels if label.text()))
        return texts

    def _row(self, line: Line) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        if line.badge:
            pill = badge(line.badge, line.tone)
            pill.setMinimumWidth(86)
            layout.addWidget(pill, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(plain(line.text))
        if line.detail:
            text.addWidget(muted(line.detail))
        layout.addLayout(text, 1)
        return row


class PhaseTrack(QWidget):
    """The six phases as chips: done ones ticked, the current one filled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        self.row.addStretch(1)
        self.chips: list[QLabel] = []

    def show_phases(self, phases: list[tuple[str, str]], colors: dict[str, str]) -> None:
        for chip in self.chips:
            self.row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for n, (label, state) in enumerate(phases):
            if n:
                arrow = muted("›", wrap=False)
                self.row.insertWidget(self.row.count() - 1, arrow)
                self.chips.append(arrow)
            color = colors.get(label, "#607d8b")
            if state == "current":
                chip = QLabel(label)
                style = f"background: {color}; color: white; font-weight: bold;"
            elif state == "done":
                chip = QLabel(f"✓ {label}")
                style = f"color: {color}; border: 1px solid {color};"
            else:
                chip = QLabel(label)
                style = "color: palette(placeholder-text); border: 1px solid palette(midlight);"
            chip.setStyleSheet(style + "border-radius: 10px; padding: 2px 10px;")
            self.row.insertWidget(self.row.count() - 1, chip)
            self.chips.append(chip)
