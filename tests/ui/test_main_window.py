"""The main window as a whole: layout, menus, undo texts, zoom, status bar, state, errors."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget
from window_support import (
    BUILD,
    GOLIVE,
    IGNORE_OFFSCREEN,
    RELEASE,
    TEST,
    project_file_fixture,  # noqa: F401  (a fixture)
    prompts_fixture,  # noqa: F401  (a fixture)
    recorded_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    small_project,
    window_fixture,  # noqa: F401  (a fixture)
)

from relplan.domain import edits
from relplan.domain.model import Constraint, ConstraintKind, ItemKind
from relplan.ui import errors, messages
from relplan.ui.app import start
from relplan.ui.document import Document
from relplan.ui.main_window import MainWindow, default_release_id
from relplan.ui.settings import RECENT_FILES, ZOOM, Settings
from relplan.ui.views.timeline_view import TimelineView

pytestmark = IGNORE_OFFSCREEN


def _menu(window: MainWindow, title: str):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no {title} menu")


def _texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_layout_has_timeline_tab_and_three_docks(window, project_file):
    window.files.open_path(project_file)
    assert window.tabs.tabText(0) == "Timeline"
    assert isinstance(window.tabs.widget(0), TimelineView)
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    assert {"explorerDock", "inspectorDock", "problemsDock"} <= set(docks)  # and tabs.py's
    assert all(d.isVisible() for d in docks.values())
    assert window.pages.currentIndex() == 1


def test_menus_offer_the_file_edit_view_and_help_commands(window):
    assert _texts(_menu(window, "File")) == [
        "New", "New from Sample", "Open…", "Open Recent", "Import", "Save", "Save As…",
        "Compare with File…", "Export PDF…", "Export", "Close", "Quit",
    ]  # fmt: skip
    edit = _texts(_menu(window, "Edit"))
    assert edit[2:] == ["Add Task", "Add Milestone", "Delete"]
    view = _texts(_menu(window, "View"))
    assert view[:4] == ["Explorer", "Inspector", "Problems", "Toolbar"]
    assert view[4:] == ["Day", "Week", "Month", "Zoom In", "Zoom Out"]
    window.ui_actions.about.trigger()
    assert window.prompts.about_shown == 1


def test_standard_shortcuts(window):
    from PySide6.QtGui import QKeySequence

    a = window.ui_actions
    for action, key in (
        (a.new, QKeySequence.StandardKey.New),
        (a.open, QKeySequence.StandardKey.Open),
        (a.save, QKeySequence.StandardKey.Save),
        (a.undo, QKeySequence.StandardKey.Undo),
        (a.redo, QKeySequence.StandardKey.Redo),
        (a.quit, QKeySequence.StandardKey.Quit),
    ):
        assert action.shortcuts() == QKeySequence.keyBindings(key)


def test_undo_and_redo_texts_follow_the_stack(window, project_file):
    window.files.open_path(project_file)
    undo, redo = window.ui_actions.undo, window.ui_actions.redo
    assert not undo.isEnabled()
    doc = window.document
    doc.push(edits.set_duration(doc.project, BUILD, 7))
    assert undo.isEnabled()
    assert undo.text() == "&Undo Set 'Build API' to 7 days"
    undo.trigger()
    assert doc.project.items[BUILD].duration == 5
    assert redo.text() == "&Redo Set 'Build API' to 7 days"
    assert not window.isWindowModified()
    redo.trigger()
    assert doc.project.items[BUILD].duration == 7
    assert window.isWindowModified()
    # A new document brings its own (empty) stack.
    window.files.new_project()
    assert not undo.isEnabled()
    assert undo.text() == "&Undo"


def test_delete_removes_the_selected_item_as_one_command(window, project_file):
    window.files.open_path(project_file)
    doc = window.document
    assert not window.ui_actions.delete.isEnabled()
    window.selection.select_item(TEST)
    assert window.ui_actions.delete.isEnabled()
    window.ui_actions.delete.trigger()
    assert TEST not in doc.project.items
    assert window.selection.item_id is None
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Remove 'Test API'"
    doc.undo_stack.undo()
    assert TEST in doc.project.items
    assert len(doc.project.dependencies) == 3


def test_add_task_selects_it_and_opens_the_inspector(window, project_file):
    window.files.open_path(project_file)
    window.selection.select_item(BUILD)
    window.ui_actions.add_task.trigger()
    doc = window.document
    new_id = window.selection.item_id
    assert new_id not in (None, BUILD)
    item = doc.project.items[new_id]
    assert (item.name, item.kind, item.phase) == (
        "New task",
        ItemKind.TASK,
        doc.project.items[BUILD].phase,
    )
    assert window.inspector.name_edit.text() == "New task"
    assert doc.undo_stack.count() == 1
    window.ui_actions.add_milestone.trigger()
    assert doc.project.items[window.selection.item_id].is_milestone


def test_zoom_actions_drive_the_timeline_and_are_remembered(window, project_file, settings):
    window.files.open_path(project_file)
    window.ui_actions.zoom_month.trigger()
    assert window.ui_actions.zoom_month.isChecked()
    assert settings.get(ZOOM) == "month"
    window.ui_actions.zoom_in.trigger()
    assert settings.get(ZOOM) in ("week", "day")
    assert window.ui_actions.zoom_action(settings.get(ZOOM)).isChecked()


def test_status_bar_shows_finish_slack_and_info_messages(window, project_file):
    window.files.open_path(project_file)
    status = window.release_status
    assert status.finish.text() == "Small 1.0 finishes 11 Mar 2027"
    assert status.slack.text() == "14 working days before the deadline"  # 31 Mar
    assert status.problems.text() == "No problems"
    messages.info("Hello from a view.")
    assert window.statusBar().currentMessage() == "Hello from a view."
    # Pinning the go-live too early makes the release late: the status bar turns red.
    doc = window.document
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, doc.project.releases[RELEASE].start)
    doc.push(edits.set_constraint(doc.project, GOLIVE, pin))
    assert status.problems.text().startswith("1 error")
    assert window.problems_dock.windowTitle() == "Problems (1)"


def test_warnings_and_errors_go_to_dialogs(window, prompts, project_file):
    window.files.open_path(project_file)
    doc = window.document
    stale = edits.set_duration(doc.project, BUILD, 9)
    doc.push(edits.set_duration(doc.project, BUILD, 8))
    assert not doc.push(stale)  # refused by the document: an error dialog, nothing changed
    messages.warning("Careful.")
    assert [level for level, _ in prompts.shown] == ["error", "warning"]
    assert "changed in the meantime" in prompts.shown[0][1]
    assert doc.project.items[BUILD].duration == 8


def test_window_geometry_docks_and_zoom_survive_a_restart(qtbot, tmp_path, project_file):
    store = QSettings(str(tmp_path / "restart.ini"), QSettings.Format.IniFormat)
    first = MainWindow(Settings(store))
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 620)  # fits the offscreen screen (800 wide)
    size = first.size()
    first.problems_dock.hide()
    first.files.open_path(project_file)
    first.ui_actions.zoom_day.trigger()
    assert first.close()

    again = Settings(QSettings(str(tmp_path / "restart.ini"), QSettings.Format.IniFormat))
    assert again.get(RECENT_FILES) == [str(project_file.resolve())]
    second = MainWindow(again)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size
    assert not second.problems_dock.isVisible()
    second.files.open_path(project_file)
    assert second.ui_actions.zoom_day.isChecked()


def test_start_opens_the_file_given_or_the_welcome_screen(qtbot, settings, project_file):
    with_file = start([str(project_file)], settings)
    qtbot.addWidget(with_file)
    assert with_file.document is not None and with_file.document.path == project_file
    without = start([], settings)
    qtbot.addWidget(without)
    assert without.pages.currentWidget() is without.welcome


def test_the_release_shown_first_is_the_current_one():
    project = small_project()
    assert default_release_id(project, date(2026, 1, 1)) == RELEASE
    from relplan.samples import sample_project

    sample = sample_project()  # Payments 4.1 (finished, no items) and 4.2 (under way)
    shown = default_release_id(sample, date(2026, 11, 26))
    assert sample.releases[shown].name == "Payments 4.2"


def test_excepthook_logs_and_shows_and_the_app_keeps_running(tmp_path, monkeypatch):
    shown: list[tuple[str, str, Path | None]] = []
    monkeypatch.setattr(errors, "show_dialog", lambda *args: shown.append(args))
    before = sys.excepthook
    handler = errors.install(tmp_path / "logs")
    try:
        assert sys.excepthook is handler
        try:
            raise ValueError("boom in a slot")
        except ValueError:
            handler(*sys.exc_info())
    finally:
        errors.uninstall(handler)
    assert sys.excepthook is before
    log_text = (tmp_path / "logs" / "relplan.log").read_text(encoding="utf-8")
    assert "ValueError: boom in a slot" in log_text
    assert "Traceback" in log_text
    summary, details, log_path = shown[0]
    assert summary == "ValueError: boom in a slot"
    assert "raise ValueError" in details
    assert log_path == tmp_path / "logs" / "relplan.log"


def test_a_closed_window_no_longer_shows_messages(qtbot, settings, prompts):
    win = MainWindow(settings)
    win.prompts = prompts
    qtbot.addWidget(win)
    win.show()
    win.close()
    messages.error("Nobody is listening.")
    assert prompts.shown == []


def test_document_of_new_project_has_one_release_to_plan(window):
    window.ui_actions.new.trigger()
    doc: Document = window.document
    assert [r.name for r in doc.project.releases.values()] == ["Release 1"]
    assert window.selection.release_id in doc.project.releases
    assert window.ui_actions.add_task.isEnabled()


def test_welcome_screen_puts_the_docks_away_and_a_project_brings_them_back(window, project_file):
    docks = (window.explorer_dock, window.inspector_dock, window.problems_dock)
    assert not any(d.isVisible() for d in docks)
    window.files.open_path(project_file)
    assert all(d.isVisible() for d in docks)
    window.problems_dock.hide()
    window.files.close_project()
    assert not any(d.isVisible() for d in docks)
    window.files.open_path(project_file)
    assert window.explorer_dock.isVisible() and not window.problems_dock.isVisible()


def test_delete_key_on_the_timeline_removes_the_item_once(qtbot, window, project_file):
    from PySide6.QtCore import Qt

    window.files.open_path(project_file)
    window.activateWindow()
    window.selection.select_item(TEST)
    chart = window.timeline.chart
    chart.setFocus()
    qtbot.keyClick(chart.viewport(), Qt.Key.Key_Delete)
    doc = window.document
    assert TEST not in doc.project.items
    assert doc.undo_stack.count() == 1


def test_settings_are_typed_with_defaults_and_survive_an_ini_round_trip(tmp_path):
    from relplan.ui.settings import KEYS, LAST_FOLDER, MAX_RECENT_FILES

    path = str(tmp_path / "typed.ini")
    stored = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert stored.get(ZOOM) == "week"
    assert stored.get(RECENT_FILES) == []
    assert len({key.name for key in KEYS}) == len(KEYS)  # every key declared once
    for n in range(MAX_RECENT_FILES + 3):
        stored.add_recent_file(tmp_path / f"p{n}.relplan")
    stored.set(ZOOM, "month")
    stored.sync()
    again = Settings(QSettings(path, QSettings.Format.IniFormat))
    recent = again.recent_files()
    assert len(recent) == MAX_RECENT_FILES
    assert recent[0].endswith(f"p{MAX_RECENT_FILES + 2}.relplan")
    assert again.get(LAST_FOLDER) == str(tmp_path.resolve())
    assert again.get(ZOOM) == "month"
    # A single recent file comes back from an ini file as a list, and junk as the default.
    again.set(RECENT_FILES, [str(tmp_path / "one.relplan")])
    again.store.setValue(ZOOM.name, "fortnight")
    again.sync()
    third = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert third.recent_files() == [str(tmp_path / "one.relplan")]
    assert third.get(ZOOM) == "week"


def test_real_prompts_show_warnings_and_errors_in_message_boxes(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from relplan.ui.dialogs.prompts import Prompts

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(("critical", args)))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(("warning", args)))
    prompts = Prompts(None)
    prompts.show_message("error", "The save failed.")
    prompts.show_message("warning", "Read-only.")
    assert [(kind, args[-1]) for kind, args in shown] == [
        ("critical", "The save failed."),
        ("warning", "Read-only."),
    ]


def test_welcome_buttons_open_the_sample_or_a_new_project(window, prompts):
    window.welcome.sample_button.click()
    assert window.document.project.name == "Northwind Payments"
    assert window.windowTitle() == "Northwind Payments[*] — relplan"
    window.files.close_project()
    window.welcome.new_button.click()
    assert window.document.project.name == "Untitled project"
    window.files.close_project()
    prompts.open_path = None  # the planner cancels the file dialog
    window.welcome.open_button.click()
    assert window.document is None


def test_enter_on_the_timeline_opens_the_inspector_on_the_item(window, project_file):
    window.files.open_path(project_file)
    window.inspector_dock.hide()
    window.timeline.open_inspector_requested.emit(BUILD)
    assert window.selection.item_id == BUILD
    assert window.inspector_dock.isVisible()
    assert window.inspector.name_edit.text() == "Build API"


def test_run_shows_the_window_on_the_file_and_returns_when_it_closes(
    qapp, settings, monkeypatch, tmp_path, project_file
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from relplan.ui.app import run

    monkeypatch.setattr(errors, "default_log_folder", lambda: tmp_path / "logs")
    seen = []

    def close_window():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.document.path if widget.document else None)
                widget.close()

    hook = sys.excepthook
    QTimer.singleShot(0, close_window)
    assert run([str(project_file)]) == 0
    assert seen == [project_file]
    assert sys.excepthook is hook
