"""Saving and opening ``.relplan`` project files (DESIGN.md §4, docs/file-format.md)."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field

from relplan.domain.model import Project
from relplan.performance import paused_gc
from relplan.storage import jsonfile
from relplan.storage.atomic import AtomicJSONStorage
from relplan.storage.document import decode_document, project_to_dict
from relplan.storage.problems import Problem, ProjectFileError, ProjectSaveError, error


@dataclass(slots=True)
class LoadResult:
    """An opened project with what was wrong with its file (warnings only; errors raise).

    ``read_only``: the file comes from a newer relplan, so saving over it could lose data.
    ``schema_version`` is the file's own version, lower than the current one for a file that
    was upgraded in memory (it is written in the current version on the next save).
    """

    project: Project
    problems: list[Problem] = field(default_factory=list)
    read_only: bool = False
    schema_version: int = 0
    saved_at: str | None = None
    app_version: str | None = None


def save_project(project: Project, path: str | os.PathLike) -> None:
    """Write ``project`` to ``path`` atomically, keeping the previous file as ``path.bak``.

    Raises ProjectSaveError when the file could not be written; the file on disk is then
    the one saved before, untouched.
    """
    storage = AtomicJSONStorage(path)
    try:
        with paused_gc():
            storage.write(project_to_dict(project))
    except OSError as exc:
        reason, hint = _save_failure(exc, path)
        raise ProjectSaveError(path, reason, hint) from exc
    finally:
        storage.close()


def load_project(path: str | os.PathLike) -> LoadResult:
    """Open the project at ``path``; it only reads the file, whatever is wrong with it.

    Raises ProjectFileError listing every problem when the file cannot be opened.
    """
    try:
        raw = jsonfile.read_bytes(path)
    except jsonfile.FileTooBig as exc:
        raise ProjectFileError(path, [jsonfile.too_big(exc.size)]) from None
    except OSError as exc:
        raise ProjectFileError(path, [_read_failure(exc, path)]) from exc
    with paused_gc():
        data, problems = jsonfile.parse(raw)
        if problems:
            raise ProjectFileError(path, problems)
        decoded = decode_document(data, os.fspath(path))
    return LoadResult(
        decoded.project,
        decoded.problems,
        decoded.read_only,
        decoded.schema_version,
        decoded.saved_at,
        decoded.app_version,
    )


def _read_failure(exc: OSError, path: str | os.PathLike) -> Problem:
    if isinstance(exc, jsonfile.NotAFile):
        return error("", "this is not a file but a device or a pipe", "choose a .relplan file")
    if isinstance(exc, FileNotFoundError):
        return error("", "the file does not exist", "check its name and folder; it may have moved")
    if isinstance(exc, IsADirectoryError) or os.path.isdir(path):
        return error("", "this is a folder, not a project file", "choose a .relplan file")
    if isinstance(exc, PermissionError):
        return error("", "you may not read this file", "ask for access, or open a copy of it")
    return error(
        "",
        f"the file cannot be read ({exc.strerror or exc})",
        "try again; on a network drive, check the connection",
    )


_UNCHANGED = "the file on disk is unchanged"


def _save_failure(exc: OSError, path: str | os.PathLike) -> tuple[str, str]:
    """Why a save failed and what to do, in the planner's words."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full", f"free some space or save to another drive; {_UNCHANGED}"
    if code == errno.EROFS:
        return "the drive is read-only", f"save the project somewhere else; {_UNCHANGED}"
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist", f"choose an existing folder; {_UNCHANGED}"
    if isinstance(exc, IsADirectoryError) or os.path.isdir(path):
        return "a folder has that name", "choose another file name"
    if isinstance(exc, PermissionError):
        if getattr(exc, "winerror", None) == 32:
            return (
                "another program is using the file",
                f"close it (or pause file syncing) and save again; {_UNCHANGED}",
            )
        return (
            "you may not write to that file or folder",
            f"save to another folder or ask for write access; {_UNCHANGED}",
        )
    if code == errno.ENAMETOOLONG:
        return "the file name is too long", "choose a shorter name or folder"
    return (
        f"the system reported an error ({exc.strerror or exc})",
        f"try again or save to another folder; {_UNCHANGED}",
    )
