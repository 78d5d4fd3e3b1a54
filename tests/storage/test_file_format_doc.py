"""Someone writing a tool against docs/file-format.md finds every table and field described,
and the example in it is a valid project."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from relplan.domain import model as m
from relplan.storage import SCHEMA_VERSION, project_from_dict
from relplan.storage.codec import REFERENCES

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-format.md"


def documented_tables() -> dict[str, set[str]]:
    """Table name -> the fields listed in its section of the document."""
    tables: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `(\w+)`", line)
        if heading:
            current = tables.setdefault(heading.group(1), set())
        elif line.startswith("## "):
            current = None
        elif current is not None:
            cell = re.match(r"\| `(\w+)` \|", line)
            if cell:
                current.add(cell.group(1))
    return tables


@pytest.mark.parametrize("table", list(m.TABLES))
def test_every_field_of_every_table_is_documented(table):
    fields = {f.name for f in dataclasses.fields(m.TABLES[table])}

    assert documented_tables()[table] == fields


def test_the_nested_records_are_documented():
    text = DOC.read_text(encoding="utf-8")
    for cls in (m.Constraint, m.Holiday, m.FreezeWindow, m.ChecklistEntry):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in text or f'"{f.name}"' in text, (cls.__name__, f.name)


def test_the_documented_example_is_a_valid_project():
    text = DOC.read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("\n```", 1)[0]

    project, problems = project_from_dict(json.loads(example))

    assert problems == []
    assert project.name == "Webshop 3.1" and len(project.items) == 2


def test_the_document_names_the_current_version():
    assert f"(`schema_version: {SCHEMA_VERSION}`)" in DOC.read_text(encoding="utf-8")


def test_every_id_field_of_the_model_is_checked_as_a_reference():
    for cls in m.TABLES.values():
        for f in dataclasses.fields(cls):
            if f.name.endswith(("_id", "_ids")):
                assert f.name in REFERENCES, f"{cls.__name__}.{f.name}"
