"""A planner saves: the file is replaced in one step, the previous version is kept as .bak, and
a save that fails (a full disk, a locked file) leaves the saved file exactly as it was."""

from __future__ import annotations

import errno
import os
import stat
import sys

import pytest
from storage_samples import full_project

from relplan.storage import ProjectSaveError, atomic, backup_path, load_project, save_project


def renamed(project, name):
    project.name = name
    return project


def files_in(folder) -> list[str]:
    return sorted(os.listdir(folder))


def test_the_first_save_makes_no_backup(tmp_path):
    save_project(full_project(), tmp_path / "plan.relplan")

    assert files_in(tmp_path) == ["plan.relplan"]


def test_saving_again_keeps_the_previous_version_as_bak(saved, project):
    first = saved.read_bytes()

    save_project(renamed(project, "Second"), saved)

    assert files_in(saved.parent) == ["plan.relplan", "plan.relplan.bak"]
    with open(backup_path(saved), "rb") as backup:
        assert backup.read() == first
    assert load_project(saved).project.name == "Second"
    assert load_project(backup_path(saved)).project.name == "Payments 2026"


def test_the_backup_is_the_version_before_the_last_save(saved, project):
    save_project(renamed(project, "Second"), saved)
    save_project(renamed(project, "Third"), saved)

    assert load_project(backup_path(saved)).project.name == "Second"


class FullDisk:
    """``open`` for the save that writes part of the data, then fails as a full disk does."""

    def __init__(self, error=errno.ENOSPC):
        self.error = error
        self.opened = []

    def __call__(self, path, mode="r", *args, **kwargs):
        handle = open(path, mode, *args, **kwargs)  # noqa: SIM115 - closed by the wrapper
        self.opened.append(path)
        error = self.error

        class Handle:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                handle.write(data[: len(data) // 2])
                raise OSError(error, os.strerror(error))

            def __getattr__(self, name):
                return getattr(handle, name)

        return Handle()


def test_a_full_disk_leaves_the_saved_file_and_its_backup_untouched(saved, project, monkeypatch):
    save_project(renamed(project, "Second"), saved)  # now there is a .bak too
    before = {name: (saved.parent / name).read_bytes() for name in files_in(saved.parent)}
    full_disk = FullDisk()
    monkeypatch.setattr(atomic, "open", full_disk, raising=False)

    with pytest.raises(ProjectSaveError) as caught:
        save_project(renamed(project, "Third"), saved)

    assert str(caught.value) == (
        "Could not save 'plan.relplan': the disk is full; free some space or save to another "
        "drive; the file on disk is unchanged."
    )
    assert caught.value.__cause__.errno == errno.ENOSPC
    assert full_disk.opened  # the write really was attempted (a temporary file)...
    after = {name: (saved.parent / name).read_bytes() for name in files_in(saved.parent)}
    assert after == before  # ...and is gone; the project and its backup are as they were
    assert load_project(saved).project.name == "Second"


def test_a_failed_first_save_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "open", FullDisk(errno.EIO), raising=False)

    with pytest.raises(ProjectSaveError, match="the system reported an error"):
        save_project(full_project(), tmp_path / "plan.relplan")
    assert files_in(tmp_path) == []


def test_a_failed_flush_to_disk_also_leaves_the_old_file(saved, project, monkeypatch):
    before = saved.read_bytes()

    def failing_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)

    with pytest.raises(ProjectSaveError):
        save_project(renamed(project, "Second"), saved)
    assert saved.read_bytes() == before
    assert files_in(saved.parent) == ["plan.relplan"]


def test_the_file_and_its_folder_are_flushed_to_disk(tmp_path, monkeypatch):
    flushed = []
    real_fsync = os.fsync

    def spy(fd):
        flushed.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", spy)

    save_project(full_project(), tmp_path / "plan.relplan")

    if sys.platform != "darwin":  # macOS flushes the file with F_FULLFSYNC instead
        assert flushed[0] == "file"
    if os.name == "posix":  # Windows cannot open a folder to flush it
        assert flushed[-1] == "folder"


def test_a_file_held_open_by_another_program_is_retried_before_giving_up(
    saved, project, monkeypatch
):
    monkeypatch.setattr(atomic, "REPLACE_ATTEMPTS", 4)
    monkeypatch.setattr(atomic, "_RETRY_DELAY", 0)
    real_replace = os.replace
    calls = []

    def busy_twice(source, target):
        calls.append(target)
        if len([t for t in calls if t == target]) <= 2:
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 32
            raise error
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", busy_twice)

    save_project(renamed(project, "Second"), saved)

    assert load_project(saved).project.name == "Second"
    assert files_in(saved.parent) == ["plan.relplan", "plan.relplan.bak"]


def test_a_file_that_stays_locked_is_reported_with_what_to_do(saved, project, monkeypatch):
    before = saved.read_bytes()
    monkeypatch.setattr(atomic, "REPLACE_ATTEMPTS", 3)
    monkeypatch.setattr(atomic, "_RETRY_DELAY", 0)

    def always_busy(source, target):
        error = PermissionError(errno.EACCES, "The process cannot access the file")
        error.winerror = 32
        raise error

    monkeypatch.setattr(atomic.os, "replace", always_busy)

    with pytest.raises(ProjectSaveError) as caught:
        save_project(renamed(project, "Second"), saved)
    assert "another program is using the file" in str(caught.value)
    assert saved.read_bytes() == before
    assert files_in(saved.parent) == ["plan.relplan"]


def test_a_folder_that_does_not_exist_is_reported(tmp_path):
    with pytest.raises(ProjectSaveError, match="the folder does not exist"):
        save_project(full_project(), tmp_path / "missing" / "plan.relplan")


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that apply"
)
def test_a_read_only_folder_is_reported(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ProjectSaveError, match="you may not write to that file or folder"):
            save_project(full_project(), folder / "plan.relplan")
    finally:
        folder.chmod(0o755)


def test_a_folder_without_write_access_is_reported(tmp_path, monkeypatch):
    def denied(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(atomic, "open", denied, raising=False)

    with pytest.raises(ProjectSaveError) as caught:
        save_project(full_project(), tmp_path / "plan.relplan")
    assert str(caught.value) == (
        "Could not save 'plan.relplan': you may not write to that file or folder; save to "
        "another folder or ask for write access; the file on disk is unchanged."
    )


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_saving_keeps_the_permissions_colleagues_had_on_the_file(saved, project):
    saved.chmod(0o664)

    save_project(renamed(project, "Second"), saved)

    assert stat.S_IMODE(saved.stat().st_mode) == 0o664


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path):
    umask = os.umask(0o022)
    try:
        save_project(full_project(), tmp_path / "plan.relplan")
    finally:
        os.umask(umask)

    assert stat.S_IMODE((tmp_path / "plan.relplan").stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_saving_through_a_link_updates_the_linked_file(saved, project, tmp_path):
    link = tmp_path / "current.relplan"
    link.symlink_to(saved)

    save_project(renamed(project, "Via link"), link)

    assert link.is_symlink()
    assert load_project(saved).project.name == "Via link"
