"""Shared drives: a lock file tells a colleague who has the project open; stale locks go."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from relplan.storage import lock
from relplan.storage.lock import (
    FileStamp,
    LockOwner,
    LockStatus,
    acquire,
    changed_on_disk,
    is_stale,
    lock_path,
    read_lock,
)


def write_lock(path, **fields) -> None:
    data = {
        "format": "relplan-lock",
        "user": "ann",
        "host": "ANN-LAPTOP",
        "pid": 4242,
        "time": datetime.now(UTC).isoformat(),
        "token": "t-ann",
    }
    data.update(fields)
    lock_path(path).write_text(json.dumps(data), encoding="utf-8")


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_opening_writes_a_lock_with_user_host_pid_and_time_and_closing_removes_it(saved):
    attempt = acquire(saved)
    assert attempt.status is LockStatus.ACQUIRED
    assert lock_path(saved).name == "plan.relplan.lock"
    data = json.loads(lock_path(saved).read_text(encoding="utf-8"))
    assert data["user"] == lock.this_user() and data["host"] == lock.this_host()
    assert data["pid"] == os.getpid()
    assert abs(datetime.fromisoformat(data["time"]) - datetime.now(UTC)) < timedelta(minutes=1)
    attempt.lock.release()
    assert not lock_path(saved).exists()


def test_a_second_opener_is_told_who_has_the_file(saved):
    first = acquire(saved)
    second = acquire(saved)
    assert second.status is LockStatus.HELD and not second.stale
    assert second.holder.token == first.lock.owner.token
    now = datetime.now().astimezone()
    assert second.holder.describe(now).startswith(f"{lock.this_user()} on {lock.this_host()} since")
    first.lock.release()
    assert acquire(saved).status is LockStatus.ACQUIRED


def test_a_lock_of_a_process_that_is_gone_from_this_computer_is_stale(saved):
    write_lock(saved, user="someone else", host=lock.this_host(), pid=dead_pid())
    attempt = acquire(saved)
    assert attempt.status is LockStatus.HELD and attempt.stale
    assert attempt.holder.user == "someone else"


def test_my_own_crashed_session_s_lock_is_taken_over_without_asking(saved):
    write_lock(saved, user=lock.this_user(), host=lock.this_host(), pid=dead_pid())
    attempt = acquire(saved)
    assert attempt.status is LockStatus.ACQUIRED
    assert read_lock(saved).pid == os.getpid()


def test_a_lock_from_another_computer_goes_stale_only_when_not_refreshed(saved):
    write_lock(saved, time=(datetime.now(UTC) - timedelta(minutes=10)).isoformat())
    assert not acquire(saved).stale
    write_lock(saved, time=(datetime.now(UTC) - timedelta(hours=2)).isoformat())
    assert acquire(saved).stale
    holder = read_lock(saved)
    assert holder.describe(datetime.now().astimezone()).startswith("ann on ANN-LAPTOP since ")


def test_taking_over_a_stale_lock_tells_the_old_owner(saved):
    old = acquire(saved).lock
    new = acquire(saved, take_over=True)
    assert new.status is LockStatus.ACQUIRED
    assert not old.still_ours() and not old.refresh()
    old.release()  # must not remove the new owner's lock
    assert read_lock(saved).token == new.lock.owner.token
    assert new.lock.refresh()


def test_refreshing_renews_the_time(saved):
    held = acquire(saved).lock
    write_lock(saved, **{**held.owner.to_json(), "time": "2020-01-01T00:00:00+00:00"})
    assert held.refresh()
    assert datetime.now(UTC) - read_lock(saved).time < timedelta(minutes=1)
    assert not is_stale(read_lock(saved))


def test_a_damaged_lock_file_is_stale_and_named_as_damaged(saved):
    lock_path(saved).write_bytes(b"\x00garbage")
    attempt = acquire(saved)
    assert attempt.status is LockStatus.HELD and attempt.stale
    assert attempt.holder.describe() == "someone (the lock file is damaged)"
    assert acquire(saved, take_over=True).status is LockStatus.ACQUIRED


def test_a_read_only_folder_never_stops_opening(saved, monkeypatch):
    def refuse(*_args):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock, "_write_new", refuse)
    monkeypatch.setattr(lock, "_write_replacing", refuse)
    attempt = acquire(saved)
    assert attempt.status is LockStatus.UNAVAILABLE
    assert attempt.reason == "Read-only file system"
    assert acquire(saved, take_over=True).status is LockStatus.UNAVAILABLE
    held = lock.FileLock(saved, lock.current_owner())
    assert held.refresh()  # nothing to renew, nothing raised
    held.release()


def test_a_missing_folder_gives_no_lock_and_no_error(tmp_path):
    assert acquire(tmp_path / "gone" / "plan.relplan").status is LockStatus.UNAVAILABLE


def test_lock_owner_json_round_trip(saved):
    owner = LockOwner("bo", "HOST", 7, datetime(2027, 3, 1, 9, 30, tzinfo=UTC), "tok")
    lock_path(saved).write_text(json.dumps(owner.to_json()), encoding="utf-8")
    assert read_lock(saved) == owner


# --- changed on disk -----------------------------------------------------------------------


def test_a_file_rewritten_by_someone_else_counts_as_changed(saved):
    stamp = FileStamp.of(saved)
    assert not changed_on_disk(saved, stamp)
    status = os.stat(saved)
    os.utime(saved, ns=(status.st_atime_ns, status.st_mtime_ns + 5_000_000_000))
    assert not changed_on_disk(saved, stamp)  # touched, same bytes
    saved.write_bytes(saved.read_bytes().replace(b"Payments 2026", b"Payments 2027"))
    assert changed_on_disk(saved, stamp)
    saved.unlink()
    assert not changed_on_disk(saved, stamp)  # gone: saving puts it back
    assert FileStamp.of(saved) is None
    assert FileStamp.from_json(stamp.to_json()) == stamp
    assert FileStamp.from_json({"size": "x"}) is None
