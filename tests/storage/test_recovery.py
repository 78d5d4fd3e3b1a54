"""Autosave and recovery: unsaved work survives a crash and is found at the next start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storage_samples import full_project

from relplan.storage import ProjectSaveError, atomic, load_project, recovery
from relplan.storage.lock import FileStamp
from relplan.storage.recovery import Autosave, default_folder, find_recoverable, write_copy

CRASHING_SESSION = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from storage_samples import full_project
    from relplan.storage.lock import FileStamp
    from relplan.storage.recovery import Autosave

    folder, original = Path(sys.argv[1]), Path(sys.argv[2])
    base = full_project()
    edited = full_project()
    edited.name = "Edited but never saved"
    Autosave(folder).write(edited, original, FileStamp.of(original), base)
    os._exit(3)  # a crash: nothing cleans up
    """
)


def crash_after_autosave(folder: Path, original: Path) -> None:
    script = CRASHING_SESSION.format(tests=str(Path(__file__).parent))
    result = subprocess.run([sys.executable, "-c", script, str(folder), str(original)], check=False)
    assert result.returncode == 3


def test_the_recovery_folder_is_in_the_user_data_folder(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.setenv("RELPLAN_RECOVERY_DIR", str(tmp_path / "portable"))
    assert default_folder() == tmp_path / "portable"
    monkeypatch.delenv("RELPLAN_RECOVERY_DIR")

    assert default_folder() == Path(platformdirs.user_data_dir("relplan", appauthor=False)) / (
        "recovery"
    )


def test_after_a_crash_the_autosave_is_found_with_where_it_came_from(tmp_path, saved):
    folder = tmp_path / "recovery"
    crash_after_autosave(folder, saved)
    (entry,) = find_recoverable(folder)
    assert entry.original == saved
    assert entry.name == "Edited but never saved"
    assert entry.stamp == FileStamp.of(saved)
    assert entry.describe().startswith("Edited but never saved (plan.relplan), autosaved ")
    assert entry.load().project.name == "Edited but never saved"
    assert entry.load_base() == full_project()
    entry.discard()
    assert find_recoverable(folder) == []
    assert os.listdir(folder) == []


def test_a_running_session_s_autosave_is_not_offered(tmp_path):
    folder = tmp_path / "recovery"
    autosave = Autosave(folder)
    autosave.write(full_project(), None)
    assert find_recoverable(folder) == []  # this process still runs
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{autosave.key}.json",
        f"{autosave.key}.relplan",
    ]
    meta = json.loads((folder / f"{autosave.key}.json").read_text(encoding="utf-8"))
    assert meta["original"] is None and meta["pid"] == os.getpid()
    autosave.clear()
    assert list(folder.iterdir()) == []


def test_the_base_is_written_once_per_open_or_save(tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    written = []
    real = recovery.write_copy
    monkeypatch.setattr(
        recovery, "write_copy", lambda p, path: (written.append(Path(path).name), real(p, path))
    )
    autosave = Autosave(folder)
    base, project = full_project(), full_project()
    autosave.write(project, None, None, base)
    autosave.write(project, None, None, base)
    autosave.write(project, None, None, full_project())  # saved again: a new base
    key = autosave.key
    project_file, base_file = f"{key}.relplan", f"{key}.base.relplan"
    assert written == [project_file, base_file, project_file, project_file, base_file]


def test_a_failed_autosave_leaves_the_previous_one_whole(tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    autosave = Autosave(folder)
    first = full_project()
    first.name = "First autosave"
    autosave.write(first, None)

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "replace", fail)
    second = full_project()
    second.name = "Second autosave"
    with pytest.raises(ProjectSaveError, match="No space left on device"):
        autosave.write(second, None)
    assert load_project(folder / f"{autosave.key}.relplan").project.name == "First autosave"
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".relplan"]  # no temp files


def test_foreign_and_damaged_files_in_the_folder_are_left_alone(tmp_path, saved):
    folder = tmp_path / "recovery"
    crash_after_autosave(folder, saved)
    (folder / "notes.json").write_text('{"format": "something else"}', encoding="utf-8")
    (folder / "broken.json").write_bytes(b"{not json")
    (folder / "orphan.json").write_text(
        json.dumps({"format": "relplan-autosave", "saved_at": "2027-01-01T00:00:00"}),
        encoding="utf-8",
    )  # its project file is missing
    assert len(find_recoverable(folder)) == 1
    assert (folder / "broken.json").exists()
    assert find_recoverable(tmp_path / "no such folder") == []


def test_write_copy_keeps_no_backup(tmp_path):
    path = tmp_path / "merged.relplan"
    write_copy(full_project(), path)
    write_copy(full_project(), path)
    assert os.listdir(tmp_path) == ["merged.relplan"]
    with pytest.raises(ProjectSaveError, match="cannot be written"):
        write_copy(full_project(), tmp_path / "missing" / "x.relplan")
