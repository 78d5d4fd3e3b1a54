"""The welcome screen shown when no project is open: the sample, New, Open and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from relplan.ui.icons import icon

PATH_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class _RecentDelegate(QStyledItemDelegate):
    """Two lines per recent file: the name, and its folder in a quieter colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """Overrides QStyledItemDelegate.sizeHint."""
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Overrides QStyledItemDelegate.paint."""
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        text, option.text = option.text, ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        path = Path(index.data(PATH_ROLE) or "")
        rect = option.rect.adjusted(10, 6, -10, -6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(option.palette.color(group))
        line = option.fontMetrics.height()
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, _elide(painter, text, rect.width()))
        painter.setFont(option.font)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        bottom = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        painter.drawText(
            bottom, Qt.AlignmentFlag.AlignLeft, _elide(painter, str(path.parent), rect.width())
        )
        painter.restore()


def _elide(painter: QPainter, text: str, width: int) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)


class WelcomeView(QWidget):
    """A calm start page; every button asks the window to do something."""

    sample_requested = Signal()
    new_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._pending: str | None = None
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QWidget(self)
        card.setMaximumWidth(860)
        card.setMinimumWidth(560)
        row.addWidget(card, 8)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        layout = QVBoxLayout(card)
        layout.setSpacing(18)
        heading = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(56, 56))
        heading.addWidget(logo)
        titles = QVBoxLayout()
        title = QLabel("relplan")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            "Plan software releases: dependencies, a drag-and-drop timeline, "
            "responsibilities and change requests."
        )
        subtitle.setWordWrap(True)
        titles.addWidget(title)
        titles.addWidget(subtitle)
        heading.addLayout(titles, 1)
        layout.addLayout(heading)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        start = QVBoxLayout()
        start.addWidget(_heading("Start"))
        self.sample_button = _command(
            "sample",
            "Open the sample project",
            "Payments 4.2: a release in Build and Test, with a team, gates and requests.",
        )
        self.new_button = _command("new", "New project", "An empty project with one release.")
        self.open_button = _command("open", "Open a project…", "A .relplan file from disk.")
        for button in (self.sample_button, self.new_button, self.open_button):
            start.addWidget(button)
        start.addStretch(1)
        columns.addLayout(start, 1)

        recent = QVBoxLayout()
        recent.addWidget(_heading("Recent projects"))
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentList")
        self.recent_list.setItemDelegate(_RecentDelegate(self.recent_list))
        self.recent_list.setFrameShape(QFrame.Shape.NoFrame)
        self.recent_list.setMinimumHeight(220)
        self.recent_list.viewport().setAutoFillBackground(False)
        self.recent_list.setCursor(Qt.CursorShape.PointingHandCursor)
        recent.addWidget(self.recent_list)
        self.no_recent = QLabel("No recent projects yet.")
        self.no_recent.setEnabled(False)
        self.no_recent.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.no_recent.setContentsMargins(4, 8, 4, 4)
        recent.addWidget(self.no_recent, 1)
        columns.addLayout(recent, 1)
        start.setAlignment(Qt.AlignmentFlag.AlignTop)
        recent.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addLayout(columns)

        self.sample_button.clicked.connect(self.sample_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.recent_list.itemActivated.connect(self._open_recent)
        self.recent_list.itemClicked.connect(self._open_recent)

    def set_recent_files(self, paths: list[str]) -> None:
        self.recent_list.clear()
        for path in paths:
            entry = QListWidgetItem(Path(path).name)
            entry.setData(PATH_ROLE, path)
            entry.setToolTip(path)
            self.recent_list.addItem(entry)
        self.recent_list.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)

    def _open_recent(self, entry: QListWidgetItem) -> None:
        # A click can also count as activation (style dependent): ask to open once.
        if self._pending is None:
            QTimer.singleShot(0, self._emit_pending)
        self._pending = entry.data(PATH_ROLE)

    def _emit_pending(self) -> None:
        path, self._pending = self._pending, None
        if path:
            self.recent_requested.emit(path)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _command(icon_name: str, text: str, description: str) -> QCommandLinkButton:
    button = QCommandLinkButton(text, description)
    button.setIcon(icon(icon_name))
    button.setIconSize(QSize(28, 28))
    return button
