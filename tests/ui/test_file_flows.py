"""Opening, saving, closing and the unsaved-changes question, as a planner meets them."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from window_support import (
    BUILD,
    GOLIVE,
    IGNORE_OFFSCREEN,
    project_file_fixture,  # noqa: F401  (a fixture)
    prompts_fixture,  # noqa: F401  (a fixture)
    recorded_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    window_fixture,  # noqa: F401  (a fixture)
    write_newer_file,
    write_project,
)

from relplan.domain import edits
from relplan.storage import ProjectFileError, ProjectSaveError, load_project
from relplan.ui.dialogs.prompts import Prompts, SaveChoice
from relplan.ui.document import Document

pytestmark = IGNORE_OFFSCREEN


def load_problems_of(path: Path) -> list:
    try:
        load_project(path)
    except ProjectFileError as exc:
        return exc.problems
    raise AssertionError(f"{path} opened")


def _edit(window, name: str = "Build the API") -> None:
    doc = window.document
    assert doc.push(edits.update_item(doc.project, BUILD, name=name))


def test_starts_on_the_welcome_screen(window):
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == "relplan"
    assert not window.ui_actions.save.isEnabled()


def test_open_edit_save_reopen_round_trip(window, prompts, tmp_path):
    path = write_project(tmp_path / "plan.relplan")
    assert window.files.open_path(path)
    assert window.windowTitle() == "plan.relplan[*] — relplan"
    assert not window.isWindowModified()

    window.selection.select_item(BUILD)
    window.inspector.duration_spin.setValue(8)
    window.inspector.name_edit.setText("Build payments API")
    window.inspector.name_edit.editingFinished.emit()
    assert window.isWindowModified()

    window.ui_actions.save.trigger()
    assert not window.isWindowModified()
    assert prompts.file_problems == []

    reopened = load_project(path).project
    assert reopened.items[BUILD].duration == 8
    assert reopened.items[BUILD].name == "Build payments API"
    assert window.files.open_path(path)
    assert window.document.project.items[BUILD].duration == 8


def test_save_as_new_project_asks_for_a_path_and_adds_the_suffix(window, prompts, tmp_path):
    window.files.new_project()
    prompts.save_path = str(tmp_path / "fresh")  # the dialog adds ".relplan" for us in real use
    assert window.files.save()
    saved = Path(prompts.save_path)
    assert saved.exists()
    assert window.document.path == saved
    assert window.windowTitle().startswith("fresh[*]")


def test_unsaved_changes_cancel_keeps_everything(window, prompts, project_file, tmp_path):
    window.files.open_path(project_file)
    _edit(window)
    prompts.unsaved_answers = [SaveChoice.CANCEL]
    other = write_project(tmp_path / "other.relplan")
    assert not window.files.open_path(other)
    assert window.document.path == project_file
    assert window.document.is_dirty
    assert prompts.unsaved_asked == ["small.relplan"]

    prompts.unsaved_answers = [SaveChoice.CANCEL]
    assert not window.close()
    assert window.isVisible()


def test_unsaved_changes_discard_drops_the_edit(window, prompts, project_file):
    window.files.open_path(project_file)
    _edit(window)
    prompts.unsaved_answers = [SaveChoice.DISCARD]
    assert window.files.new_project()
    assert window.document.path is None
    assert load_project(project_file).project.items[BUILD].name == "Build API"


def test_unsaved_changes_save_writes_the_file_first(window, prompts, project_file):
    window.files.open_path(project_file)
    _edit(window, "Saved on close")
    prompts.unsaved_answers = [SaveChoice.SAVE]
    assert window.files.close_project()
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome
    assert load_project(project_file).project.items[BUILD].name == "Saved on close"


def test_quit_with_unsaved_changes_asks(window, prompts, project_file):
    window.files.open_path(project_file)
    _edit(window)
    prompts.unsaved_answers = [SaveChoice.DISCARD]
    window.ui_actions.quit.trigger()
    assert prompts.unsaved_asked == ["small.relplan"]
    assert not window.isVisible()


def test_real_prompt_maps_the_message_box_buttons(qtbot, monkeypatch):
    prompts = Prompts(None)
    buttons = QMessageBox.StandardButton
    for pressed, expected in (
        (buttons.Save, SaveChoice.SAVE),
        (buttons.Discard, SaveChoice.DISCARD),
        (buttons.Cancel, SaveChoice.CANCEL),
    ):
        monkeypatch.setattr(QMessageBox, "exec", lambda self, b=pressed: int(b.value))
        assert prompts.ask_unsaved_changes("plan.relplan") is expected


def test_recent_files_are_remembered_most_recent_first(window, settings, tmp_path):
    first = write_project(tmp_path / "first.relplan")
    second = write_project(tmp_path / "second.relplan")
    window.files.open_path(first)
    window.files.open_path(second)
    window.files.open_path(first)
    assert settings.recent_files() == [str(first.resolve()), str(second.resolve())]
    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert texts[:2] == ["&1 first.relplan", "&2 second.relplan"]
    assert window.welcome.recent_list.count() == 2


def test_clicking_a_recent_file_on_the_welcome_screen_opens_it(qtbot, window, tmp_path):
    path = write_project(tmp_path / "recent.relplan")
    window.settings.add_recent_file(path)
    window.refresh_recent_files()
    entry = window.welcome.recent_list.item(0)
    window.welcome.recent_list.itemClicked.emit(entry)
    window.welcome.recent_list.itemActivated.emit(entry)  # a click may also activate
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.path == path


def test_a_missing_recent_file_is_explained_and_forgotten(window, prompts, settings, tmp_path):
    path = write_project(tmp_path / "gone.relplan")
    settings.add_recent_file(path)
    path.unlink()
    assert not window.files.open_path(path)
    assert "gone.relplan" in prompts.file_problems[0]["text"]
    assert "does not exist" in prompts.file_problems[0]["text"]
    assert settings.recent_files() == []


def test_damaged_file_names_the_file_and_keeps_the_open_project(
    window, prompts, project_file, tmp_path
):
    window.files.open_path(project_file)
    _edit(window, "Work in progress")
    damaged = tmp_path / "damaged.relplan"
    data = json.loads(project_file.read_text(encoding="utf-8"))
    for row in data["items"].values():
        row["duration"] = -3 if row["kind"] == "task" else 0
        row["progress"] = 150
    data["dependencies"]["1"]["successor_id"] = "nowhere"
    damaged.write_text(json.dumps(data), encoding="utf-8")
    before = damaged.read_bytes()

    prompts.unsaved_answers = [SaveChoice.DISCARD]
    assert not window.files.open_path(damaged)

    shown = prompts.file_problems[-1]
    assert shown["title"] == "Cannot open project"
    assert "damaged.relplan" in shown["text"]
    problems = load_problems_of(damaged)
    assert len(problems) >= 3
    assert f"It has {len(problems)} problems" in shown["informative"]
    assert str(problems[0]) in shown["informative"]  # the first few are listed...
    assert "more (see Details)" in shown["informative"]
    assert all(str(p) in shown["details"] for p in problems)  # ...and all under Details
    assert "nowhere" in shown["details"]
    assert "and your open project stays as it was" in shown["informative"]
    # Nothing lost: the open project and its unsaved edit are still there; the file untouched.
    assert window.document.path == project_file
    assert window.document.project.items[BUILD].name == "Work in progress"
    assert window.document.is_dirty
    assert damaged.read_bytes() == before


def test_not_a_project_file_is_refused_with_a_dialog(window, prompts, tmp_path):
    junk = tmp_path / "notes.relplan"
    junk.write_bytes(b"\x00\xff binary garbage")
    assert not window.files.open_path(junk)
    assert "notes.relplan" in prompts.file_problems[0]["text"]
    assert window.document is None


def test_newer_file_opens_read_only_with_a_banner(window, prompts, recorded, tmp_path):
    path = write_newer_file(tmp_path / "future.relplan")
    assert window.files.open_path(path)
    doc = window.document
    assert doc.read_only
    assert prompts.shown[0][0] == "warning"
    assert "future.relplan is open read-only" in prompts.shown[0][1]
    assert window.banner.isVisible()
    assert "newer version" in window.banner.text.text()
    assert "(read-only)" in window.windowTitle()
    assert not window.ui_actions.add_task.isEnabled()
    # Edits are refused with a warning; Save goes to Save As and writes a new file.
    assert not doc.push(edits.update_item(doc.project, BUILD, name="x"))
    assert len(prompts.shown) == 2 and prompts.shown[-1][0] == "warning"
    prompts.save_path = str(tmp_path / "copy.relplan")
    assert window.files.save()
    assert not window.document.read_only
    assert not window.banner.isVisible()
    assert window.ui_actions.add_task.isEnabled()
    window.selection.select_item(BUILD)
    assert window.inspector.name_edit.isEnabled()
    assert load_project(tmp_path / "copy.relplan").project.items[GOLIVE].name == "Go-live"


def test_failed_save_shows_a_dialog_and_keeps_the_document_dirty(
    window, prompts, project_file, monkeypatch
):
    window.files.open_path(project_file)
    _edit(window, "Not saved yet")

    def full_disk(self, path=None):
        raise ProjectSaveError(project_file, "the disk is full", "free some space")

    monkeypatch.setattr(Document, "save", full_disk)
    assert not window.files.save()
    shown = prompts.file_problems[-1]
    assert shown["title"] == "Cannot save project"
    assert "small.relplan" in shown["text"]
    assert "Your changes are still here" in shown["informative"]
    assert window.document.is_dirty
    assert window.isWindowModified()
    # Closing still asks, and a failed save during the question cancels the close.
    prompts.unsaved_answers = [SaveChoice.SAVE]
    assert not window.files.close_project()
    assert window.document is not None


def test_unreadable_file_is_explained(window, prompts, project_file, monkeypatch):
    def denied(cls, path, parent=None):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Document, "open", classmethod(denied))
    assert not window.files.open_path(project_file)
    assert "small.relplan" in prompts.file_problems[0]["text"]
    assert "permission" in prompts.file_problems[0]["text"]


def test_new_from_sample_starts_unsaved_and_clean(window):
    window.ui_actions.new_from_sample.trigger()
    doc = window.document
    assert doc.path is None
    assert not doc.is_dirty
    assert len(doc.project.items) > 40
    release = doc.project.releases[window.selection.release_id]
    assert release.name == "Payments 4.2"


def test_save_while_typing_a_name_saves_the_name(window, project_file):
    window.files.open_path(project_file)
    window.selection.select_item(BUILD)
    edit = window.inspector.name_edit
    edit.setFocus()
    edit.selectAll()
    edit.insert("Typed but not entered")  # as typing; Ctrl+S does not leave the field
    window.ui_actions.save.trigger()
    assert load_project(project_file).project.items[BUILD].name == "Typed but not entered"
    assert not window.isWindowModified()
