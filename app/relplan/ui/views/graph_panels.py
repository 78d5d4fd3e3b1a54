"""The graph's controls and texts: toolbar (zoom, phases), link panel, menus, tooltips."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from relplan.domain.calendar import format_day
from relplan.domain.model import Dependency, Phase, Project
from relplan.export.graph_layout import GraphEdge, GraphLayout, GraphNode
from relplan.ui.icons import icon, phase_icon
from relplan.ui.models.dependency_model import TYPE_NAMES

if TYPE_CHECKING:
    from relplan.ui.views.graph_view import GraphView


class GraphToolbar(QFrame):
    """Zoom buttons, one toggle per phase (pressed: expanded) and a hint on linking."""

    def __init__(self, view: GraphView) -> None:
        super().__init__(view)
        self.setObjectName("graphToolbar")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.setSpacing(2)
        self.zoom_out = self._button(row, "zoom-out", "Zoom out (Ctrl+wheel down)", view.zoom_out)
        self.zoom_in = self._button(row, "zoom-in", "Zoom in (Ctrl+wheel up)", view.zoom_in)
        self.fit = self._button(row, "zoom-fit", "Fit the whole graph (0)", view.fit)
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.zoom_label)
        row.addSpacing(12)
        row.addWidget(QLabel("Phases:"))
        self.phase_buttons: dict[Phase, QToolButton] = {}
        for phase in Phase:
            button = QToolButton(self)
            button.setIcon(phase_icon(phase))
            button.setText(phase.label)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.toggled.connect(lambda on, phase=phase: view.set_phase_expanded(phase, on))
            row.addWidget(button)
            self.phase_buttons[phase] = button
        self.expand_all = self._text_button(row, "Expand all", view.expand_all)
        self.collapse_all = self._text_button(row, "Collapse all", view.collapse_all)
        self.hint = HintLabel("Drag from one box to another to link them")
        row.addWidget(self.hint, 1)

    def _button(self, row: QHBoxLayout, name: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def _text_button(self, row: QHBoxLayout, text: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def show_phases(self, counts: dict[Phase, int], collapsed: frozenset[Phase]) -> None:
        """Press the buttons of expanded phases; disable phases the release does not have."""
        for phase, button in self.phase_buttons.items():
            count = counts.get(phase, 0)
            with QSignalBlocker(button):
                button.setChecked(count > 0 and phase not in collapsed)
            button.setEnabled(count > 0)
            state = "collapse" if button.isChecked() else "expand"
            button.setToolTip(f"{phase.label}: {count} item{'' if count == 1 else 's'}; {state}")

    def show_zoom(self, scale: float) -> None:
        self.zoom_label.setText(f"{round(scale * 100)} %")


class HintLabel(QLabel):
    """A muted hint that takes the room left over and shows only when it fits whole."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.hint = text
        self.setStyleSheet("color: #6b7280")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, event) -> None:
        """Overrides QLabel.resizeEvent: half a sentence reads worse than none."""
        fits = self.fontMetrics().horizontalAdvance(self.hint) <= event.size().width()
        self.setText(self.hint if fits else "")
        super().resizeEvent(event)


class LinkPanel(QFrame):
    """The selected link: its two items, type and lag, and a button to remove it."""

    type_chosen = Signal(object)  # DependencyType
    lag_chosen = Signal(int)
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphLinkPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.title, 1)
        self.type_label = QLabel("Type")
        row.addWidget(self.type_label)
        self.type_box = QComboBox()
        for kind, name in TYPE_NAMES.items():
            self.type_box.addItem(f"{name} ({kind.value})", kind)
        self.type_box.activated.connect(
            lambda index: self.type_chosen.emit(self.type_box.itemData(index))
        )
        row.addWidget(self.type_box)
        self.lag_label = QLabel("Lag")
        row.addWidget(self.lag_label)
        self.lag_box = QSpinBox()
        self.lag_box.setRange(-1000, 1000)
        self.lag_box.setSuffix(" working days")
        self.lag_box.setToolTip("Working days between the two; negative for a lead")
        self.lag_box.setKeyboardTracking(False)  # one command per value, not per keystroke
        self.lag_box.valueChanged.connect(self.lag_chosen.emit)
        row.addWidget(self.lag_box)
        self.remove = QPushButton(icon("delete"), "Remove link")
        self.remove.clicked.connect(self.remove_requested.emit)
        row.addWidget(self.remove)
        self.hide()

    def show_link(self, project: Project, edge: GraphEdge | None, read_only: bool = False) -> None:
        """Show ``edge`` (None hides the panel); a bundle can only be expanded, not edited."""
        if edge is None:
            self.hide()
            return
        dep = project.dependencies.get(edge.dependency_id or "")
        editable = dep is not None
        for widget in (self.type_label, self.type_box, self.lag_label, self.lag_box, self.remove):
            widget.setVisible(editable)
            widget.setEnabled(not read_only)
        if dep is not None:
            self.title.setText(link_title(project, dep))
            with QSignalBlocker(self.type_box), QSignalBlocker(self.lag_box):
                self.type_box.setCurrentIndex(self.type_box.findData(dep.type))
                self.lag_box.setValue(dep.lag)
        else:
            count = len(edge.dependency_ids)
            self.title.setText(
                f"{count} link{'' if count == 1 else 's'} between two phases shown as "
                "summaries; expand a phase (double-click it) to edit its links one by one."
            )
        self.show()


