"""Two planners, one file on a shared drive: locks, changes on disk, autosave and recovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from safety_support import ScriptedSafety, make_window, recovery_folder_fixture  # noqa: F401
from window_support import (
    BUILD,
    IGNORE_OFFSCREEN,
    TEST,
    ScriptedPrompts,
    recorded_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    write_newer_file,
    write_project,
)

from relplan.domain import edits
from relplan.domain.merge import Side
from relplan.domain.model import WorkItem
from relplan.storage import load_project
from relplan.storage.lock import FileStamp, lock_path, read_lock
from relplan.storage.recovery import Autosave, find_recoverable
from relplan.ui.dialogs.file_safety_prompts import BaseChoice, DiskChoice, LockChoice, RecoverChoice
from relplan.ui.document import Document

pytestmark = IGNORE_OFFSCREEN


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """Small project on the team's shared drive."""
    folder = tmp_path / "shared"
    folder.mkdir()
    return write_project(folder / "plan.relplan")


@pytest.fixture
def ann(qtbot, settings, recovery_folder):
    return make_window(qtbot, settings, recovery_folder)


@pytest.fixture
def bob(qtbot, settings, tmp_path):
    return make_window(qtbot, settings, tmp_path / "bob-recovery")


def rename(document: Document, item_id: str, name: str) -> None:
    assert document.push(edits.update_item(document.project, item_id, name=name))


# --- the lock ------------------------------------------------------------------------------


def test_opening_locks_the_file_and_closing_unlocks_it(ann, plan_file):
    window, _, safety = ann
    assert window.files.open_path(plan_file)
    holder = read_lock(plan_file)
    assert holder is not None and holder.pid == os.getpid()
    assert safety.locked_asked == []
    assert window.files.close_project()
    assert not lock_path(plan_file).exists()


def test_a_second_planner_is_told_who_has_it_and_may_open_it_read_only(
    ann, bob, plan_file, recorded
):
    ann[0].files.open_path(plan_file)
    window, prompts, safety = bob
    safety.lock_answer = LockChoice.READ_ONLY
    assert window.files.open_path(plan_file)
    ((name, holder, stale),) = safety.locked_asked
    assert (name, stale) == ("plan.relplan", False)
    assert holder.token == ann[0].files.safety.tracked.lock.owner.token
    doc = window.document
    assert doc.read_only and doc.path == plan_file
    assert "(read-only)" in window.windowTitle()
    assert window.banner.isVisible()
    assert "has it open" in window.banner.text.text()
    assert ("info", "Opened plan.relplan read-only.") in recorded
    assert not doc.push(edits.update_item(doc.project, BUILD, name="Mine"))
    assert "because" in prompts.shown[-1][1] and "has it open" in prompts.shown[-1][1]
    # Bob closing his read-only view leaves Ann's lock alone.
    assert window.files.close_project()
    assert read_lock(plan_file).token == ann[0].files.safety.tracked.lock.owner.token


def test_a_second_planner_may_open_a_copy_or_cancel(ann, bob, plan_file):
    ann[0].files.open_path(plan_file)
    window, _, safety = bob
    safety.lock_answer = LockChoice.CANCEL
    assert not window.files.open_path(plan_file)
    assert window.document is None
    safety.lock_answer = LockChoice.COPY
    assert window.files.open_path(plan_file)
    copy = window.document
    assert copy.path is None and not copy.read_only
    assert copy.project == ann[0].document.project
    rename(copy, BUILD, "Bob's idea")  # a copy is editable


def test_a_stale_lock_may_be_taken_over_and_its_owner_is_warned(ann, bob, plan_file, recorded):
    ann_window = ann[0]
    ann_window.files.open_path(plan_file)
    data = json.loads(lock_path(plan_file).read_text(encoding="utf-8"))
    data["time"] = "2020-01-01T08:00:00+00:00"  # Ann's laptop slept all night
    lock_path(plan_file).write_text(json.dumps(data), encoding="utf-8")
    window, _, safety = bob
    safety.lock_answer = LockChoice.TAKE_OVER
    assert window.files.open_path(plan_file)
    assert safety.locked_asked[0][2] is True  # offered because stale
    assert read_lock(plan_file).token == window.files.safety.tracked.lock.owner.token
    ann_window.files.safety.autosave_now()  # Ann's app renews its lock: it is gone
    warnings = [text for level, text in recorded if level == "warning"]
    assert warnings and warnings[-1].startswith("plan.relplan was taken over by ")


