"""Converters between records and the plain JSON rows of the file, built once per record class.

A :class:`RecordCodec` looks at a record class's fields and type hints once and keeps, per
field, the function that writes it and the check that reads it back, so reading or writing a
row does no type inspection. Every int field needs an explicit range in ``INT_RANGES``:
a new field cannot slip into the file format without someone deciding what is valid.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from relplan.domain import model
from relplan.domain.model import REFERENCES
from relplan.storage import fastpath, values
from relplan.storage.values import Check, Invalid

# (record class, field) -> (lowest, highest, unit) for every int field of the model.
INT_RANGES: dict[tuple[type, str], tuple[int, int, str]] = {
    (model.WorkItem, "duration"): (0, 10_000, " working days"),
    (model.WorkItem, "progress"): (0, 100, " %"),
    (model.Dependency, "lag"): (-1000, 1000, " working days"),
    (model.Person, "availability"): (0, 100, " %"),
    (model.Assignment, "allocation"): (0, 100, " %"),
    (model.TestCycle, "defects_found"): (0, 1_000_000, ""),
    (model.Calendar, "work_week"): (0, 6, " (0 = Monday, 6 = Sunday)"),
}


# Text fields that name a record: they may not be blank unless the model gives a default.
NAME_FIELDS = frozenset({"name", "title", "text"})

_MISSING = object()
Entry = tuple[str, str, str]  # (field path, what is wrong, what to do)


@dataclasses.dataclass(frozen=True, slots=True)
class FieldSpec:
    """How one field is read (``check``), written (``encode``; None = as is) and described."""

    name: str
    check: Check
    encode: Callable[[Any], Any] | None
    required: bool
    kind: str  # id, text, name, bool, int, enum, date, datetime or record
    nested: RecordCodec | None = None
    many: bool = False
    optional: bool = False
    params: tuple = ()  # int: (lowest, highest); enum: (value -> member, member -> value)


class RecordCodec:
    """Reads and writes the rows of one record class."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        hints = typing.get_type_hints(cls)
        self.fields = tuple(_spec(cls, f, hints[f.name]) for f in dataclasses.fields(cls))
        self.names = frozenset(f.name for f in self.fields)
        self._simple = tuple((f.name, f.check, f.required) for f in self.fields if not f.nested)
        self._nested = tuple(f for f in self.fields if f.nested)
        self.encode: Callable[[object], dict[str, Any]] = fastpath.encoder(self)
        """The row written for a record: every field, in declaration order."""
        self.read: Callable[[Any], object] = fastpath.decoder(self)
        """The record of a row exactly as relplan writes it; raises one of fastpath.MISSES
        for anything else (then :meth:`decode` says what is wrong)."""

    def decode(self, row: dict) -> tuple[object | None, list[Entry], list[str]]:
        """``(record, errors, unknown field paths)``; record is None when there are errors."""
        try:
            return self.read(row), [], []
        except fastpath.MISSES:
            pass
        fields: dict[str, Any] = {}
        bad: list[Entry] = []
        failed = 0  # fields present but unreadable
        for name, check, required in self._simple:
            value = row.get(name, _MISSING)
            if value is _MISSING:
                if required:
                    bad.append((name, "the field is missing", "add it"))
                continue
            try:
                fields[name] = check(value)
            except Invalid as exc:
                failed += 1
                bad += [(name + path, what, hint) for path, what, hint in exc.entries]
        unknown: list[str] = []
        for spec in self._nested:
            value = row.get(spec.name, _MISSING)
            if value is not _MISSING:
                failed += spec.name not in _decode_nested(spec, value, fields, bad, unknown)
            elif spec.required:
                bad.append((spec.name, "the field is missing", "add it"))
        if len(row) > len(fields) + failed:
            unknown += [key for key in row if key not in self.names]
        if bad:
            return None, bad, unknown
        return self.cls(**fields), bad, unknown


