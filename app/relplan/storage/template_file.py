"""Release templates as JSON files: reading (strictly: files travel), writing, the bundled ones.

The format is documented in ``docs/templates.md``. Reading a template is reading untrusted
input: a size limit, strict UTF-8 JSON without NaN or duplicate keys, and every field
checked; any problem raises :class:`~relplan.domain.templates.TemplateError` with where and
what to do. The bundled templates ship inside the package (``relplan.resources/templates``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from relplan.bundled import bundled
from relplan.domain.model import DependencyType, Phase, RaciRole, TestKind
from relplan.domain.templates import (
    FORMAT,
    FORMAT_VERSION,
    Template,
    TemplateError,
    TemplateGate,
    TemplateItem,
    TemplateLink,
    TemplateRole,
    check_template,
)

MAX_BYTES = 2 * 1024 * 1024
MAX_ITEMS = 5000
SUFFIX = ".json"


# --- JSON -> Template ----------------------------------------------------------------------


def _reject_constant(name: str) -> None:
    raise TemplateError(f"The template contains {name}, which is not a number; remove it.")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    found: dict = {}
    for key, value in pairs:
        if key in found:
            raise TemplateError(f"The key \u201c{key}\u201d appears twice in one object.")
        found[key] = value
    return found


def parse_template(text: str | bytes) -> Template:
    """A template from its JSON text; raises TemplateError saying what is wrong."""
    if len(text) > MAX_BYTES:
        raise TemplateError("The template is larger than 2 MB; that is not a template.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError("The template is not UTF-8 text; save it as UTF-8.") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            f"The template is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise TemplateError("The template is nested too deeply to be a template.") from None
    return template_from_dict(data)


def template_from_dict(data: object) -> Template:
    root = _Reader(data, "the template")
    if root.get("format", str) != FORMAT:
        raise TemplateError(f"This is not a relplan template (\u201cformat\u201d is not {FORMAT}).")
    version = root.get("version", int)
    if version > FORMAT_VERSION:
        raise TemplateError(
            "The template was made by a newer relplan (format version "
            f"{version}); update relplan to use it."
        )
    items_data = root.get("items", list)
    if len(items_data) > MAX_ITEMS:
        raise TemplateError(f"The template has more than {MAX_ITEMS} items.")
    items = tuple(_item(_Reader(d, f"items[{n}]")) for n, d in enumerate(items_data))
    links = tuple(
        _link(_Reader(d, f"dependencies[{n}]"))
        for n, d in enumerate(root.get("dependencies", list, []))
    )
    gates = tuple(
        _gate(_Reader(d, f"gates[{n}]")) for n, d in enumerate(root.get("gates", list, []))
    )
    roles = tuple(_role(_Reader(d, f"raci[{n}]")) for n, d in enumerate(root.get("raci", list, [])))
    template = Template(
        root.text("name"),
        root.text("description", ""),
        items,
        links,
        gates,
        roles,
        root.text("rollback_plan", ""),
    )
    root.done()
    check_template(template)
    return template


_MISSING = object()


class _Reader:
    """Reads the fields of one JSON object, naming where a wrong value is."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise TemplateError(f"{where} must be an object with named fields.")
        self.data, self.where, self.seen = data, where, set()

    def get(self, key: str, kind: type, default: object = _MISSING):
        self.seen.add(key)
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if default is _MISSING:
                raise TemplateError(f"{self.where} lacks \u201c{key}\u201d; add it.")
            return default
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TemplateError(
                f"\u201c{key}\u201d of {self.where} must be {_KINDS.get(kind, kind.__name__)}."
            )
        return value

    def text(self, key: str, default: object = _MISSING) -> str:
        value = self.get(key, str, default)
        if len(value) > 20_000:
            raise TemplateError(f"\u201c{key}\u201d of {self.where} is too long.")
        return value

    def choice(self, key: str, enum: type, default: object = _MISSING):
        value = self.get(key, str, default)
        if value is default:
            return value
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            raise TemplateError(
                f"\u201c{key}\u201d of {self.where} must be one of {choices}, not {value!r}."
            ) from None

    def texts(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise TemplateError(f"\u201c{key}\u201d of {self.where} must be a list of texts.")
        return tuple(" ".join(v.split()) for v in values)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise TemplateError(
                f"{self.where} has the unknown field \u201c{unknown[0]}\u201d; check its spelling."
            )


_KINDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}


