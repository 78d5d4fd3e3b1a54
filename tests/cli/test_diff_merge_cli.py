"""relplan diff and relplan merge, by hand and as a Git merge driver in a real repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from relplan.cli import main
from relplan.domain import edits
from relplan.domain.edits import apply_changes
from relplan.domain.model import Dependency, ItemKind, Project, Release, WorkItem
from relplan.storage import load_project, save_project
from relplan.storage.recovery import write_copy


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def plan() -> Project:
    project = Project("Website relaunch")
    project.add(Release("rel", "Relaunch", start=date(2027, 5, 3)))
    for item_id, name, days in (
        ("design", "Design", 5),
        ("build", "Build", 10),
        ("test", "Test", 4),
    ):
        project.add(WorkItem(item_id, "rel", name, duration=days))
    project.add(WorkItem("live", "rel", "Go-live", kind=ItemKind.MILESTONE, duration=0))
    project.add(Dependency("d1", "design", "build"))
    project.add(Dependency("d2", "build", "test"))
    project.add(Dependency("d3", "test", "live"))
    return project


def edit(path: Path, *changes) -> None:
    """Load, apply edit functions ``change(project) -> ChangeSet``, write back (no .bak)."""
    project = load_project(path).project
    for change in changes:
        apply_changes(project, change(project))
    write_copy(project, path)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    base, ours, theirs = (tmp_path / f"{n}.relplan" for n in ("base", "ours", "theirs"))
    for path in (base, ours, theirs):
        save_project(plan(), path)
    return base, ours, theirs


# --- diff ----------------------------------------------------------------------------------


def test_diff_of_equal_files_says_so_and_exits_0(versions, capsys):
    base, ours, _ = versions
    assert run(capsys, "diff", base, ours) == (
        0,
        "No differences: both files hold the same plan.\n",
        "",
    )


def test_diff_lists_changes_and_moved_dates_and_exits_1(versions, capsys):
    base, ours, _ = versions
    edit(ours, lambda p: edits.set_duration(p, "build", 12))
    code, out, err = run(capsys, "diff", base, ours)
    assert (code, err) == (1, "")
    assert out.splitlines()[:3] == [
        "Work items: 1 changed",
        "  ~ 'Build': duration 10 → 12",
        "Schedule: 3 items move",
    ]


def test_diff_json_names_both_files(versions, capsys):
    base, ours, _ = versions
    edit(ours, lambda p: edits.update_item(p, "test", name="Acceptance test"))
    code, out, _ = run(capsys, "diff", base, ours, "--json")
    report = json.loads(out)
    assert code == 1
    assert (report["old"], report["new"]) == (str(base), str(ours))
    assert report["changes"][0]["renamed"] == {"before": "Test", "after": "Acceptance test"}


def test_diff_of_an_unreadable_file_exits_2_with_one_sentence(versions, tmp_path, capsys):
    base, _, _ = versions
    code, out, err = run(capsys, "diff", base, tmp_path / "missing.relplan")
    assert (code, out) == (2, "")
    assert err.startswith("relplan: Cannot open 'missing.relplan': the file does not exist")
    assert err.count("\n") == 1


# --- merge ---------------------------------------------------------------------------------


def test_merge_of_separate_edits_exits_0_and_keeps_both(versions, tmp_path, capsys):
    base, ours, theirs = versions
    edit(ours, lambda p: edits.update_item(p, "design", name="UX design"))
    edit(theirs, lambda p: edits.set_duration(p, "test", 6))
    out_path = tmp_path / "merged.relplan"
    code, out, err = run(capsys, "merge", base, ours, theirs, "-o", out_path)
    assert (code, err) == (0, "")
    assert out == f"Merged 1 change from {ours} and 1 from {theirs} into {out_path}.\n"
    merged = load_project(out_path).project
    assert merged.items["design"].name == "UX design" and merged.items["test"].duration == 6
    assert not Path(str(out_path) + ".bak").exists()


def test_merge_with_conflicts_lists_them_writes_ours_and_exits_1(versions, tmp_path, capsys):
    base, ours, theirs = versions
    edit(ours, lambda p: edits.set_duration(p, "build", 12))
    edit(
        theirs, lambda p: edits.set_duration(p, "build", 8), lambda p: edits.remove_item(p, "test")
    )
    edit(ours, lambda p: edits.update_item(p, "test", notes="needs a device lab"))
    out_path = tmp_path / "merged.relplan"
    code, out, _ = run(capsys, "merge", base, ours, theirs, "-o", out_path)
    assert code == 1
    assert "2 conflicts; " in out
    assert "  1. Both changed the duration of 'Build': ours 12, theirs 8 (was 10)." in out
    assert "  2. The work item 'Test' was removed in theirs but changed in ours" in out
    merged = load_project(out_path).project
    assert merged.items["build"].duration == 12 and "test" in merged.items

    code, out, _ = run(capsys, "merge", base, ours, theirs, "-o", out_path, "--take", "theirs")
    assert code == 0 and "Settled 2 conflicts by taking theirs:" in out
    merged = load_project(out_path).project
    assert merged.items["build"].duration == 8 and "test" not in merged.items


def test_merge_without_a_common_original_takes_an_empty_base(versions, tmp_path, capsys):
    _, ours, theirs = versions
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    out_path = tmp_path / "merged.relplan"
    code, _, _ = run(capsys, "merge", empty, ours, theirs, "-o", out_path)
    assert code == 0
    assert load_project(out_path).project == plan()


def test_merge_refuses_an_unreadable_input(versions, tmp_path, capsys):
    base, ours, _ = versions
    junk = tmp_path / "junk.relplan"
    junk.write_text("not a project", encoding="utf-8")
    code, out, err = run(capsys, "merge", base, ours, junk, "-o", tmp_path / "m.relplan")
    assert (code, out) == (2, "")
    assert err.startswith("relplan: Cannot open 'junk.relplan'")
    assert not (tmp_path / "m.relplan").exists()


# --- as a Git merge driver -----------------------------------------------------------------


def merge_driver() -> str:
    """The documented driver line, with this environment's relplan."""
    script = Path(sys.executable).with_name("relplan")
    command = f'"{script}"' if script.exists() else f'"{sys.executable}" -m relplan.cli'
    return f"{command} merge %O %A %B -o %A"


