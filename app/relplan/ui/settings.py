"""The app's preferences, kept in QSettings: every key is declared once, with type and default.

Code reads and writes settings only through :class:`Settings` and the :class:`Key` constants
below, so a key's name, type and default live in one place. Tests hand :class:`Settings` a
QSettings of their own (an ini file in a temp folder) so they never touch the user's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "relplan"
APPLICATION = "relplan"
MAX_RECENT_FILES = 10
ZOOM_LEVELS = ("day", "week", "month")


@dataclass(frozen=True)
class Key(Generic[T]):
    """One setting: where it is stored, what type it has and its value when never set."""

    name: str
    type: type
    default: T
    doc: str


WINDOW_GEOMETRY: Key[QByteArray] = Key(
    "window/geometry", QByteArray, QByteArray(), "Main window position and size."
)
WINDOW_STATE: Key[QByteArray] = Key(
    "window/state", QByteArray, QByteArray(), "Docks and toolbars of the main window."
)
RECENT_FILES: Key[list[str]] = Key(
    "files/recent", list, [], "Recently opened project files, most recent first."
)
LAST_FOLDER: Key[str] = Key(
    "files/last_folder", str, "", "Folder the Open and Save As dialogs start in."
)
ZOOM: Key[str] = Key("view/zoom", str, "week", "Timeline zoom: day, week or month.")

KEYS: tuple[Key, ...] = (WINDOW_GEOMETRY, WINDOW_STATE, RECENT_FILES, LAST_FOLDER, ZOOM)


class Settings:
    """Typed access to the stored preferences."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    def get(self, key: Key[T]) -> T:
        """The stored value of ``key``, or its default when unset or unreadable."""
        raw = self.store.value(key.name)
        if raw is None:
            return _copy(key.default)
        try:
            value = _coerce(key.type, raw)
        except (TypeError, ValueError):
            return _copy(key.default)
        if key is ZOOM and value not in ZOOM_LEVELS:
            return _copy(key.default)
        return value

    def set(self, key: Key[T], value: T) -> None:
        if not isinstance(value, key.type):
            raise TypeError(f"setting {key.name} takes {key.type.__name__}, not {value!r}")
        self.store.setValue(key.name, value)

    def sync(self) -> None:
        self.store.sync()

    # --- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        return self.get(RECENT_FILES)

    def add_recent_file(self, path: str | os.PathLike) -> list[str]:
        """Put ``path`` first in the recent files (once), keeping at most MAX_RECENT_FILES."""
        text = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != text]
        recent.insert(0, text)
        del recent[MAX_RECENT_FILES:]
        self.set(RECENT_FILES, recent)
        self.set(LAST_FOLDER, str(Path(text).parent))
        return recent

    def remove_recent_file(self, path: str | os.PathLike) -> None:
        text = str(Path(path).resolve())
        self.set(RECENT_FILES, [p for p in self.recent_files() if p != text])

    def clear_recent_files(self) -> None:
        self.set(RECENT_FILES, [])


def _coerce(kind: type, raw: Any) -> Any:
    """Turn what QSettings hands back (ini files give strings) into ``kind``."""
    if kind is QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes | bytearray):
            return QByteArray(bytes(raw))
        raise TypeError("not bytes")
    if kind is list:
        # An ini file stores a one-element list as a plain string, an empty one as nothing.
        if isinstance(raw, str):
            return [raw] if raw else []
        if isinstance(raw, list | tuple):
            return [str(v) for v in raw]
        raise TypeError("not a list")
    if kind is bool:
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes")
        return bool(raw)
    if kind is int:
        return int(raw)
    if kind is str:
        if not isinstance(raw, str):
            raise TypeError("not text")
        return raw
    raise TypeError(f"unsupported setting type {kind.__name__}")


def _copy(value: T) -> T:
    """Defaults are shared: hand out copies of mutable ones."""
    if isinstance(value, list):
        return list(value)  # type: ignore[return-value]
    if isinstance(value, QByteArray):
        return QByteArray(value)  # type: ignore[return-value]
    return value