def test_a_file_that_does_not_open_gives_its_lock_back(ann, tmp_path):
    junk = tmp_path / "junk.relplan"
    junk.write_bytes(b"\x00 not a project")
    assert not ann[0].files.open_path(junk)
    assert not lock_path(junk).exists()


def test_a_file_from_a_newer_relplan_is_only_looked_at_and_not_locked(ann, tmp_path):
    newer = write_newer_file(tmp_path / "future.relplan")
    assert ann[0].files.open_path(newer)
    assert ann[0].document.read_only
    assert not lock_path(newer).exists()


def test_save_as_onto_a_file_someone_has_open_is_refused(ann, bob, plan_file, tmp_path, recorded):
    ann[0].files.open_path(plan_file)
    window, prompts, _ = bob
    window.files.new_project()
    prompts.save_path = str(plan_file)
    assert not window.files.save_as()
    assert recorded[-1][0] == "error" and "plan.relplan is open by " in recorded[-1][1]
    assert load_project(plan_file).project.name == "Small project"


# --- changed on disk -----------------------------------------------------------------------


def someone_else_saves(path: Path, item_id: str, name: str) -> None:
    """Another relplan (another document instance on the same file) edits and saves."""
    other = Document.open(path)
    rename(other, item_id, name)
    other.save()


def test_a_save_over_a_file_changed_on_disk_merges_both_planners_work(ann, plan_file):
    window, _, safety = ann
    window.files.open_path(plan_file)
    someone_else_saves(plan_file, TEST, "Test API on staging")
    rename(window.document, BUILD, "Build API v2")
    safety.disk_answers = [DiskChoice.MERGE]
    assert window.files.save()
    assert safety.disk_asked == [("plan.relplan", True)]
    (view,) = safety.merges
    assert view.result.conflicts == []
    assert [r.id for r in view.theirs_changes.records] == [TEST]
    saved = load_project(plan_file).project
    assert saved.items[BUILD].name == "Build API v2"
    assert saved.items[TEST].name == "Test API on staging"
    stack = window.document.undo_stack
    assert stack.count() == 2 and stack.text(1) == "Merge changes from plan.relplan"
    assert not window.document.is_dirty
    # The merged file is the new original: saving again asks nothing.
    rename(window.document, BUILD, "Build API v3")
    assert window.files.save() and len(safety.disk_asked) == 1


def test_a_conflict_on_disk_is_settled_by_the_planner_s_choice(ann, plan_file):
    window, _, safety = ann
    window.files.open_path(plan_file)
    someone_else_saves(plan_file, BUILD, "Their name")
    rename(window.document, BUILD, "My name")
    safety.disk_answers = [DiskChoice.MERGE]
    safety.merge_default = Side.THEIRS
    assert window.files.save()
    (conflict,) = safety.merges[0].result.conflicts
    assert conflict.message == (
        "Both changed the name of 'My name': yours 'My name', the file on disk 'Their name' "
        "(was 'Build API')."
    )
    assert load_project(plan_file).project.items[BUILD].name == "Their name"
    window.document.undo_stack.undo()  # the merge is one step: back to my version
    assert window.document.project.items[BUILD].name == "My name"


def test_cancelling_the_merge_or_the_question_saves_nothing(ann, plan_file):
    window, _, safety = ann
    window.files.open_path(plan_file)
    someone_else_saves(plan_file, TEST, "Theirs")
    before = plan_file.read_bytes()
    rename(window.document, BUILD, "Mine")
    safety.disk_answers = [DiskChoice.MERGE, DiskChoice.CANCEL]
    safety.merge_sides = None
    assert not window.files.save()
    assert not window.files.save()
    assert plan_file.read_bytes() == before
    assert window.document.is_dirty and window.document.project.items[BUILD].name == "Mine"


