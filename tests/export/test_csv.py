"""CSV: a planner edits the plan in a spreadsheet and brings it back."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from exchange_support import only_release, snapshot

from relplan.domain.model import (
    Assignment,
    Calendar,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    WorkItem,
)
from relplan.export.csv_table import (
    COLUMNS,
    csv_text,
    export_csv,
    format_link,
    import_csv,
    read_csv,
    safe_cell,
)
from relplan.export.exchange_report import ExchangeError
from relplan.storage import load_project, save_project


def portal_project() -> Project:
    """A release on a plain Monday-to-Friday calendar (a CSV table has no calendar)."""
    project = Project(name="Web")
    project.add(Calendar("cal", "Standard"))
    project.add(Release("rel", "Portal 2.0", start=date(2027, 3, 1), calendar_id="cal"))
    items = [
        WorkItem("a", "rel", "Write spec", phase=Phase.PLAN, duration=3, progress=100),
        WorkItem(
            "b",
            "rel",
            "Build API",
            duration=5,
            constraint=Constraint(ConstraintKind.START_NO_EARLIER_THAN, date(2027, 3, 10)),
            notes="REST, then GraphQL; see the spec.\nSecond line",
        ),
        WorkItem("c", "rel", '=HYPERLINK("http://x.example")', duration=2),
        WorkItem("d", "rel", "Test API", phase=Phase.TEST, duration=4),
        WorkItem(
            "e",
            "rel",
            "Go-live",
            kind=ItemKind.MILESTONE,
            phase=Phase.DEPLOY,
            duration=0,
            constraint=Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 4, 2)),
        ),
    ]
    for item in items:
        project.add(item)
    for n, (pred, succ, kind, lag) in enumerate(
        [
            ("a", "b", DependencyType.FS, 2),
            ("a", "c", DependencyType.SS, 1),
            ("b", "d", DependencyType.SS, -1),
            ("c", "d", DependencyType.FF, 0),
            ("d", "e", DependencyType.FS, 0),
            ("b", "e", DependencyType.SF, 3),
        ]
    ):
        project.add(Dependency(f"dep{n}", pred, succ, kind, lag))
    project.add(Person("ann", "Ann Lee"))
    project.add(Person("bob", "-Bob"))
    for n, (item, person, role, allocation) in enumerate(
        [
            ("a", "ann", RaciRole.RESPONSIBLE, 50),
            ("b", "bob", RaciRole.RESPONSIBLE, 100),
            ("b", "ann", RaciRole.ACCOUNTABLE, 0),
            ("e", "ann", RaciRole.CONSULTED, 0),
            ("e", "bob", RaciRole.INFORMED, 0),
        ]
    ):
        project.add(Assignment(f"as{n}", item, person, role, allocation))
    return project


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_export_has_english_headers_iso_dates_and_the_predecessor_syntax():
    project = portal_project()
    text, report = csv_text(project)
    rows = _rows(text)
    assert list(rows[0]) == list(COLUMNS)
    by_name = {row["Name"]: row for row in rows}
    spec, api = by_name["Write spec"], by_name["Build API"]
    assert (spec["Start"], spec["Finish"], spec["Duration"]) == ("2027-03-01", "2027-03-03", "3")
    assert api["Predecessors"] == f"{spec['ID']}FS+2d"
    assert api["Constraint"] == "start no earlier than"
    assert api["Constraint date"] == "2027-03-10"
    assert spec["Responsible"] == "Ann Lee (50%)"
    assert api["Accountable"] == "Ann Lee"
    test = by_name["Test API"]
    formula = by_name['\'=HYPERLINK("http://x.example")']
    expected = [f"{api['ID']}SS-1d", f"{formula['ID']}FF"]
    assert sorted(test["Predecessors"].split("; ")) == sorted(expected)
    assert "leading '" in " ".join(report.approximated)


def test_formula_cells_are_neutralised_for_spreadsheets():
    text, _report = csv_text(portal_project())
    rows = _rows(text)
    names = [row["Name"] for row in rows]
    assert '\'=HYPERLINK("http://x.example")' in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert {row["Informed"] for row in rows} >= {"'-Bob"}
    for cell in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("12FS+2d") == "12FS+2d"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_relplan_to_csv_to_relplan_keeps_the_plan(tmp_path, delimiter):
    project = portal_project()
    release = project.releases["rel"]
    path = tmp_path / "portal.csv"
    export_csv(project, release, path, delimiter)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for accents
    result = import_csv(path)
    back = result.project
    again = only_release(back)
    assert again.name == "Portal 2.0"
    before, after = snapshot(project, release), snapshot(back, again)
    for key in ("items", "links", "roles", "work_week", "holidays"):
        assert after[key] == before[key], key
    assert set(back.items) == set(project.items)  # ids kept through the UID column
    assert "calendars are Monday to Friday" in " ".join(result.report.approximated)


def _import(text: str):
    return read_csv(text.encode("utf-8"), "plan.csv", "Plan")


def test_semicolons_and_the_predecessor_syntax_are_read():
    text = (
        "ID;Name;Duration;Predecessors;Start\n"
        "1;Spec;3;;2027-03-01\n"
        "2;Build;5;1FS+2d;\n"
        "3;Docs;2;1SS-1d 2FF;\n"
        "4;Review;1;2, 3FS + 1w;\n"
        "5;Launch;0;4;\n"
    )
    result = _import(text)
    project = result.project
    names = {item.id: item.name for item in project.items.values()}
    links = sorted(
        (names[d.predecessor_id], names[d.successor_id], d.type.value, d.lag)
        for d in project.dependencies.values()
    )
    assert links == [
        ("Build", "Docs", "FF", 0),
        ("Build", "Review", "FS", 0),
        ("Docs", "Review", "FS", 5),
        ("Review", "Launch", "FS", 0),
        ("Spec", "Build", "FS", 2),
        ("Spec", "Docs", "SS", -1),
    ]
    launch = next(i for i in project.items.values() if i.name == "Launch")
    assert launch.is_milestone
    assert only_release(project).start == date(2027, 3, 1)
    assert result.report.title == "Imported plan.csv (CSV) as release 'Plan'"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("1;Spec;abc;;", "Duration 'abc' is not a number"),
        ("1;Spec;3;;03/01/2027", "Start '03/01/2027' is not an ISO date"),
        ("1;Spec;3;9FS;", "no row has ID 9"),
        ("1;Spec;3;after 2;", "predecessors 'after 2' not understood"),
    ],
)
def test_cells_that_cannot_be_read_are_reported_not_fatal(row, problem):
    result = _import("ID;Name;Duration;Predecessors;Start\n" + row + "\n2;Next;1;;\n")
    assert len(result.project.items) == 2
    assert problem in " ".join(result.report.dropped)


def test_self_links_and_cycles_are_refused_and_the_rest_kept():
    result = _import("ID,Name,Predecessors\n1,A,3\n2,B,1\n3,C,2\n4,D,4\n")
    assert len(result.project.dependencies) == 2
    dropped = " ".join(result.report.dropped)
    assert "'D' to 'D': a task cannot depend on itself" in dropped
    assert "it would close a cycle" in dropped


def test_dates_a_project_file_cannot_hold_are_left_out(tmp_path):
    result = _import(
        "ID,Name,Start,Constraint,Constraint date\n"
        "1,A,2027-01-04,,\n"
        "2,B,1800-01-01,snet,2300-01-01\n"
    )
    assert only_release(result.project).start == date(2027, 1, 4)
    assert "the start of 'B'; the constraint of 'B'" in " ".join(result.report.dropped)
    save_project(result.project, tmp_path / "plan.relplan")
    assert not load_project(tmp_path / "plan.relplan").problems
    with pytest.raises(ExchangeError, match="outside the years 1900 to 2199"):
        _import("Name,Start\nA,2500-01-01\n")


def test_several_releases_and_people_shared_between_them():
    text = (
        "ID,Name,Release,Responsible,Predecessors\n"
        "1,Spec,Alpha,Ann (50%),\n"
        "2,Build,Alpha,Ann,1\n"
        "3,Spec,Beta,Ann; Bob,\n"
        "4,Build,Beta,,1\n"
    )
    result = _import(text)
    project = result.project
    assert sorted(r.name for r in project.releases.values()) == ["Alpha", "Beta"]
    assert sorted(p.name for p in project.people.values()) == ["Ann", "Bob"]
    assert len(project.dependencies) == 1  # the link across releases is refused
    assert "of another release" in " ".join(result.report.dropped)
    assert any(line.startswith("release 'Beta': ") for line in result.report.kept)


def test_excel_ansi_files_and_unknown_columns():
    text = "Name;Owner;Duration\nCaf\xe9 opening;Zo\xeb;2\n".encode("cp1252")
    result = read_csv(text, "excel.csv", "Plan")
    (item,) = result.project.items.values()
    assert item.name == "Café opening"
    assert "Windows-1252" in " ".join(result.report.approximated)
    assert "'Owner'" in " ".join(result.report.dropped)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"Task;Start\n", None),  # "Task" is an accepted spelling of Name
        (b"Title,Start\nA,2027-01-01\n", "has no 'Name' column"),
    ],
)
def test_tables_without_names(content, message):
    if message is None:
        assert read_csv(content, "x.csv").project.items == {}
        return
    with pytest.raises(ExchangeError, match=message):
        read_csv(content, "x.csv")


def test_format_link():
    assert format_link(12, DependencyType.FS, 2) == "12FS+2d"
    assert format_link(3, DependencyType.SS, -1) == "3SS-1d"
    assert format_link(7, DependencyType.FF, 0) == "7FF"
