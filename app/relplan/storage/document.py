"""A project as a TinyDB document (table -> row key -> row), and back with every check.

The document has one table per entry of :data:`relplan.domain.model.TABLES` plus ``_meta``
(one row: format, schema version, app version, save time, project name). Reading it back
collects every problem it finds, so a planner sees the whole list at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from relplan import __version__
from relplan.domain import model
from relplan.storage import checks, values
from relplan.storage.codec import CODECS
from relplan.storage.fastpath import MISSES
from relplan.storage.jsonfile import DuplicateKeys
from relplan.storage.migrations import SCHEMA_VERSION, upgrade
from relplan.storage.problems import (
    ERROR,
    WARNING,
    Problem,
    ProjectFileError,
    error,
    warning,
)

META = "_meta"
FORMAT = "relplan"
META_FIELDS = ("format", "schema_version", "app_version", "saved_at", "project_name")
DEFAULT_NAME = model.Project().name
MAX_LISTED = 1000  # problems listed for one file; a ruined file could yield millions

# (table, unknown field) -> the rows that have it, as (row key, row label)
Unknown = dict[tuple[str, str], list[tuple[str, str]]]


@dataclass(slots=True)
class Decoded:
    """A document read back: the project, what was wrong, and what ``_meta`` said."""

    project: model.Project
    problems: list[Problem] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    read_only: bool = False
    saved_at: str | None = None
    app_version: str | None = None


def project_to_dict(project: model.Project, saved_at: str | None = None) -> dict[str, Any]:
    """The TinyDB document written for ``project``: rows keyed "1", "2", ... in table order."""
    meta = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "saved_at": saved_at or datetime.now().astimezone().isoformat(timespec="seconds"),
        "project_name": project.name,
    }
    document: dict[str, Any] = {META: {"1": meta}}
    for table, cls in model.TABLES.items():
        encode = CODECS[cls].encode
        records = project.table(table).values()
        document[table] = {str(n): encode(record) for n, record in enumerate(records, 1)}
    return document


def project_from_dict(data: Any, source: str = "<memory>") -> tuple[model.Project, list[Problem]]:
    """The project in a TinyDB document and its warnings; raises ProjectFileError on errors."""
    decoded = decode_document(data, source)
    return decoded.project, decoded.problems


def decode_document(data: Any, source: str = "<memory>") -> Decoded:
    """Read and check a whole document (older versions are upgraded in memory first)."""
    problems: list[Problem] = []
    meta = _meta_of(data, source)
    version = meta.get("schema_version")
    if type(version) is not int or version < 0:
        raise ProjectFileError(
            source,
            [
                error(
                    f"{META}, field schema_version",
                    f"expected the file format version but found {values.show(version)}",
                    f"relplan writes {SCHEMA_VERSION} here; correct it or open the backup copy",
                )
            ],
        )
    for key in getattr(meta, "twice", ()):
        what = "the field appears twice; only the last value is read"
        problems.append(error(f"{META}, field {key}", what, "delete one of them"))
    decoded = Decoded(model.Project(), problems, version, version > SCHEMA_VERSION)
    decoded.app_version = _optional_text(meta, "app_version", problems)
    decoded.saved_at = _optional_text(meta, "saved_at", problems)
    newer = None
    if decoded.read_only:
        by = f"relplan {decoded.app_version}" if decoded.app_version else "a newer relplan"
        newer = warning(
            f"{META}, field schema_version",
            f"the file was saved by {by} in file format version {version}, and this relplan "
            f"knows versions up to {SCHEMA_VERSION}",
            "it opens read-only; update relplan to edit it",
        )
        problems.append(newer)
    elif version < SCHEMA_VERSION:
        data = _upgraded(data, version, source)
        meta = _meta_of(data, source)
    name = meta.get("project_name", DEFAULT_NAME)
    try:
        name = values.name(name)
    except values.Invalid as exc:
        (_path, what, hint), *_ = exc.entries
        problems.append(error(f"{META}, field project_name", what, hint))
    unknown: Unknown = {}
    for key in meta:
        if key not in META_FIELDS:
            unknown.setdefault((META, key), []).append(("", ""))
    rows = _read_tables(data, problems, unknown)
    _report_unknown(unknown, decoded.read_only, problems)
    decoded.project, more = checks.assemble(name, rows)
    problems += more
    if any(p.is_error for p in problems):
        if newer is not None:  # the likely cause of the errors comes first
            problems.remove(newer)
            problems.insert(0, error(newer.where, newer.what, "update relplan to open it"))
        raise ProjectFileError(source, _capped(problems))
    decoded.problems = _capped(problems)
    return decoded


def _meta_of(data: Any, source: str) -> dict:
    """The ``_meta`` row of a relplan document, or ProjectFileError saying why it is not one."""
    hint = "open a project saved by relplan; plans from other tools come in with relplan import"
    if not isinstance(data, dict):
        what = f"the file holds JSON ({values.show(data)}) but not a relplan project"
        raise ProjectFileError(source, [error("", what, hint)])
    rows = data.get(META)
    if not isinstance(rows, dict) or not rows:
        what = "the file holds JSON but not a relplan project (it has no _meta table)"
        raise ProjectFileError(source, [error("", what, hint)])
    meta = next(iter(rows.values()))
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        shown = values.show(meta.get("format")) if isinstance(meta, dict) else values.show(meta)
        what = f"the file holds JSON but not a relplan project (its format is {shown})"
        raise ProjectFileError(source, [error(f"{META}, field format", what, hint)])
    return meta


def _upgraded(data: dict, version: int, source: str) -> dict:
    try:
        return upgrade(data, version)
    except KeyError:
        what = f"file format version {version} is too old for this relplan"
        hint = "open it in an older relplan and save it again"
    except (TypeError, ValueError, AttributeError) as exc:
        what = f"the file could not be upgraded from format version {version} ({exc})"
        hint = "open the backup copy, or open it in an older relplan and save it again"
    raise ProjectFileError(source, [error(f"{META}, field schema_version", what, hint)])


def _optional_text(meta: dict, key: str, problems: list[Problem]) -> str | None:
    value = meta.get(key)
    if value is None or type(value) is str:
        return value
    problems.append(
        warning(
            f"{META}, field {key}",
            f"expected text but found {values.show(value)}",
            "it is ignored and rewritten when the project is saved",
        )
    )
    return None


def _read_tables(data: dict, problems: list[Problem], unknown: Unknown) -> dict[str, checks.Table]:
    """The records of every known table, in file order; the rest go into ``problems``."""
    if isinstance(data, DuplicateKeys):
        for table in data.twice:
            problems.append(
                error(table, "the table appears twice in the file", "merge the two by hand")
            )
    found: dict[str, checks.Table] = {}
    for table, cls in model.TABLES.items():
        found[table] = read = checks.Table(table)
        rows = data.get(table)
        if rows is None:
            continue
        if not isinstance(rows, dict):
            what = f"expected an object holding rows but found {values.show(rows)}"
            problems.append(error(table, what, 'write it as { "1": {...}, "2": {...} }'))
            read.unreadable = True
            continue
        if isinstance(rows, DuplicateKeys):
            for key in rows.twice:
                what = "two rows have this row number; only the last one is read"
                problems.append(error(checks.where(table, key), what, "renumber one of them"))
        codec = CODECS[cls]
        fast = codec.read
        try:  # the usual case: every row as relplan writes it
            read.records = [fast(row) for row in rows.values()]
            read.keys = list(rows)
            continue
        except MISSES:
            read.records = []
        for key, row in rows.items():
            if type(row) is not dict:
                if not isinstance(row, dict):
                    what = f"expected an object but found {values.show(row)}"
                    problems.append(error(checks.where(table, key), what, "remove the row"))
                    continue
                _report_twice(table, key, row, problems)
            record, bad, extra = codec.decode(row)
            if bad:
                label = checks.label_of(row)
                for path, what, hint in bad:
                    problems.append(error(checks.where(table, key, label, path), what, hint))
            for name in extra:
                unknown.setdefault((table, name), []).append((key, checks.label_of(row)))
            if record is not None:
                read.keys.append(key)
                read.records.append(record)
            elif type(row.get("id")) is str:
                read.unreadable_ids.add(row["id"])
    for table, rows in data.items():
        if table in model.TABLES or table == META or (table == "_default" and not rows):
            continue
        count = len(rows) if isinstance(rows, dict) else 0
        problems.append(
            warning(
                str(table),
                f"the table is unknown to this version of relplan ({count} rows)",
                "it will be dropped when the project is saved",
            )
        )
    return found


def _report_twice(table: str, key: str, row: dict, problems: list[Problem]) -> None:
    twice = getattr(row, "twice", ())
    for name in twice:
        problems.append(
            error(
                checks.where(table, key, checks.label_of(row), name),
                "the field appears twice in this row; only the last value is read",
                "delete one of them",
            )
        )


def _report_unknown(unknown: Unknown, read_only: bool, problems: list[Problem]) -> None:
    """One warning per unknown field and table, however many rows have it."""
    hint = (
        "this version of relplan ignores it"
        if read_only
        else "it will be dropped when the project is saved"
    )
    for (table, name), rows in unknown.items():
        if table == META:
            place = META
        elif len(rows) == 1:
            place = checks.where(table, *rows[0])
        else:
            keys = [key for key, _label in rows]
            if len(keys) <= 5:
                place = f"{table} rows {', '.join(keys[:-1])} and {keys[-1]}"
            else:
                place = f"{table} rows {', '.join(keys[:3])} and {len(keys) - 3} more"
        problems.append(warning(place, f"the field '{name}' is unknown to this relplan", hint))


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_LISTED:
        return problems
    rest = problems[MAX_LISTED:]
    summary = Problem(
        ERROR if any(p.is_error for p in rest) else WARNING,
        "",
        f"{len(rest)} more problems are not listed",
        "correct the ones listed first, or open the backup copy",
    )
    return [*problems[:MAX_LISTED], summary]
