"""Crash-safe file replacement, and a TinyDB storage built on it.

TinyDB's ``JSONStorage`` rewrites the file in place, so a crash or a full disk mid-save
leaves a damaged project. Here the new content goes to a temporary file in the same folder,
is flushed to the disk, and then takes the old file's place in one ``os.replace``: at every
moment the project file is either the old version or the new one. The old version is kept
as ``NAME.bak`` next to it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import sys
import time
from typing import Any

from tinydb.storages import Storage

from relplan.storage import jsonfile
from relplan.storage.problems import ProjectFileError, error

# Windows refuses to replace a file that another program (a virus scanner, a sync client,
# the search indexer) holds open for a moment; trying again shortly after usually works.
REPLACE_ATTEMPTS = 6 if sys.platform == "win32" else 1
_RETRY_DELAY = 0.05  # seconds, doubled after each failed attempt


def backup_path(path: str | os.PathLike) -> str:
    """Where the previous version of ``path`` is kept: ``NAME.relplan.bak``."""
    return os.fspath(path) + ".bak"


def atomic_write(path: str | os.PathLike, payload: bytes, keep_backup: bool = True) -> None:
    """Replace the file at ``path`` with ``payload`` so that a failure leaves the old file.

    Raises OSError when the new content could not be written; the old file is then
    untouched and no temporary file is left behind.
    """
    # Saving through a symbolic link updates the file it points to and keeps the link.
    target = os.path.realpath(os.fspath(path))
    folder = os.path.dirname(target)
    temporary = _temporary_name(target)
    try:
        with open(temporary, "xb") as handle:
            handle.write(payload)
            handle.flush()
            _flush_to_disk(handle.fileno())
        old_mode = _mode_of(target)
        if old_mode is not None:
            if os.name == "posix":  # keep the old file's permissions (shared folders)
                os.chmod(temporary, old_mode)
            if keep_backup:
                _keep_backup(target)
        replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
    _sync_folder(folder)


def replace(source: str, target: str) -> None:
    """``os.replace``, tried again a few times on Windows when another program holds the file."""
    delay = _RETRY_DELAY
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(delay)
            delay *= 2


def _temporary_name(target: str) -> str:
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name[:100]}.{secrets.token_hex(4)}.tmp")


def _mode_of(path: str) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _keep_backup(target: str) -> None:
    """Make the file now at ``target`` the backup copy; best effort, never fails the save.

    A hard link costs no copying; where links are not supported (some network shares and
    FAT drives) the file is copied instead.
    """
    staging = _temporary_name(target)
    try:
        try:
            os.link(target, staging)
        except OSError:
            shutil.copyfile(target, staging)
        replace(staging, backup_path(target))
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(staging)


def _flush_to_disk(fd: int) -> None:
    # On macOS fsync only reaches the drive's cache; F_FULLFSYNC reaches the platter.
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable; Windows cannot open folders (and journals renames)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems do not sync folders; the data itself is on disk
    finally:
        os.close(fd)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads strictly and writes the whole document atomically.

    ``TinyDB(path, storage=AtomicJSONStorage)`` works, but each TinyDB insert rewrites the
    file; :func:`relplan.storage.save_project` writes a whole project in one go instead.
    """

    def __init__(self, path: str | os.PathLike, **_options: Any) -> None:
        super().__init__()
        self.path = os.fspath(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The document, or None for a missing or empty file (TinyDB starts empty then).

        Raises :class:`~relplan.storage.problems.ProjectFileError` for an unreadable file.
        """
        try:
            raw = jsonfile.read_bytes(self.path)
        except FileNotFoundError:
            return None
        except jsonfile.FileTooBig as exc:
            raise ProjectFileError(self.path, [jsonfile.too_big(exc.size)]) from None
        if not raw or raw.isspace():
            return None
        data, problems = jsonfile.parse(raw)
        if problems:
            raise ProjectFileError(self.path, problems)
        if not isinstance(data, dict):
            raise ProjectFileError(
                self.path,
                [error("", "the file holds JSON but no tables", "check that it is a TinyDB file")],
            )
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, jsonfile.dumps(data))
