"""The warning strip above the views when a file is open read-only (written by a newer relplan)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from relplan.ui.icons import icon


class ReadOnlyBanner(QFrame):
    """Says why the project cannot be edited and offers Save As."""

    save_as_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(
            "#readOnlyBanner { background: #fff4d6; border-bottom: 1px solid #e6c36a; }"
            "#readOnlyBanner QLabel { color: #5c4400; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        sign = QLabel()
        sign.setPixmap(icon("warning").pixmap(18, 18))
        row.addWidget(sign)
        self.text = QLabel()
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.save_as_button = QPushButton("Save As…")
        self.save_as_button.clicked.connect(self.save_as_requested)
        row.addWidget(self.save_as_button)
        self.hide()

    def show_for(self, name: str | None, reason: str = "") -> None:
        """Show the banner for the file ``name`` (``reason``: why, if not a newer format)."""
        if name is not None and reason:
            self.text.setText(reason)
        elif name is not None:
            self.text.setText(
                f"{name} was written by a newer version of relplan, so it is open read-only "
                "to keep its newer data safe. Use Save As to keep a copy you can edit, or "
                "update relplan."
            )
        self.setVisible(name is not None)