def _decode_nested(
    spec: FieldSpec, value: Any, fields: dict, bad: list[Entry], unknown: list[str]
) -> dict:
    """Read a nested record (or a list of them) into ``fields[spec.name]``; returns ``fields``."""
    codec = spec.nested
    assert codec is not None
    if value is None and spec.optional:
        fields[spec.name] = None
        return fields
    if spec.many:
        if type(value) is not list:
            what = f"expected a list but found {values.show(value)}"
            bad.append((spec.name, what, "write it as a list [ ... ]"))
            return fields
        elements = [(f"{spec.name}[{i}]", element) for i, element in enumerate(value)]
    else:
        elements = [(spec.name, value)]
    records = []
    for path, element in elements:
        if not isinstance(element, dict):
            what = f"expected an object but found {values.show(element)}"
            bad.append((path, what, "write it as an object { ... }"))
            continue
        for key in getattr(element, "twice", ()):  # see jsonfile.DuplicateKeys
            bad.append((f"{path}.{key}", "the field appears twice", "delete one of them"))
        record, errors, extra = codec.decode(element)
        bad += [(f"{path}.{p}", what, hint) for p, what, hint in errors]
        unknown += [f"{path}.{key}" for key in extra]
        records.append(record)
    if len(records) == len(elements) and None not in records:
        fields[spec.name] = tuple(records) if spec.many else records[0]
    return fields


def _spec(cls: type, field: dataclasses.Field, hint: Any) -> FieldSpec:
    name = field.name
    required = field.default is dataclasses.MISSING
    args = typing.get_args(hint) if _is_union(hint) else (hint,)
    optional = type(None) in args
    (base,) = [a for a in args if a is not type(None)]
    many = typing.get_origin(base) is tuple
    if many:
        base = typing.get_args(base)[0]
    if dataclasses.is_dataclass(base):
        nested = CODECS.get(base) or RecordCodec(base)  # type: ignore[arg-type]
        CODECS[base] = nested  # type: ignore[index]
        if many:
            encode = _many(nested.encode)
        else:
            encode = _nullable(nested.encode) if optional else nested.encode
        return FieldSpec(name, _same, encode, required, "record", nested, many, optional)
    check, encode, kind, params = _scalar(cls, name, base, required)
    if many:
        check, encode = values.many(check), (_many(encode) if encode else list)
    elif optional:
        check = values.optional(check)
        encode = _nullable(encode) if encode else None
    return FieldSpec(name, check, encode, required, kind, None, many, optional, params)


def _scalar(cls: type, name: str, base: Any, required: bool) -> tuple[Check, Any, str, tuple]:
    """(check, encode, kind, params) of a field holding one plain value."""
    if base is str:
        if name == "id" or name in REFERENCES:
            return values.identifier, None, "id", ()
        if name in NAME_FIELDS and required:
            return values.name, None, "name", ()
        return values.text, None, "text", ()
    if base is bool:
        return values.boolean, None, "bool", ()
    if base is int:
        if (cls, name) not in INT_RANGES:
            raise TypeError(f"{cls.__name__}.{name} needs a range in INT_RANGES")
        low, high, unit = INT_RANGES[cls, name]
        return values.integer(low, high, unit), None, "int", (low, high)
    if base is datetime:
        return values.moment, datetime.isoformat, "datetime", ()
    if base is date:
        return values.day, date.isoformat, "date", ()
    if isinstance(base, type) and issubclass(base, Enum):
        members = {member.value: member for member in base}
        written = {member: member.value for member in base}
        return values.choice(base), written.__getitem__, "enum", (members, written)
    raise TypeError(f"{cls.__name__}.{name}: no file format for {base!r}")


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _same(value: Any) -> Any:
    return value


def _nullable(encode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else encode(value)

    return convert


def _many(encode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> list:
        return [encode(element) for element in value]

    return convert


CODECS: dict[type, RecordCodec] = {}
for _cls in model.TABLES.values():
    CODECS[_cls] = RecordCodec(_cls)
