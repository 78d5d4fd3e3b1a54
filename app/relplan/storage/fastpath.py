"""Straight-line read and write functions per record class, generated once at import.

Reading a big project is mostly reading rows exactly as relplan wrote them, so for each
record class a function is generated (as :mod:`dataclasses` does for ``__init__``) that
checks such a row field by field with inline tests and builds the record, e.g. for
``Dependency``::

    def read_dependency(row):
        if type(row) is not dict or len(row) != 5: raise Miss
        v0 = row['id']
        if type(v0) is not str or not v0: raise Miss
        ...
        v3 = members3[row['type']]
        v4 = row['lag']
        if type(v4) is not int or not -1000 <= v4 <= 1000: raise Miss
        record = new(cls); set0(record, v0); ...; return record

Any doubt (a missing or odd field, a wrong value) raises one of :data:`MISSES` and the row
is read again by :meth:`RecordCodec._decode_carefully`, which says what is wrong. The write
function is one dict display: ``{'id': r.id, 'type': values3[r.type], ...}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relplan.storage.values import Invalid

if TYPE_CHECKING:
    from relplan.storage.codec import FieldSpec, RecordCodec


class Miss(Exception):
    """The row is not a plain valid row; read it carefully instead."""


# What a generated reader raises when a row needs the careful path: a missing field
# (KeyError), an unhashable value looked up as an enum (TypeError), a failed check.
MISSES = (Miss, KeyError, TypeError, Invalid)

_INLINE_TESTS = {
    "id": "type({v}) is not str or not {v}",
    "text": "type({v}) is not str",
    "name": "type({v}) is not str or not {v} or {v}.isspace()",
    "bool": "{v} is not True and {v} is not False",
    "int": "type({v}) is not int or not {low} <= {v} <= {high}",
}


def decoder(codec: RecordCodec) -> Callable[[dict], object]:
    """The fast reader of rows of ``codec.cls`` (see the module docstring)."""
    scope: dict[str, Any] = {"Miss": Miss, "cls": codec.cls, "new": object.__new__}
    lines = [
        f"def read_{codec.cls.__name__.lower()}(row):",
        f"    if type(row) is not dict or len(row) != {len(codec.fields)}: raise Miss",
    ]
    for i, spec in enumerate(codec.fields):
        v = f"v{i}"
        lines.append(f"    {v} = row[{spec.name!r}]")
        lines += [f"    {line}" for line in _read_value(spec, i, v, scope)]
    arguments = ", ".join(f"v{i}" for i in range(len(codec.fields)))
    if hasattr(codec.cls, "__post_init__") or not hasattr(codec.cls, "__slots__"):
        lines.append(f"    return cls({arguments})")
    else:
        # Setting the slots directly is several times faster than a frozen dataclass's
        # __init__ (which goes through object.__setattr__) and gives the same record.
        lines.append("    record = new(cls)")
        for i, spec in enumerate(codec.fields):
            scope[f"set{i}"] = codec.cls.__dict__[spec.name].__set__
            lines.append(f"    set{i}(record, v{i})")
        lines.append("    return record")
    return _compile(lines, scope)


def _read_value(spec: FieldSpec, i: int, v: str, scope: dict[str, Any]) -> list[str]:
    if spec.nested is not None:
        scope[f"check{i}"] = _strict_nested(spec)
        return [f"{v} = check{i}({v})"]
    if spec.many or spec.kind not in (*_INLINE_TESTS, "enum"):
        scope[f"check{i}"] = spec.check
        return [f"{v} = check{i}({v})"]
    if spec.kind == "enum":
        scope[f"members{i}"] = spec.params[0]
        body = [f"{v} = members{i}[{v}]"]
    else:
        low, high = spec.params or (0, 0)
        body = [f"if {_INLINE_TESTS[spec.kind].format(v=v, low=low, high=high)}: raise Miss"]
    if spec.optional:
        return [f"if {v} is not None:", *[f"    {line}" for line in body]]
    return body


def _strict_nested(spec: FieldSpec) -> Callable[[Any], Any]:
    """A reader of a nested record (or list of them) that accepts only a perfect value."""
    codec = spec.nested
    assert codec is not None

    one = codec.read

    def many(value: Any) -> tuple:
        if type(value) is list:
            return tuple([one(element) for element in value])
        raise Miss

    def optional(value: Any) -> object:
        return None if value is None else one(value)  # type: ignore[misc]

    if spec.many:
        return many
    return optional if spec.optional else one


def encoder(codec: RecordCodec) -> Callable[[object], dict[str, Any]]:
    """The writer of ``codec.cls`` records: one dict display (see the module docstring)."""
    scope: dict[str, Any] = {}
    items = []
    for i, spec in enumerate(codec.fields):
        attribute = f"r.{spec.name}"
        if spec.encode is None:
            value = attribute
        elif spec.kind == "enum" and not spec.optional and not spec.many:
            scope[f"values{i}"] = spec.params[1]
            value = f"values{i}[{attribute}]"
        elif spec.kind == "date" and not spec.optional and not spec.many:
            value = f"{attribute}.isoformat()"
        else:
            scope[f"write{i}"] = spec.encode
            value = f"write{i}({attribute})"
        items.append(f"{spec.name!r}: {value}")
    lines = [f"def write_{codec.cls.__name__.lower()}(r):", f"    return {{{', '.join(items)}}}"]
    return _compile(lines, scope)


def _compile(lines: list[str], scope: dict[str, Any]) -> Callable:
    namespace: dict[str, Any] = {}
    # The source is made from the model's field names only, never from file content.
    exec("\n".join(lines), scope, namespace)
    (function,) = namespace.values()
    return function