@pytest.fixture
def repo(tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "plans"
    folder.mkdir()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Ann",
        "GIT_AUTHOR_EMAIL": "ann@example.com",
        "GIT_COMMITTER_NAME": "Ann",
        "GIT_COMMITTER_EMAIL": "ann@example.com",
    }

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {result.stdout}{result.stderr}")
        return result

    git("init", "-q", "-b", "main")
    (folder / ".gitattributes").write_text("*.relplan merge=relplan\n", encoding="utf-8")
    (folder / ".gitignore").write_text("*.relplan.bak\n*.relplan.lock\n", encoding="utf-8")
    git("config", "merge.relplan.name", "relplan three-way merge")
    git("config", "merge.relplan.driver", merge_driver())
    save_project(plan(), folder / "plan.relplan")
    git("add", ".")
    git("commit", "-q", "-m", "Plan")
    git("checkout", "-q", "-b", "theirs")
    return folder, git


def test_git_merge_with_the_driver_merges_both_planners_edits(repo):
    folder, git = repo
    path = folder / "plan.relplan"
    edit(path, lambda p: edits.set_duration(p, "test", 6))
    git("commit", "-q", "-am", "Longer test")
    git("checkout", "-q", "main")
    edit(path, lambda p: edits.update_item(p, "design", name="UX design"))
    edit(path, lambda p: edits.add_item(p, "rel", "Load test", duration=2, item_id="load"))
    git("commit", "-q", "-am", "UX and load test")

    result = git("merge", "--no-edit", "theirs")
    assert "Merged 2 changes from" in result.stdout + result.stderr
    merged = load_project(path).project
    assert merged.items["test"].duration == 6
    assert merged.items["design"].name == "UX design"
    assert merged.items["load"].name == "Load test"
    assert git("status", "--porcelain").stdout == ""


def test_git_merge_with_a_conflict_stops_and_leaves_a_project_that_opens(repo):
    folder, git = repo
    path = folder / "plan.relplan"
    edit(path, lambda p: edits.set_duration(p, "build", 8))
    git("commit", "-q", "-am", "Shorter build")
    git("checkout", "-q", "main")
    edit(path, lambda p: edits.set_duration(p, "build", 12))
    git("commit", "-q", "-am", "Longer build")

    result = git("merge", "--no-edit", "theirs", check=False)
    assert result.returncode == 1
    assert "Both changed the duration of 'Build': ours 12, theirs 8 (was 10)." in result.stdout
    assert git("status", "--porcelain").stdout == "UU plan.relplan\n"
    assert load_project(path).project.items["build"].duration == 12
    # The three versions stay in the index for choosing per conflict, as docs/merge.md says.
    theirs = folder / "theirs.relplan"
    theirs.write_text(git("show", ":3:plan.relplan").stdout, encoding="utf-8")
    assert load_project(theirs).project.items["build"].duration == 8