def _item(r: _Reader) -> TemplateItem:
    milestone = r.get("milestone", bool, False)
    item = TemplateItem(
        r.text("key"),
        r.text("name"),
        r.choice("phase", Phase),
        0 if milestone else r.get("duration", int, 1),
        milestone,
        r.choice("test", TestKind, None),
        r.get("offset", int, None),
        r.text("notes", ""),
    )
    r.done()
    return item


def _link(r: _Reader) -> TemplateLink:
    link = TemplateLink(
        r.text("from"),
        r.text("to"),
        r.choice("type", DependencyType, DependencyType.FS),
        r.get("lag", int, 0),
    )
    r.done()
    return link


def _gate(r: _Reader) -> TemplateGate:
    gate = TemplateGate(
        r.choice("phase", Phase),
        r.text("name"),
        r.get("milestone", str, None),
        r.texts("required_roles"),
        r.texts("checklist"),
    )
    r.done()
    return gate


def _role(r: _Reader) -> TemplateRole:
    role = TemplateRole(
        r.text("item"), r.text("role"), r.choice("raci", RaciRole), r.get("allocation", int, 100)
    )
    r.done()
    return role


# --- Template -> JSON ----------------------------------------------------------------------


def template_to_dict(template: Template) -> dict:
    """The template as the JSON document of ``docs/templates.md`` (defaults left out)."""

    def item(i: TemplateItem) -> dict:
        out: dict[str, Any] = {"key": i.key, "name": i.name, "phase": i.phase.value}
        if i.milestone:
            out["milestone"] = True
        else:
            out["duration"] = i.duration
        if i.test is not None:
            out["test"] = i.test.value
        if i.offset:
            out["offset"] = i.offset
        if i.notes:
            out["notes"] = i.notes
        return out

    def link(x: TemplateLink) -> dict:
        out: dict[str, Any] = {"from": x.predecessor, "to": x.successor}
        if x.type is not DependencyType.FS:
            out["type"] = x.type.value
        if x.lag:
            out["lag"] = x.lag
        return out

    def gate(g: TemplateGate) -> dict:
        out: dict[str, Any] = {"phase": g.phase.value, "name": g.name}
        if g.milestone:
            out["milestone"] = g.milestone
        out["required_roles"] = list(g.required_roles)
        out["checklist"] = list(g.checklist)
        return out

    def role(r: TemplateRole) -> dict:
        out: dict[str, Any] = {"item": r.item, "role": r.role, "raci": r.raci.value}
        if r.raci is RaciRole.RESPONSIBLE and r.allocation != 100:
            out["allocation"] = r.allocation
        return out

    data: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION, "name": template.name}
    if template.description:
        data["description"] = template.description
    data["items"] = [item(i) for i in template.items]
    data["dependencies"] = [link(x) for x in template.links]
    data["gates"] = [gate(g) for g in template.gates]
    data["raci"] = [role(r) for r in template.roles]
    if template.rollback_plan:
        data["rollback_plan"] = template.rollback_plan
    return data


def template_json(template: Template) -> str:
    return json.dumps(template_to_dict(template), indent=2, ensure_ascii=False) + "\n"


# --- files ---------------------------------------------------------------------------------


def load_template(path: str | os.PathLike) -> Template:
    """Read a template file; TemplateError names the file and the problem."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TemplateError("it is larger than 2 MB; that is not a template.")
        return parse_template(path.read_bytes())
    except OSError as exc:
        raise TemplateError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    except TemplateError as exc:
        raise TemplateError(f"{path.name}: {exc}") from None


def save_template(template: Template, path: str | os.PathLike) -> Path:
    """Write ``template`` to ``path`` atomically (a temp file, then a rename); returns the path."""
    path = Path(path)
    text = template_json(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".template-", suffix=SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def file_name_for(name: str) -> str:
    """A file name for a template called ``name``: "Emergency hotfix" -> "emergency-hotfix.json"."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60].strip("-")
    return (slug or "template") + SUFFIX


def bundled_folder() -> Path:
    """The bundled release templates."""
    return bundled("templates")


def bundled_templates() -> list[tuple[Path, Template]]:
    """The templates that ship with relplan (standard ITIL release, emergency hotfix)."""
    return [(path, load_template(path)) for path in sorted(bundled_folder().glob("*" + SUFFIX))]


def folder_templates(
    folder: str | os.PathLike, on_error: Callable[[TemplateError], None] | None = None
) -> list[tuple[Path, Template]]:
    """The templates in ``folder`` (a user's own); unreadable ones go to ``on_error``."""
    found = []
    folder = Path(folder)
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*" + SUFFIX)):
        try:
            found.append((path, load_template(path)))
        except TemplateError as exc:
            if on_error is not None:
                on_error(exc)
    return found
