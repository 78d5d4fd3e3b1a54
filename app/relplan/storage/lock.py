"""Shared-drive safety: a lock file beside an open project, and what the file was when opened.

Opening ``plan.relplan`` writes ``plan.relplan.lock`` (JSON: user, host, pid, time) so a
colleague opening the same file is told who has it. A lock is *stale* when its owner
cannot be running any more: same host and the process is gone, or it was not refreshed for
:data:`STALE_AFTER` (the app refreshes it every few minutes while the file is open). Lock
files are advisory and best effort: a read-only folder never stops a project from opening.

:class:`FileStamp` remembers the file as it was opened or saved, so that a save can tell
that someone else has written the file since.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from relplan import __version__
from relplan.storage.atomic import replace

LOCK_SUFFIX = ".lock"
LOCK_FORMAT = "relplan-lock"
STALE_AFTER = timedelta(hours=1)
_MAX_LOCK_BYTES = 64 * 1024


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of the project at ``path``: ``NAME.relplan.lock`` beside it."""
    return Path(os.fspath(path) + LOCK_SUFFIX)


@dataclass(frozen=True, slots=True)
class LockOwner:
    """Who holds a lock. ``token`` tells apart two windows of one process on one file."""

    user: str
    host: str
    pid: int
    time: datetime  # when the lock was taken or last refreshed (aware)
    token: str = ""
    damaged: bool = False  # the lock file could not be read; its owner is unknown

    def describe(self, now: datetime | None = None) -> str:
        """'ann on LAPTOP-7 since 10:42' (with the date when it is not today)."""
        if self.damaged:
            return "someone (the lock file is damaged)"
        local = self.time.astimezone()
        today = (now or datetime.now().astimezone()).date()
        when = (
            local.strftime("%H:%M") if local.date() == today else local.strftime("%d %b %Y %H:%M")
        )
        return f"{self.user} on {self.host} since {when}"

    def to_json(self) -> dict:
        return {
            "format": LOCK_FORMAT,
            "user": self.user,
            "host": self.host,
            "pid": self.pid,
            "time": self.time.isoformat(timespec="seconds"),
            "token": self.token,
            "app_version": __version__,
        }


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, a container): still lock
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown user"


def this_host() -> str:
    return socket.gethostname() or "unknown computer"


def current_owner(token: str | None = None) -> LockOwner:
    """This process as a lock owner, with a fresh token unless one is given."""
    return LockOwner(
        this_user(), this_host(), os.getpid(), datetime.now(UTC), token or secrets.token_hex(8)
    )


