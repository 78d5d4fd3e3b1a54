"""Autosave and recovery: unsaved work kept in a recovery folder until it is saved or dropped.

While a project has unsaved changes, the app writes it every few minutes to the user's
recovery folder (``platformdirs``' data folder, ``recovery/``) as three files per open
project, all written atomically by the project storage:

- ``KEY.relplan``: the project with its unsaved changes;
- ``KEY.base.relplan``: the project as last opened or saved (so a recovered project can
  still be merged with a file that others changed meanwhile);
- ``KEY.json``: where the project came from, when, and which process wrote it.

Saving or discarding the changes removes the files; a crash leaves them, and the next start
finds them (:func:`find_recoverable`): entries whose process is gone. The project's own
file is never touched by autosave.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from relplan.domain.model import Project
from relplan.storage import jsonfile
from relplan.storage.atomic import atomic_write
from relplan.storage.document import project_to_dict
from relplan.storage.lock import FileStamp, current_owner, pid_alive, this_host
from relplan.storage.problems import ProjectSaveError
from relplan.storage.project_file import LoadResult, load_project

META_FORMAT = "relplan-autosave"


FOLDER_VARIABLE = "RELPLAN_RECOVERY_DIR"


def default_folder() -> Path:
    """The user's recovery folder, e.g. ~/.local/share/relplan/recovery on Linux.

    ``RELPLAN_RECOVERY_DIR`` puts it elsewhere (a portable install; the tests).
    """
    chosen = os.environ.get(FOLDER_VARIABLE)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_data_dir("relplan", appauthor=False)) / "recovery"


def write_copy(project: Project, path: str | os.PathLike) -> None:
    """Write ``project`` to ``path`` atomically without keeping a ``.bak`` beside it.

    For files that are copies by nature (autosaves, a merge result written where Git
    expects it). Raises ProjectSaveError when the file could not be written.
    """
    try:
        atomic_write(path, jsonfile.dumps(project_to_dict(project)), keep_backup=False)
    except OSError as exc:
        raise ProjectSaveError(
            path,
            f"the file cannot be written ({exc.strerror or exc})",
            "check the folder and the free space, then try again",
        ) from exc


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """One autosaved project found in the recovery folder."""

    folder: Path
    key: str
    original: Path | None  # the project file it was opened from (None: never saved)
    name: str
    saved_at: datetime
    user: str
    host: str
    pid: int
    stamp: FileStamp | None  # the original file as it was opened or last saved

    @property
    def project_path(self) -> Path:
        return self.folder / f"{self.key}.relplan"

    @property
    def base_path(self) -> Path:
        return self.folder / f"{self.key}.base.relplan"

    @property
    def meta_path(self) -> Path:
        return self.folder / f"{self.key}.json"

    def load(self) -> LoadResult:
        """The autosaved project; raises ProjectFileError when it cannot be read."""
        return load_project(self.project_path)

    def load_base(self) -> Project | None:
        """The project as it was opened or last saved, when that was kept (else None)."""
        try:
            return load_project(self.base_path).project
        except Exception:  # any unreadable base only means: no merge, compare instead
            return None

    def discard(self) -> None:
        """Delete the autosave's files; never raises."""
        for path in (self.project_path, self.base_path, self.meta_path):
            with contextlib.suppress(OSError):
                os.remove(path)

    def describe(self) -> str:
        """'Payments 4.2 (payments.relplan), autosaved 26 Nov 2026 10:42'."""
        where = f" ({self.original.name})" if self.original is not None else " (never saved)"
        when = self.saved_at.astimezone().strftime("%d %b %Y %H:%M")
        return f"{self.name}{where}, autosaved {when}"


class Autosave:
    """The autosave of one open project: writes it, and removes it once it is not needed."""

    def __init__(self, folder: Path, key: str | None = None) -> None:
        self.folder = folder
        self.key = key or f"autosave-{secrets.token_hex(8)}"
        self._base_written: object | None = None

    @property
    def entry_paths(self) -> tuple[Path, Path, Path]:
        return (
            self.folder / f"{self.key}.relplan",
            self.folder / f"{self.key}.base.relplan",
            self.folder / f"{self.key}.json",
        )

    def write(
        self,
        project: Project,
        original: Path | None,
        stamp: FileStamp | None = None,
        base: Project | None = None,
    ) -> None:
        """Write ``project`` (and ``base`` once per base); raises ProjectSaveError on failure.

        The description goes last, so a crash mid-autosave leaves the previous autosave
        whole or an entry without description, which is not offered.
        """
        project_path, base_path, meta_path = self.entry_paths
        self.folder.mkdir(parents=True, exist_ok=True)
        write_copy(project, project_path)
        if base is not None and base is not self._base_written:
            write_copy(base, base_path)
            self._base_written = base
        owner = current_owner()
        meta = {
            "format": META_FORMAT,
            "original": str(original) if original is not None else None,
            "name": project.name,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "user": owner.user,
            "host": owner.host,
            "pid": owner.pid,
            "stamp": stamp.to_json() if stamp is not None else None,
        }
        payload = (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        try:
            atomic_write(meta_path, payload, keep_backup=False)
        except OSError as exc:
            raise ProjectSaveError(meta_path, exc.strerror or str(exc), "check the folder") from exc

    def clear(self) -> None:
        """Remove this autosave (the work was saved or deliberately dropped); never raises."""
        self._base_written = None
        for path in self.entry_paths:
            with contextlib.suppress(OSError):
                os.remove(path)


def adopt(entry: RecoveryEntry) -> Autosave:
    """Carry on autosaving a recovered project into its entry, so a second crash loses nothing."""
    return Autosave(entry.folder, entry.key)


def find_recoverable(folder: Path | None = None) -> list[RecoveryEntry]:
    """Autosaves left by sessions that ended without saving or discarding; newest first.

    Autosaves of a relplan still running on this computer are not listed.
    """
    folder = folder if folder is not None else default_folder()
    try:
        metas = sorted(folder.glob("*.json"))
    except OSError:
        return []
    found = []
    host = this_host()
    for meta_path in metas:
        entry = _read_entry(folder, meta_path)
        if entry is None or not entry.project_path.is_file():
            continue
        if entry.host == host and (entry.pid == os.getpid() or pid_alive(entry.pid)):
            continue
        found.append(entry)
    found.sort(key=lambda e: e.saved_at, reverse=True)
    return found


def _read_entry(folder: Path, meta_path: Path) -> RecoveryEntry | None:
    try:
        data = json.loads(meta_path.read_bytes().decode("utf-8"))
        if data.get("format") != META_FORMAT:
            return None
        saved_at = datetime.fromisoformat(data["saved_at"])
        original = data.get("original")
        return RecoveryEntry(
            folder=folder,
            key=meta_path.stem,
            original=Path(original) if original else None,
            name=str(data.get("name") or "Untitled project"),
            saved_at=saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC),
            user=str(data.get("user", "")),
            host=str(data.get("host", "")),
            pid=int(data.get("pid", 0)),
            stamp=FileStamp.from_json(data.get("stamp")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # not ours or damaged: leave it alone