def test_overwrite_replaces_their_version_when_the_planner_says_so(ann, plan_file):
    window, _, safety = ann
    window.files.open_path(plan_file)
    someone_else_saves(plan_file, TEST, "Theirs")
    rename(window.document, BUILD, "Mine")
    safety.disk_answers = [DiskChoice.OVERWRITE]
    assert window.files.save()
    saved = load_project(plan_file).project
    assert (saved.items[BUILD].name, saved.items[TEST].name) == ("Mine", "Test API")


def test_a_file_only_touched_on_disk_saves_without_asking(ann, plan_file):
    window, _, safety = ann
    window.files.open_path(plan_file)
    status = os.stat(plan_file)
    os.utime(plan_file, ns=(status.st_atime_ns, status.st_mtime_ns + 10**10))
    rename(window.document, BUILD, "Mine")
    assert window.files.save()
    assert safety.disk_asked == []


# --- compare with file ---------------------------------------------------------------------


def test_compare_with_a_copy_and_merge_it_in_as_one_undoable_step(ann, plan_file, tmp_path):
    window, _, safety = ann
    window.files.open_path(plan_file)
    copy = tmp_path / "bob-copy.relplan"
    other = Document.open(plan_file)
    rename(other, TEST, "Test API with Bob")
    other.save(copy)
    rename(window.document, BUILD, "Build API (Ann)")
    safety.compare_path = str(copy)
    assert not window.files.safety.compare_with_file()  # compare only
    mine, theirs, diff = safety.compares[0]
    assert (mine, theirs) == ("plan.relplan", "bob-copy.relplan")
    assert {r.id for r in diff.records} == {BUILD, TEST}
    safety.compare_merges = True
    safety.base_answer = BaseChoice.OPENED
    assert window.files.safety.compare_with_file()
    project = window.document.project
    assert (project.items[BUILD].name, project.items[TEST].name) == (
        "Build API (Ann)",
        "Test API with Bob",
    )
    window.document.undo_stack.undo()
    assert window.document.project.items[TEST].name == "Test API"


def test_the_compare_action_is_in_the_file_menu_and_needs_a_project(ann, plan_file):
    window = ann[0]
    assert not window.ui_actions.compare.isEnabled()
    window.files.open_path(plan_file)
    assert window.ui_actions.compare.isEnabled()


# --- autosave and recovery -----------------------------------------------------------------


def test_unsaved_work_is_autosaved_and_dropped_once_saved(ann, plan_file, recovery_folder):
    window, _, _ = ann
    window.files.open_path(plan_file)
    safety = window.files.safety
    assert not safety.autosave_now()  # nothing unsaved
    rename(window.document, BUILD, "Autosaved name")
    assert safety.autosave_now()
    assert not safety.autosave_now()  # nothing new since
    key = safety.tracked.autosave.key
    autosaved = load_project(recovery_folder / f"{key}.relplan").project
    assert autosaved.items[BUILD].name == "Autosaved name"
    assert (recovery_folder / f"{key}.base.relplan").exists()
    assert find_recoverable(recovery_folder) == []  # this session still runs
    assert window.files.save()
    assert list(recovery_folder.iterdir()) == []
    assert safety.timer.isActive() and safety.timer.interval() == 3 * 60_000


def crashed_session(recovery_folder: Path, plan_file: Path) -> None:
    """What a crash leaves: an autosave whose process is gone."""
    project = load_project(plan_file).project
    base = load_project(plan_file).project
    release_id = project.items[BUILD].release_id
    project.add(WorkItem(id="new", release_id=release_id, name="Unsaved task"))
    autosave = Autosave(recovery_folder)
    autosave.write(project, plan_file, FileStamp.of(plan_file), base)
    meta = recovery_folder / f"{autosave.key}.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    data["pid"] = child.pid
    meta.write_text(json.dumps(data), encoding="utf-8")


