"""A planner saves a project and opens it again: nothing is lost, nothing changes."""

from __future__ import annotations

import json
from datetime import date

from storage_samples import big_project, full_project
from tinydb import Query, TinyDB

from relplan.domain import model as m
from relplan.storage import (
    SCHEMA_VERSION,
    AtomicJSONStorage,
    load_project,
    project_from_dict,
    project_to_dict,
    save_project,
)


def assert_same_project(loaded: m.Project, original: m.Project) -> None:
    assert loaded == original
    for table in m.TABLES:  # the order of the rows is kept too
        assert list(loaded.table(table)) == list(original.table(table))


def test_a_project_using_every_table_opens_exactly_as_it_was_saved(saved, project):
    result = load_project(saved)

    assert_same_project(result.project, project)
    assert result.problems == []
    assert result.read_only is False
    assert result.schema_version == SCHEMA_VERSION
    assert result.app_version and result.saved_at


def test_saving_the_opened_project_again_writes_the_same_records(tmp_path, saved):
    again = tmp_path / "again.relplan"
    save_project(load_project(saved).project, again)

    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (saved, again))
    first["_meta"]["1"].pop("saved_at")
    second["_meta"]["1"].pop("saved_at")
    assert first == second


def test_the_file_holds_one_table_per_record_kind_plus_meta_with_rows_keyed_1_2_3(saved):
    document = json.loads(saved.read_text(encoding="utf-8"))

    assert list(document) == ["_meta", *m.TABLES]
    meta = document["_meta"]["1"]
    assert meta["format"] == "relplan"
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["project_name"] == "Payments 2026"
    assert list(document["items"]) == ["1", "2", "3"]


def test_the_file_is_plain_json_a_colleague_can_read(saved):
    text = saved.read_text(encoding="utf-8")
    items = json.loads(text)["items"]
    uat = items["2"]

    assert uat["kind"] == "task"  # enums as their values
    assert uat["constraint"] == {"kind": "start_no_earlier_than", "on": "2026-04-01"}
    assert json.loads(text)["dependencies"]["1"]["predecessor_id"] == "it-1"  # ids, not rows
    assert json.loads(text)["calendars"]["1"]["holidays"] == [
        {"on": "2026-05-01", "name": "Labour Day"}
    ]
    assert json.loads(text)["sign_offs"]["1"]["signed_at"] == "2026-06-10T16:30:00+02:00"
    # One record per line: a change to one record is a one-line diff in version control.
    assert sum(1 for line in text.splitlines() if '"id": "it-' in line) == 3
    assert not text.startswith("\ufeff")


def test_project_to_dict_holds_only_plain_json_values(project):
    document = project_to_dict(project)

    def plain(value):
        if isinstance(value, dict):
            return all(type(k) is str and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or type(value) in (str, int, bool)

    assert plain(document)
    assert project_from_dict(document) == (project, [])


def test_a_stock_tinydb_opens_and_queries_a_saved_project(saved):
    with TinyDB(saved, access_mode="r", encoding="utf-8") as db:
        item = Query()
        assert db.table("_meta").all()[0]["format"] == "relplan"
        found = db.table("items").search(item.kind == "milestone")
        assert [row["name"] for row in found] == ["Go live"]
        assert db.table("dependencies").get(doc_id=2)["lag"] == 2
        assert len(db.table("assignments")) == 2


def test_tinydb_can_use_the_atomic_storage_directly(tmp_path):
    path = tmp_path / "notes.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.table("teams").insert({"id": "t1", "name": "Ops 運用"})
        db.table("teams").insert({"id": "t2", "name": "QA"})
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        assert [row["name"] for row in db.table("teams").all()] == ["Ops 運用", "QA"]
    assert "運用" in path.read_text(encoding="utf-8")


def test_text_that_cannot_be_utf8_is_kept_instead_of_failing_the_save(tmp_path):
    project = m.Project(name="broken \ud800 paste")  # a lone surrogate from a bad clipboard
    path = tmp_path / "odd.relplan"
    save_project(project, path)

    path.read_bytes().decode("utf-8")  # the file is still valid UTF-8
    assert load_project(path).project.name == "broken \ud800 paste"


def test_an_empty_project_round_trips(tmp_path):
    path = tmp_path / "empty.relplan"
    save_project(m.Project(), path)

    assert load_project(path).project == m.Project()


def test_a_big_project_round_trips(tmp_path):
    project = big_project(2000)
    path = tmp_path / "big.relplan"
    save_project(project, path)

    result = load_project(path)
    assert_same_project(result.project, project)
    assert result.problems == []


def test_a_project_name_is_kept_in_meta(tmp_path):
    project = full_project()
    project.name = "Zahlungsverkehr – Q3 🚀"
    path = tmp_path / "named.relplan"
    save_project(project, path)

    assert load_project(path).project.name == "Zahlungsverkehr – Q3 🚀"


def test_dates_far_apart_within_the_supported_years_round_trip(tmp_path):
    project = full_project()
    release = project.releases["rel-1"]
    project.add(m.Release("rel-2", "Old", start=date(1900, 1, 1), deadline=date(2199, 12, 31)))
    path = tmp_path / "years.relplan"
    save_project(project, path)

    loaded = load_project(path).project
    assert loaded.releases["rel-2"].deadline == date(2199, 12, 31)
    assert loaded.releases["rel-1"] == release


def test_a_file_written_by_another_tool_in_its_own_style_opens(tmp_path, project):
    """Compact JSON, keys in another order, fields with defaults left out, BOM-less UTF-8."""
    document = project_to_dict(project)
    for table in m.TABLES:
        for key, row in document[table].items():
            trimmed = {name: value for name, value in row.items() if value not in ("", None, [])}
            document[table][key] = dict(reversed(trimmed.items()))
    path = tmp_path / "exported.relplan"
    path.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")

    result = load_project(path)

    assert result.problems == []
    assert_same_project(result.project, project)
