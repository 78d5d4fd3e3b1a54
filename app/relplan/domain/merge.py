"""Three-way merge of two planners' edits of one project, keyed on stable record ids.

Given the common original (base) and two edited versions (ours, theirs), every record is
merged on its own: a record only one side touched takes that side's version; a record
both sides changed is merged field by field; only the same field changed to different
values, or a record removed on one side and changed on the other, is a conflict. Links
and RACI roles are matched by what they connect, so that re-assigning a person (which
replaces the assignment record) on both sides is still one record changed twice.

The merge also looks past single records (:mod:`relplan.domain.merge_checks`): a record
removed on one side while the other side added something that refers to it, the same
link or role added twice, and links from both sides that only together close a cycle.

Each :class:`MergeConflict` carries what taking either side means, so a caller resolves
conflicts one by one (:meth:`MergeResult.resolve`). Resolving never leaves a dangling
reference: what refers to a removed record goes with it, as when removing it by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from relplan.domain.describe import Names, noun
from relplan.domain.diff import record_pairs
from relplan.domain.edits import ChangeSet, RecordChange
from relplan.domain.model import TABLES, Project

# Records matched by what they connect, not only by id: one link per pair of items, one
# role per person and item (``edits.assign`` replaces the record to change a role).
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "dependencies": ("predecessor_id", "successor_id"),
    "assignments": ("item_id", "person_id"),
}

PROJECT = "project"  # the "table" of the project's own name in settings and conflicts


class Side(StrEnum):
    OURS = "ours"
    THEIRS = "theirs"


@dataclass(frozen=True, slots=True)
class Setting:
    """One record (``field`` None; ``value`` None = absent) or one field set to ``value``."""

    table: str
    id: str
    field: str | None
    value: object


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """Two edits that cannot both be kept; ``take_ours`` / ``take_theirs`` say what each means.

    ``key`` is stable for the same three inputs, for choosing sides by key. The ``*_text``
    values describe each version for a person ("8", "removed", "duration 5 → 6").
    """

    key: str
    kind: str  # field, edit_remove, reference, duplicate, cycle, name
    table: str
    id: str
    field: str | None
    message: str
    base_text: str
    ours_text: str
    theirs_text: str
    take_ours: tuple[Setting, ...]
    take_theirs: tuple[Setting, ...]


@dataclass(slots=True)
class Resolution:
    """The merged project for one choice of sides, and what was left out to keep it whole."""

    project: Project
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MergeResult:
    """The merge of ``ours`` and ``theirs`` from ``base``: merged records and the conflicts."""

    base: Project
    ours: Project
    theirs: Project
    conflicts: list[MergeConflict]
    name: str
    tables: dict[str, dict[str, object]]  # merged records; conflicts hold a placeholder
    ids: dict[tuple[str, str], list[tuple[object, str]]]  # (table, id) -> [(record, new id)]
    labels: tuple[str, str] = ("ours", "theirs")

    def resolve(
        self, choices: Mapping[str, Side] | None = None, default: Side = Side.OURS
    ) -> Resolution:
        """The merged project with each conflict settled by ``choices[key]`` (else ``default``)."""
        choices = choices or {}
        tables = {table: dict(records) for table, records in self.tables.items()}
        name = self.name
        for conflict in self.conflicts:
            side = Side(choices.get(conflict.key, default))
            settings = conflict.take_ours if side is Side.OURS else conflict.take_theirs
            for setting in settings:
                if setting.table == PROJECT:
                    name = str(setting.value)
                else:
                    _apply_setting(tables[setting.table], setting)
        names = Names(self.ours, self.theirs, self.base)
        dropped = _drop_dangling(tables, names) if self._lost_any(tables) else []
        project = Project(name=name)
        for table, records in tables.items():
            target = project.table(table)
            for record_id, record in records.items():
                final_id = self._final_id(table, record_id, record)
                target[final_id] = (
                    record if final_id == record_id else dataclasses.replace(record, id=final_id)
                )
        return Resolution(project, dropped)

    def _lost_any(self, tables: dict[str, dict[str, object]]) -> bool:
        """Whether any record of the three versions is missing from ``tables``.

        Only then can something refer to a record that is gone; matched links and roles
        are under their base ids in ``tables``, which can only make this say yes.
        """
        return any(
            not (
                self.ours.table(t).keys() | self.theirs.table(t).keys() | self.base.table(t).keys()
            )
            <= records.keys()
            for t, records in tables.items()
        )

    def _final_id(self, table: str, record_id: str, record: object) -> str:
        """The id a matched link or role gets back: the id of the side whose version won."""
        versions = self.ids.get((table, record_id))
        if not versions:
            return record_id
        same = [new_id for version, new_id in versions if version == record]
        return min(same or [new_id for _version, new_id in versions])


def merge_projects(
    base: Project,
    ours: Project,
    theirs: Project,
    labels: tuple[str, str] = ("ours", "theirs"),
) -> MergeResult:
    """Merge the edits that made ``ours`` and ``theirs`` from ``base``; inputs are not changed.

    ``labels`` name the two sides in conflict messages ("ours"/"theirs", "yours"/"the file
    on disk").
    """
    from relplan.domain.merge_checks import find_semantic_conflicts

    names = Names(ours, theirs, base)
    conflicts: list[MergeConflict] = []
    tables: dict[str, dict[str, object]] = {}
    ids: dict[tuple[str, str], list[tuple[object, str]]] = {}
    sides: dict[str, tuple[dict, dict]] = {}
    for table in TABLES:
        old = base.table(table)
        mine, mine_renamed = _match_by_key(table, old, ours.table(table))
        other, other_renamed = _match_by_key(table, old, theirs.table(table))
        sides[table] = (mine, other)
        for record_id in {**mine_renamed, **other_renamed}:
            versions = []
            for version, renamed in ((mine, mine_renamed), (other, other_renamed)):
                if record_id in renamed:
                    versions.append((version[record_id], renamed[record_id]))
            ids[(table, record_id)] = versions
        tables[table] = _merge_table(table, old, mine, other, names, labels, conflicts)
    name = _merge_name(base.name, ours.name, theirs.name, labels, conflicts)
    result = MergeResult(base, ours, theirs, conflicts, name, tables, ids, labels)
    conflicts.extend(find_semantic_conflicts(result, sides, names))
    return result


def changes_between(current: Project, target: Project, description: str) -> ChangeSet:
    """The change set that turns ``current`` into ``target`` (one undoable step in the app).

    The project's own name is not a record and is left out.
    """
    return ChangeSet(
        description,
        tuple(
            RecordChange(t, i, before, after)
            for t, i, before, after in record_pairs(current, target)
        ),
    )


# --- one table -----------------------------------------------------------------------------


def _match_by_key(table: str, base: dict, side: dict) -> tuple[dict, dict[str, str]]:
    """``side`` with records that replace a base record of the same natural key under its id.

    Returns the re-keyed table and base id -> the id the side gave the record.
    """
    key_fields = NATURAL_KEYS.get(table)
    if key_fields is None:
        return side, {}
    gone = {}
    for record_id, record in base.items():
        if record_id not in side:
            gone.setdefault(tuple(getattr(record, f) for f in key_fields), record_id)
    if not gone:
        return side, {}
    matched: dict = {}
    renamed: dict[str, str] = {}
    for record_id, record in side.items():
        if record_id not in base:
            base_id = gone.pop(tuple(getattr(record, f) for f in key_fields), None)
            if base_id is not None:
                matched[base_id] = dataclasses.replace(record, id=base_id)
                renamed[base_id] = record_id
                continue
        matched[record_id] = record
    return matched, renamed


def _merge_table(
    table: str,
    base: dict,
    ours: dict,
    theirs: dict,
    names: Names,
    labels: tuple[str, str],
    conflicts: list[MergeConflict],
) -> dict[str, object]:
    merged: dict[str, object] = {}
    for record_id in {**ours, **theirs, **base}:
        old, mine, other = base.get(record_id), ours.get(record_id), theirs.get(record_id)
        if mine == other:
            record = mine
        elif mine == old:
            record = other
        elif other == old:
            record = mine
        elif mine is None or other is None:
            conflicts.append(_edit_remove(table, record_id, old, mine, other, names, labels))
            record = old
        else:
            record, clashes = _merge_fields(old, mine, other)
            for name, values in clashes.items():
                conflicts.append(
                    _field_conflict(table, record_id, name, values, old is None, names, labels)
                )
        if record is not None:
            merged[record_id] = record
    return merged


def _merge_fields(old: object | None, mine: object, other: object) -> tuple[object, dict]:
    """Both sides changed (or both added) one record: merge it field by field.

    Returns the record (conflicting fields keep the base value, or ours for a record new on
    both sides) and field -> (base, ours, theirs) for each conflicting field.
    """
    values = {}
    clashes = {}
    for f in dataclasses.fields(mine):  # type: ignore[arg-type]
        a, b = getattr(mine, f.name), getattr(other, f.name)
        o = getattr(old, f.name) if old is not None else None
        if a == b:
            continue
        if old is not None and a == o:
            values[f.name] = b
        elif old is not None and b == o:
            values[f.name] = a
        else:
            sequence = _merge_sequence(o, a, b) if old is not None else None
            if sequence is not None:
                values[f.name] = sequence
            else:
                clashes[f.name] = (o, a, b)
                values[f.name] = o if old is not None else a
    return dataclasses.replace(mine, **values), clashes


def _merge_sequence(old: object, mine: object, other: object) -> tuple | None:
    """Both sides changed a tuple (people of an audience, checklist entries, holidays).

    Elements (matched by id when they have one) kept by both stay in the original order;
    additions of both follow, in a fixed order. None when an element was changed on both
    sides differently, or one side re-ordered what both kept.
    """
    if not all(isinstance(v, tuple) for v in (old, mine, other)):
        return None

    def keyed(values: tuple) -> dict:
        return {getattr(v, "id", v): v for v in values}

    base, a, b = keyed(old), keyed(mine), keyed(other)  # type: ignore[arg-type]
    kept_a = [k for k in a if k in base and k in b]
    kept_b = [k for k in b if k in base and k in a]
    if kept_a != kept_b:
        return None
    result = []
    for k in base:
        if k in a and k in b:
            va, vb, vo = a[k], b[k], base[k]
            if va != vb and va != vo and vb != vo:
                return None
            result.append(vb if va == vo else va)
    added = {k: v for k, v in {**a, **b}.items() if k not in base}
    for k in added:
        if k in a and k in b and a[k] != b[k]:
            return None
    result += [added[k] for k in sorted(added, key=str)]
    return tuple(result)


def _merge_name(
    base: str, ours: str, theirs: str, labels: tuple[str, str], conflicts: list[MergeConflict]
) -> str:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    conflicts.append(
        MergeConflict(
            key="project/name",
            kind="name",
            table=PROJECT,
            id="",
            field="name",
            message=f"Both renamed the project: {labels[0]} '{ours}', {labels[1]} '{theirs}' "
            f"(was '{base}').",
            base_text=f"'{base}'",
            ours_text=f"'{ours}'",
            theirs_text=f"'{theirs}'",
            take_ours=(Setting(PROJECT, "", "name", ours),),
            take_theirs=(Setting(PROJECT, "", "name", theirs),),
        )
    )
    return ours


def _field_conflict(
    table: str,
    record_id: str,
    name: str,
    values: tuple[object, object, object],
    added: bool,
    names: Names,
    labels: tuple[str, str],
) -> MergeConflict:
    _old, mine, other = values
    label = names.of_id(table, record_id)
    what = name.replace("_", " ")
    texts = [names.value(name, v) for v in values]
    if added:
        texts[0] = "new on both sides"
    was = " (added on both sides)" if added else f" (was {texts[0]})"
    return MergeConflict(
        key=f"{table}/{record_id}/{name}",
        kind="field",
        table=table,
        id=record_id,
        field=name,
        message=f"Both changed the {what} of {label}: {labels[0]} {texts[1]}, "
        f"{labels[1]} {texts[2]}{was}.",
        base_text=texts[0],
        ours_text=texts[1],
        theirs_text=texts[2],
        take_ours=(Setting(table, record_id, name, mine),),
        take_theirs=(Setting(table, record_id, name, other),),
    )


def _edit_remove(
    table: str,
    record_id: str,
    old: object,
    mine: object | None,
    other: object | None,
    names: Names,
    labels: tuple[str, str],
) -> MergeConflict:
    from relplan.domain.diff import field_changes

    removed_by, changed_by = (labels[0], labels[1]) if mine is None else (labels[1], labels[0])
    kept = other if mine is None else mine
    edits = "; ".join(
        f"{c.field.replace('_', ' ')} {names.value(c.field, c.before)} → "
        f"{names.value(c.field, c.after)}"
        for c in field_changes(old, kept)
    )
    label = names.label(table, old)
    return MergeConflict(
        key=f"{table}/{record_id}",
        kind="edit_remove",
        table=table,
        id=record_id,
        field=None,
        message=f"The {noun(table)} {label} was removed in {removed_by} but changed in "
        f"{changed_by} ({edits}).",
        base_text="as it was",
        ours_text="removed" if mine is None else edits,
        theirs_text="removed" if other is None else edits,
        take_ours=(Setting(table, record_id, None, mine),),
        take_theirs=(Setting(table, record_id, None, other),),
    )


# --- resolving -----------------------------------------------------------------------------


def _apply_setting(records: dict[str, object], setting: Setting) -> None:
    if setting.field is None:
        if setting.value is None:
            records.pop(setting.id, None)
        else:
            records[setting.id] = setting.value
        return
    record = records.get(setting.id)
    if record is not None:  # gone when another choice removed it
        records[setting.id] = dataclasses.replace(record, **{setting.field: setting.value})


def _drop_dangling(tables: dict[str, dict[str, object]], names: Names) -> list[str]:
    """Remove or clear what refers to records that are gone; say what was left out.

    Tables are visited in file order, where a record only refers to earlier tables (or to
    items, for links), so one pass settles everything.
    """
    from relplan.domain.model import REFERENCES

    dropped: list[str] = []
    for table, cls in TABLES.items():
        references = [f for f in dataclasses.fields(cls) if f.name in REFERENCES]
        if not references:
            continue
        records = tables[table]
        for record_id, record in list(records.items()):
            values = {}
            for f in references:
                target = tables[REFERENCES[f.name]]
                value = getattr(record, f.name)
                if isinstance(value, tuple):
                    kept = tuple(v for v in value if v in target)
                    if kept != value:
                        values[f.name] = kept
                elif value is not None and value not in target:
                    if f.default is dataclasses.MISSING:
                        gone = names.of_id(REFERENCES[f.name], value)
                        dropped.append(
                            f"Left out the {noun(table)} {names.label(table, record)}: "
                            f"the {noun(REFERENCES[f.name])} {gone} it belongs to was removed."
                        )
                        del records[record_id]
                        break
                    values[f.name] = None
            else:
                if values:
                    records[record_id] = dataclasses.replace(record, **values)
    return dropped
