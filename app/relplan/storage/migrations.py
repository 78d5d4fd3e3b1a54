"""File format versions and the in-memory upgrades of older files.

``SCHEMA_VERSION`` is the version this code writes. When the format changes, raise it and
register ``migrate_N_to_N+1(data) -> data`` with :func:`migration`. Upgrades run on the
parsed document before it is checked; they never touch the file on disk (the project is
written in the new format when the planner saves it). A migration must not change the
dict it is given in place: it returns a new document, copying only what it changes.
"""

from __future__ import annotations

from collections.abc import Callable

SCHEMA_VERSION = 1

Migration = Callable[[dict], dict]
MIGRATIONS: dict[int, Migration] = {}


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a version ``from_version`` document by one version."""

    def register(function: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"a migration from version {from_version} exists already")
        MIGRATIONS[from_version] = function
        return function

    return register


def upgrade(data: dict, version: int) -> dict:
    """``data`` (a version ``version`` document) brought up to :data:`SCHEMA_VERSION`.

    Raises KeyError naming the first version that has no way forward.
    """
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise KeyError(version)
        data = MIGRATIONS[version](data)
        version += 1
        meta = dict(_meta_row(data))
        meta["schema_version"] = version
        data = {**data, "_meta": {"1": meta}}
    return data


def _meta_row(data: dict) -> dict:
    rows = data.get("_meta")
    if isinstance(rows, dict) and rows:
        row = next(iter(rows.values()))
        if isinstance(row, dict):
            return row
    return {}


def _rename_field(rows: object, old: str, new: str) -> object:
    """The rows of one table with field ``old`` renamed to ``new`` (other values kept as is)."""
    if not isinstance(rows, dict):
        return rows
    renamed = {}
    for key, row in rows.items():
        if isinstance(row, dict) and old in row and new not in row:
            row = {(new if name == old else name): value for name, value in row.items()}
        renamed[key] = row
    return renamed


@migration(0)
def migrate_0_to_1(data: dict) -> dict:
    """Version 0, the pre-release format: work items said ``type`` where they now say
    ``kind``, and ``_meta`` said ``name`` where it now says ``project_name``."""
    upgraded = dict(data)
    if "items" in data:
        upgraded["items"] = _rename_field(data["items"], "type", "kind")
    if "_meta" in data:
        upgraded["_meta"] = _rename_field(data["_meta"], "name", "project_name")
    return upgraded
