"""The report after an import or export: what was kept, approximated or dropped.

Other tools model plans differently, so the planner reads here what bent or got lost
before relying on the result. Copy puts the plain-text report on the clipboard for an
e-mail or a ticket.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from relplan.export.exchange_report import ExchangeReport, plural

SECTIONS = ("Kept", "Approximated", "Dropped")


def summary(report: ExchangeReport) -> str:
    """One sentence on how much bent or got lost."""
    if report.lossless:
        return "Nothing was approximated or dropped."
    bent = plural(len(report.approximated), "line") if report.approximated else "nothing"
    lost = plural(len(report.dropped), "line") if report.dropped else "nothing"
    return f"Approximated: {bent}; dropped: {lost}. Read them before you rely on the result."


def report_html(report: ExchangeReport) -> str:
    """The three sections as headed bullet lists (empty sections are left out)."""
    parts = []
    for heading, lines in zip(
        SECTIONS, (report.kept, report.approximated, report.dropped), strict=True
    ):
        if not lines:
            continue
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        parts.append(f"<h4>{heading} ({len(lines)})</h4><ul>{items}</ul>")
    return "".join(parts) or "<p>Nothing to report.</p>"


class ExchangeReportDialog(QDialog):
    """Shows one :class:`ExchangeReport`; Copy puts its text on the clipboard."""

    def __init__(self, report: ExchangeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeReportDialog")
        self.setWindowTitle("Exchange report")
        self.report = report
        layout = QVBoxLayout(self)
        self.title = QLabel(f"<b>{escape(report.title)}</b>", self)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.summary = QLabel(summary(report), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QTextBrowser(self)
        self.details.setObjectName("exchangeReportDetails")
        self.details.setOpenLinks(False)
        self.details.setHtml(report_html(report))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Copy the report as text, for an e-mail or a ticket")
        self.copy_button.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(str(self.report))