def link_title(project: Project, dep: Dependency) -> str:
    pred, succ = project.items[dep.predecessor_id], project.items[dep.successor_id]
    return f"Link: '{pred.name}' → '{succ.name}'"


def build_context_menu(view: GraphView, node: GraphNode | None, edge: GraphEdge | None) -> QMenu:
    """The menu for a box, a link or the background (the caller shows it)."""
    menu = QMenu(view)
    editable = not view.read_only
    if node is not None and node.is_summary:
        menu.addAction(f"Expand {node.phase.label}", lambda: view.expand_phase(node.phase))
    elif node is not None:
        menu.addAction("Open in Inspector", lambda: view.open_inspector(node.key))
        menu.addAction(
            f"Collapse {node.phase.label}", lambda: view.set_phase_expanded(node.phase, False)
        )
    elif edge is not None and edge.dependency_id is not None:
        dep = view.document.project.dependencies[edge.dependency_id]
        for kind, name in TYPE_NAMES.items():
            action = menu.addAction(name, lambda kind=kind: view.set_link_type(kind))
            action.setCheckable(True)
            action.setChecked(dep.type == kind)
            action.setEnabled(editable)
        menu.addSeparator()
        remove = menu.addAction(icon("delete"), "Remove Link", view.remove_link)
        remove.setEnabled(editable)
    menu.addSeparator()
    menu.addAction("Fit", view.fit)
    menu.addAction("Expand All Phases", view.expand_all)
    menu.addAction("Collapse All Phases", view.collapse_all)
    return menu


def node_tooltip(graph: GraphLayout, node: GraphNode) -> str:
    if node.is_summary:
        count = len(node.item_ids)
        return (
            f"<b>{node.phase.label}</b>: {count} item{'' if count == 1 else 's'}, "
            f"{html.escape(graph.dates_text(node))}<br>Double-click to show them one by one."
        )
    schedule = graph.schedule
    item = graph.project.items[node.key]
    dates = schedule.dates(node.key)
    when = (
        format_day(dates.finish)
        if item.is_milestone
        else f"{format_day(dates.start)} – {format_day(dates.finish)}"
    )
    slack = f"{dates.slack} working day{'' if abs(dates.slack) == 1 else 's'}"
    if node.key in graph.critical:
        slack += " (critical)"
    lines = [f"<b>{html.escape(item.name)}</b>", f"{item.phase.label}: {when}", f"Slack: {slack}"]
    for text in graph.conflict_text.get(node.key, []):
        lines.append(f"<span style='color:#c81e1e'>{html.escape(text)}</span>")
    lines.append("<i>Drag onto another box to make it wait for this one.</i>")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p>"


def edge_tooltip(graph: GraphLayout, edge: GraphEdge) -> str:
    project = graph.project
    if edge.dependency_id is None:
        count = len(edge.dependency_ids)
        names = [_node_name(graph, k) for k in (edge.source, edge.target)]
        return f"{count} link{'' if count == 1 else 's'} from {names[0]} to {names[1]}"
    dep = project.dependencies[edge.dependency_id]
    pred, succ = project.items[dep.predecessor_id], project.items[dep.successor_id]
    lag = f", lag {dep.lag} working day{'' if abs(dep.lag) == 1 else 's'}" if dep.lag else ""
    text = (
        f"<b>{html.escape(pred.name)}</b> → <b>{html.escape(succ.name)}</b><br>"
        f"{TYPE_NAMES[dep.type]}{lag}"
    )
    if graph.edge_has_conflict(edge):
        text += "<br><span style='color:#c81e1e'>Part of a conflict: see the Problems list.</span>"
    return text


def _node_name(graph: GraphLayout, key: str) -> str:
    node = graph.nodes[key]
    if node.is_summary:
        return f"{node.phase.label} (collapsed)"
    return f"'{html.escape(graph.project.items[key].name)}'"