def test_after_a_crash_the_next_start_offers_the_unsaved_work(ann, plan_file, recovery_folder):
    crashed_session(recovery_folder, plan_file)
    window, _, safety = ann
    safety.recover_answer = RecoverChoice.RECOVER
    assert window.files.safety.offer_recovery()
    doc = window.document
    assert doc.path == plan_file and doc.is_dirty
    assert doc.project.items["new"].name == "Unsaved task"
    assert read_lock(plan_file).pid == os.getpid()
    assert find_recoverable(recovery_folder) == []  # claimed by this session
    # Someone changed the file meanwhile: the recovered work still merges with theirs.
    someone_else_saves(plan_file, TEST, "Changed while I was away")
    safety.disk_answers = [DiskChoice.MERGE]
    assert window.files.save()
    saved = load_project(plan_file).project
    assert saved.items["new"].name == "Unsaved task"
    assert saved.items[TEST].name == "Changed while I was away"
    assert list(recovery_folder.iterdir()) == []


def test_recovery_can_wait_or_be_discarded(ann, plan_file, recovery_folder):
    crashed_session(recovery_folder, plan_file)
    window, _, safety = ann
    safety.recover_answer = RecoverChoice.LATER
    assert not window.files.safety.offer_recovery()
    assert window.document is None and len(find_recoverable(recovery_folder)) == 1
    safety.recover_answer = RecoverChoice.DISCARD
    assert not window.files.safety.offer_recovery()
    assert find_recoverable(recovery_folder) == []
    assert not window.files.safety.offer_recovery()
    assert len(safety.recover_asked) == 2


def test_start_offers_recovery_before_opening_the_file_given(
    qtbot, settings, plan_file, recovery_folder, monkeypatch
):
    from relplan.ui import app
    from relplan.ui.file_safety import FileSafety

    crashed_session(recovery_folder, plan_file)
    answers = ScriptedSafety()
    answers.recover_answer = RecoverChoice.RECOVER
    real_init = FileSafety.__init__

    def scripted(self, window, folder=None):
        real_init(self, window, recovery_folder)
        self.prompts = answers

    monkeypatch.setattr(FileSafety, "__init__", scripted)
    window = app.start([str(plan_file)], settings)
    window.prompts = ScriptedPrompts()  # closing asks about the unsaved work: discard it
    qtbot.addWidget(window)
    assert window.document.is_dirty and "new" in window.document.project.items


# --- a save that dies half-way -------------------------------------------------------------

SAVER = textwrap.dedent(
    """
    import os, signal, sys
    from relplan.samples import synthetic_project
    from relplan.storage import atomic, save_project

    path, mode = sys.argv[1], sys.argv[2]
    project = synthetic_project(int(sys.argv[3]), 1)
    project.name = "Half-saved"
    if mode == "die-before-replace":
        def die(fd):  # the new content is written, the old file not yet replaced
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
        atomic._flush_to_disk = die
        save_project(project, path)
    else:
        print("saving", flush=True)
        while True:
            save_project(project, path)
    """
)


def test_a_save_killed_mid_write_leaves_the_old_file_loadable(plan_file):
    before = plan_file.read_bytes()
    died = subprocess.run(
        [sys.executable, "-c", SAVER, str(plan_file), "die-before-replace", "300"], check=False
    )
    assert died.returncode != 0
    assert plan_file.read_bytes() == before
    assert load_project(plan_file).project.name == "Small project"
    leftovers = [p.name for p in plan_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1  # the half-done save, ignored by everyone


def test_saves_killed_at_random_moments_never_leave_a_damaged_file(plan_file):
    for delay in (0.05, 0.2, 0.45):
        with subprocess.Popen(
            [sys.executable, "-c", SAVER, str(plan_file), "loop", "3000"],
            stdout=subprocess.PIPE,
            text=True,
        ) as saver:
            assert saver.stdout.readline() == "saving\n"
            try:
                saver.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                saver.kill()
        assert load_project(plan_file).project.name in ("Small project", "Half-saved")