def read_lock(path: str | os.PathLike) -> LockOwner | None:
    """Who holds the lock of the project at ``path``; None when nobody does."""
    lock = lock_path(path)
    try:
        with open(lock, "rb") as handle:
            raw = handle.read(_MAX_LOCK_BYTES)
        mtime = os.stat(lock).st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        return _damaged(None)
    try:
        data = json.loads(raw.decode("utf-8"))
        time = datetime.fromisoformat(data["time"])
        if time.tzinfo is None:
            time = time.replace(tzinfo=UTC)
        return LockOwner(
            str(data["user"]), str(data["host"]), int(data["pid"]), time, str(data.get("token", ""))
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return _damaged(mtime)


def _damaged(mtime: float | None) -> LockOwner:
    when = datetime.fromtimestamp(mtime, UTC) if mtime is not None else datetime.now(UTC)
    return LockOwner("", "", 0, when, damaged=True)


def is_stale(
    owner: LockOwner, now: datetime | None = None, max_age: timedelta = STALE_AFTER
) -> bool:
    """True when the lock's owner cannot still be running: gone from this host, or silent.

    A damaged lock file counts as stale: nobody can be told whose it is.
    """
    if owner.damaged:
        return True
    if owner.host == this_host() and owner.pid > 0 and not pid_alive(owner.pid):
        return True
    return (now or datetime.now(UTC)) - owner.time > max_age


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (a reused id counts as alive)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class LockStatus(StrEnum):
    ACQUIRED = "acquired"  # the lock is ours
    HELD = "held"  # someone else has the file open (``holder``, ``stale``)
    UNAVAILABLE = "unavailable"  # no lock could be written (read-only folder); open anyway


@dataclass(slots=True)
class LockAttempt:
    status: LockStatus
    lock: FileLock | None = None
    holder: LockOwner | None = None
    stale: bool = False
    reason: str = ""


class FileLock:
    """A lock this process holds on one project file."""

    def __init__(self, path: str | os.PathLike, owner: LockOwner) -> None:
        self.path = Path(path)
        self.owner = owner

    @property
    def file(self) -> Path:
        return lock_path(self.path)

    def holder(self) -> LockOwner | None:
        return read_lock(self.path)

    def still_ours(self) -> bool:
        """False when someone has taken the lock over (or it could not be read)."""
        holder = self.holder()
        return holder is None or holder.token == self.owner.token

    def refresh(self) -> bool:
        """Renew the lock's time so it does not go stale; False if someone else holds it now."""
        if not self.still_ours():
            return False
        self.owner = current_owner(self.owner.token)
        with contextlib.suppress(OSError):
            _write_replacing(self.file, self.owner)
        return True

    def release(self) -> None:
        """Remove the lock file if it is still ours; never raises."""
        with contextlib.suppress(OSError):
            if self.still_ours():
                os.remove(self.file)


def acquire(
    path: str | os.PathLike, take_over: bool = False, token: str | None = None
) -> LockAttempt:
    """Lock the project at ``path`` for this process.

    ``take_over`` replaces someone else's lock (the planner chose to, for a stale one).
    A lock of this user on this computer whose process is gone is taken over without asking:
    it is the planner's own session that crashed.
    """
    owner = current_owner(token)
    target = lock_path(path)
    try:
        if take_over:
            _write_replacing(target, owner)
            return LockAttempt(LockStatus.ACQUIRED, FileLock(path, owner))
        try:
            _write_new(target, owner)
            return LockAttempt(LockStatus.ACQUIRED, FileLock(path, owner))
        except FileExistsError:
            holder = read_lock(path)
            if holder is None:  # released in the meantime
                return acquire(path, take_over=False, token=owner.token)
            stale = is_stale(holder)
            crashed = (
                holder.user == owner.user
                and holder.host == owner.host
                and not holder.damaged
                and not pid_alive(holder.pid)
            )
            if crashed:
                _write_replacing(target, owner)
                return LockAttempt(LockStatus.ACQUIRED, FileLock(path, owner))
            return LockAttempt(LockStatus.HELD, holder=holder, stale=stale)
    except OSError as exc:
        return LockAttempt(LockStatus.UNAVAILABLE, reason=exc.strerror or str(exc))


def _payload(owner: LockOwner) -> bytes:
    return (json.dumps(owner.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _write_new(target: Path, owner: LockOwner) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, _payload(owner))
    finally:
        os.close(fd)


def _write_replacing(target: Path, owner: LockOwner) -> None:
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        temporary.write_bytes(_payload(owner))
        replace(str(temporary), str(target))
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


# --- what the file was ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileStamp:
    """A project file as opened or saved: size, modification time and a hash of its bytes."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: str | os.PathLike) -> FileStamp | None:
        """The stamp of the file now; None when it does not exist or cannot be read."""
        try:
            with open(path, "rb") as handle:
                status = os.fstat(handle.fileno())
                digest = hashlib.sha256()
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return cls(status.st_size, status.st_mtime_ns, digest.hexdigest())

    def to_json(self) -> dict:
        return {"size": self.size, "mtime_ns": self.mtime_ns, "digest": self.digest}

    @classmethod
    def from_json(cls, data: object) -> FileStamp | None:
        try:
            return cls(int(data["size"]), int(data["mtime_ns"]), str(data["digest"]))  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            return None


def changed_on_disk(path: str | os.PathLike, stamp: FileStamp | None) -> bool:
    """Whether the file at ``path`` holds other bytes than when ``stamp`` was taken.

    A file that is gone, or that was only touched, does not count as changed. Size and time
    decide when they match (no reading); otherwise the bytes are compared by hash.
    """
    if stamp is None:
        return False
    try:
        status = os.stat(path)
    except OSError:
        return False
    if (status.st_size, status.st_mtime_ns) == (stamp.size, stamp.mtime_ns):
        return False
    now = FileStamp.of(path)
    return now is not None and now.digest != stamp.digest
