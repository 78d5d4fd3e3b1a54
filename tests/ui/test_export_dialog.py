"""File > Export PDF…: the planner picks a document and exports it without freezing the app."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from relplan.domain.model import Project
from relplan.export.pdf import PLAN_SECTIONS
from relplan.samples import sample_project, synthetic_project
from relplan.ui import export_worker, messages
from relplan.ui.dialogs.export_dialog import ExportDialog, suggested_name
from relplan.ui.export_worker import ExportJob, ExportRunner, ExportWorker, snapshot

RELEASE = "Payments 4.2"
HOLD_SECONDS = 60  # a held export gives up after this, so a broken test cannot hang the run


class Hold:
    """Holds the export on its thread at one point until the planner's cancel has arrived.

    ``at`` is ``"layout"`` (after the first page is laid out, the temp file exists),
    ``"commit"`` (the PDF is complete, right before it replaces the target) or
    ``"committed"`` (just after that point, when a cancel is too late). Without the hold
    a small export could finish before the test clicks Cancel.
    """

    def __init__(self, at: str) -> None:
        self.at = at
        self.reached = threading.Event()
        self.released = threading.Event()
        self.cancels: list[bool] = []  # what each cancel answered: in time or not
        self.timed_out = False

    def wait_here(self) -> None:
        self.reached.set()
        if not self.released.wait(HOLD_SECONDS):
            self.timed_out = True


@pytest.fixture
def hold(monkeypatch):
    """``hold(at)`` makes the next export stop at ``at`` until it is cancelled."""
    holds: list[Hold] = []
    write_pdf, cancel = export_worker.write_pdf, ExportWorker.cancel

    def held_write_pdf(job, progress, commit):
        current = holds[-1]

        def held_progress(done, total, step):
            progress(done, total, step)
            if current.at == "layout" and step.startswith("Page") and not current.reached.is_set():
                current.wait_here()

        def held_commit():
            if current.at == "commit":
                current.wait_here()
            commit()
            if current.at == "committed":
                current.wait_here()

        return write_pdf(job, held_progress, held_commit)

    def cancel_and_release(worker):
        in_time = cancel(worker)
        if holds:
            holds[-1].cancels.append(in_time)
            holds[-1].released.set()
        return in_time

    monkeypatch.setattr(export_worker, "write_pdf", held_write_pdf)
    monkeypatch.setattr(ExportWorker, "cancel", cancel_and_release)

    def make(at: str) -> Hold:
        holds.append(Hold(at))
        return holds[-1]

    yield make
    for each in holds:
        each.released.set()  # never leave an export thread waiting behind a failed test
    assert not any(each.timed_out for each in holds), "the export was never cancelled"


def export_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "relplan-export" and t.is_alive()]


def outcomes(runner: ExportRunner) -> list[str]:
    """Records which of ``finished``, ``failed`` and ``cancelled`` the runner emits."""
    seen: list[str] = []
    runner.finished.connect(lambda *_args: seen.append("finished"))
    runner.failed.connect(lambda *_args: seen.append("failed"))
    runner.cancelled.connect(lambda: seen.append("cancelled"))
    return seen


@pytest.fixture
def recorded():
    seen: list[tuple[str, str]] = []
    slots = {
        kind: (lambda text, kind=kind: seen.append((kind, text)))
        for kind in ("info", "warning", "error")
    }
    for kind, slot in slots.items():
        getattr(messages.bridge, kind).connect(slot)
    yield seen
    for kind, slot in slots.items():
        getattr(messages.bridge, kind).disconnect(slot)


@pytest.fixture
def project() -> Project:
    return sample_project()


@pytest.fixture
def dialog(qtbot, project, tmp_path) -> ExportDialog:
    release = project.release_by_name(RELEASE)
    widget = ExportDialog(project, tmp_path, release.id)
    qtbot.addWidget(widget)
    widget.opened: list[Path] = []
    widget.open_file = widget.opened.append
    return widget


def test_the_dialog_offers_releases_documents_sections_and_paper(dialog, project):
    assert dialog.release_box.currentText() == "Payments 4.2 (4.2.0)"
    assert dialog.release_box.count() == len(project.releases)
    assert dialog.plan_button.isChecked()
    assert dialog.chosen_sections() == tuple(PLAN_SECTIONS)
    assert dialog.size_box.currentText() in ("A4", "Letter")
    assert dialog.orientation_box.currentData() == "landscape"
    assert dialog.path_edit.text().endswith("Payments 4.2 - release plan.pdf")
    assert dialog.export_button.isEnabled()


def test_choosing_the_handout_shows_audiences_and_turns_the_page(dialog):
    dialog.handout_button.setChecked(True)
    assert dialog.sections_box.isHidden()
    assert not dialog.audience_box.isHidden()
    assert [dialog.audience_box.itemText(n) for n in range(dialog.audience_box.count())] == [
        "Everyone",
        "Administrators",
        "End users",
        "Support desk",
    ]
    assert dialog.orientation_box.currentData() == "portrait"
    dialog.audience_box.setCurrentText("Support desk")
    assert dialog.path_edit.text().endswith("Payments 4.2 - handout for Support desk.pdf")


def test_a_typed_path_and_a_chosen_orientation_are_kept(dialog, tmp_path):
    dialog.path_edit.clear()
    custom = str(tmp_path / "board pack.pdf")
    dialog.path_edit.textEdited.emit(custom)
    dialog.path_edit.setText(custom)
    dialog.orientation_box.setCurrentIndex(1)
    dialog.orientation_box.activated.emit(1)
    dialog.handout_button.setChecked(True)
    assert dialog.path_edit.text() == custom
    assert dialog.orientation_box.currentData() == "portrait"
    dialog.plan_button.setChecked(True)
    assert dialog.orientation_box.currentData() == "portrait"


def test_browse_asks_for_a_path_and_adds_the_suffix(dialog, tmp_path):
    dialog.ask_path = lambda suggested: str(tmp_path / "chosen")
    dialog.browse_button.click()
    assert dialog.path_edit.text() == str(tmp_path / "chosen.pdf")


def test_export_needs_a_section_and_a_path(dialog):
    for check in dialog.section_checks.values():
        check.setChecked(False)
    assert not dialog.export_button.isEnabled()
    dialog.section_checks["summary"].setChecked(True)
    assert dialog.export_button.isEnabled()
    dialog.path_edit.clear()
    assert not dialog.export_button.isEnabled()


def test_exporting_the_plan_runs_in_the_background_and_offers_to_open_it(qtbot, dialog, recorded):
    for key in ("timeline", "graph", "raci"):
        dialog.section_checks[key].setChecked(False)
    steps: list[int] = []
    dialog.runner.progress.connect(lambda done, total, step: steps.append(done))
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.runner.running
        assert not dialog.export_button.isEnabled()
        assert not dialog.release_box.isEnabled()
        assert dialog.close_button.text() == "Cancel"
    target = Path(dialog.path_edit.text())
    assert target.read_bytes().startswith(b"%PDF")
    assert steps and steps == sorted(steps)
    qtbot.waitUntil(lambda: not dialog.runner.running)
    assert dialog.status_label.text().startswith("Saved ")
    assert not dialog.open_button.isHidden()
    assert dialog.close_button.text() == "Close"
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.opened == [target]
    assert recorded[-1][0] == "info" and target.name in recorded[-1][1]


def test_exporting_a_handout_for_one_audience(qtbot, dialog, tmp_path):
    dialog.handout_button.setChecked(True)
    dialog.audience_box.setCurrentText("Administrators")
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000) as blocker:
        dialog.start_export()
    path, pages = blocker.args
    assert Path(path).name == "Payments 4.2 - handout for Administrators.pdf"
    assert pages >= 4


def test_cancel_stops_the_export_and_writes_nothing(qtbot, tmp_path, hold):
    project = synthetic_project(400, seed=2)
    widget = ExportDialog(project, tmp_path)
    qtbot.addWidget(widget)
    target = Path(widget.path_edit.text())
    held = hold("layout")
    started: list[int] = []
    widget.runner.progress.connect(lambda done, total, step: started.append(done))
    ended = outcomes(widget.runner)
    widget.start_export()
    qtbot.waitUntil(held.reached.is_set, timeout=60000)
    assert len(list(tmp_path.iterdir())) == 1  # the PDF being laid out, under a temp name
    qtbot.waitUntil(lambda: bool(started), timeout=30000)
    assert widget.close_button.text() == "Cancel"
    qtbot.mouseClick(widget.close_button, Qt.MouseButton.LeftButton)
    assert widget.status_label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: bool(ended), timeout=60000)
    assert ended == ["cancelled"]
    assert held.cancels == [True]
    assert not widget.runner.running
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # the temp file is gone too
    assert widget.status_label.text() == "Export cancelled; no file was written."
    assert widget.export_button.isEnabled()
    assert widget.close_button.text() == "Close"
    assert not export_threads()


def test_a_cancel_right_before_the_pdf_is_saved_still_writes_nothing(qtbot, dialog, tmp_path, hold):
    for key in ("timeline", "graph", "raci"):
        dialog.section_checks[key].setChecked(False)
    target = Path(dialog.path_edit.text())
    target.write_bytes(b"last week's plan")
    held = hold("commit")
    ended = outcomes(dialog.runner)
    dialog.start_export()
    qtbot.waitUntil(held.reached.is_set, timeout=60000)  # laid out and saved, not moved
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ended), timeout=60000)
    assert ended == ["cancelled"]
    assert held.cancels == [True]
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"last week's plan"
    assert dialog.status_label.text() == "Export cancelled; no file was written."


def test_a_cancel_after_the_pdf_is_saved_is_too_late_and_says_so(qtbot, dialog, hold):
    for key in ("timeline", "graph", "raci"):
        dialog.section_checks[key].setChecked(False)
    held = hold("committed")
    ended = outcomes(dialog.runner)
    dialog.start_export()
    qtbot.waitUntil(held.reached.is_set, timeout=60000)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "Too late to cancel: the PDF is already being saved."
    qtbot.waitUntil(lambda: bool(ended), timeout=60000)
    assert ended == ["finished"]
    assert held.cancels == [False]
    assert Path(dialog.path_edit.text()).read_bytes().startswith(b"%PDF")
    assert dialog.status_label.text().startswith("Saved ")
    assert dialog.exported == Path(dialog.path_edit.text())


def test_a_missing_folder_is_explained_before_starting(dialog, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "plan.pdf"))
    dialog.start_export()
    assert not dialog.runner.running
    assert "does not exist; choose another place to save." in dialog.status_label.text()


def test_a_failed_export_is_one_sentence(qtbot, project, tmp_path, recorded):
    runner = ExportRunner()
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "plan.pdf"
    target.mkdir()  # a folder where the file should go: the final rename fails
    job = ExportJob(
        snapshot(project), project.release_by_name(RELEASE).id, target, plan=_summary_only()
    )
    with qtbot.waitSignal(runner.failed, timeout=60000) as blocker:
        runner.start(job)
    (message,) = blocker.args
    assert message.startswith(f"Cannot write {target}")
    qtbot.waitUntil(lambda: not runner.running)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_closing_the_dialog_during_an_export_cancels_it(qtbot, tmp_path, hold):
    project = synthetic_project(400, seed=4)
    widget = ExportDialog(project, tmp_path)
    qtbot.addWidget(widget)
    widget.show()
    held = hold("layout")
    widget.start_export()
    qtbot.waitUntil(held.reached.is_set, timeout=60000)
    widget.reject()
    # reject() returns once the export's thread has ended: nothing is left running.
    assert held.cancels == [True]
    assert not export_threads()
    assert not widget.isVisible()
    assert list(tmp_path.iterdir()) == []
    qtbot.waitUntil(lambda: not widget.runner.running, timeout=30000)
    assert list(tmp_path.iterdir()) == []


def test_destroying_the_dialog_during_an_export_stops_its_thread(qtbot, tmp_path, hold):
    widget = ExportDialog(synthetic_project(400, seed=4), tmp_path)
    held = hold("layout")
    widget.start_export()
    qtbot.waitUntil(held.reached.is_set, timeout=60000)
    with qtbot.waitSignal(widget.destroyed, timeout=30000):
        widget.deleteLater()  # as its main window does, without closing it first
    assert held.cancels == [True]
    assert not export_threads()
    assert list(tmp_path.iterdir()) == []


def test_an_export_still_running_at_exit_is_cancelled_and_the_process_ends(tmp_path):
    """The application quits while an export runs: no thread outlives Qt, no file appears."""
    script = textwrap.dedent(
        f"""
        import os, sys, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from relplan.samples import synthetic_project
        from relplan.ui.dialogs.export_dialog import ExportDialog

        app = QApplication([])
        dialog = ExportDialog(synthetic_project(400, seed=2), Path({str(tmp_path)!r}))
        steps = []
        dialog.runner.progress.connect(lambda *args: steps.append(args))
        dialog.start_export()
        deadline = time.monotonic() + 60
        while not steps and time.monotonic() < deadline:
            app.processEvents()
        print("running" if dialog.runner.running and steps else "not started", flush=True)
        """
    )
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "running", "")
    assert list(tmp_path.iterdir()) == []


def test_the_export_reads_a_snapshot_not_the_live_project(project):
    copy = snapshot(project)
    assert copy.items == project.items and copy.items is not project.items
    project.items.clear()
    assert copy.items


def test_suggested_names_are_safe_file_names():
    assert suggested_name("Payments 4.2", "plan") == "Payments 4.2 - release plan.pdf"
    assert suggested_name('R1: "big" <one>/two', "handout", "Desk") == (
        "R1 big one two - handout for Desk.pdf"
    )


def _summary_only():
    from relplan.export.pdf import PlanOptions

    return PlanOptions(sections=("summary",))


# --- from the main window ---------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_file_export_pdf_opens_the_dialog_on_the_open_project(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from relplan.storage import save_project
    from relplan.ui.main_window import MainWindow
    from relplan.ui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    action = window.exports.action
    assert not action.isEnabled()  # nothing open yet
    file_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File"
    )
    entries = [a for a in file_menu.actions() if not a.isSeparator()]
    assert entries[entries.index(window.ui_actions.compare) + 1] is action
    path = tmp_path / "sample.relplan"
    project = sample_project()
    save_project(project, path)
    window.files.open_path(path)
    assert action.isEnabled()
    release = project.release_by_name("Payments 4.1")
    window.selection.select_release(release.id)
    action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.release_box.currentData() == release.id
    assert Path(dialog.path_edit.text()).parent == tmp_path
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.exports.dialog is None)
