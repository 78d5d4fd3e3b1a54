"""Release templates: the bundled ones, creating a release from one (dates, links, no
cycles, gates, RACI by job role), saving a release as one, and refusing broken files."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from relplan.domain.edits import EditError, apply_changes
from relplan.domain.gates import GO_NO_GO_ROLES, gate_status
from relplan.domain.graph import find_cycles, release_graph
from relplan.domain.model import Person, Phase, Project, RaciRole
from relplan.domain.schedule import ReleaseSchedule
from relplan.domain.templates import TemplateError, instantiate, template_from_release
from relplan.samples import sample_project
from relplan.samples.payments_plan import PEOPLE, sample_id
from relplan.storage.template_file import (
    bundled_templates,
    file_name_for,
    folder_templates,
    load_template,
    parse_template,
    save_template,
    template_json,
)


def bundled(name: str):
    return next(t for _path, t in bundled_templates() if t.name == name)


def people_project() -> Project:
    """A project with one person for each job role of the sample, and no releases."""
    project = Project(name="Templates")
    for key, (name, role, _team, _availability) in PEOPLE.items():
        project.add(Person(key, name, role=role))
    return project


def test_two_templates_ship_with_relplan():
    names = sorted(t.name for _path, t in bundled_templates())

    assert names == ["Emergency hotfix", "Standard ITIL release"]
    for path, _template in bundled_templates():
        assert path.parent.name == "templates" and path.suffix == ".json"


@pytest.mark.parametrize("name", ["Standard ITIL release", "Emergency hotfix"])
def test_a_release_from_a_template_has_its_items_links_gates_and_roles(name):
    project = people_project()
    template = bundled(name)

    made = instantiate(project, template, "Shop 3.0", date(2027, 4, 5), version="3.0.0")
    apply_changes(project, made.changes)

    release = project.releases[made.release_id]
    assert (release.name, release.version, release.start) == ("Shop 3.0", "3.0.0", date(2027, 4, 5))
    items = project.release_items(release.id)
    assert len(items) == len(template.items)
    assert len(project.dependencies) == len(template.links)
    assert find_cycles(release_graph(project, release.id)) == []
    # Every phase of the template ends at its gate, with checklist and roles.
    gates = {g.phase: g for g in project.gates.values()}
    assert set(gates) == {g.phase for g in template.gates}
    go_no_go = gates[Phase.TEST]
    assert set(GO_NO_GO_ROLES) <= set(go_no_go.required_roles)
    assert project.items[go_no_go.milestone_id].is_milestone
    assert gate_status(project, go_no_go).entries
    # The expected signers are named, by job role; nobody has signed yet.
    signers = {
        s.role: project.people[s.person_id].role
        for s in project.sign_offs.values()
        if s.gate_id == go_no_go.id
    }
    assert signers == {"Development lead": "Development lead", "Product owner": "Product owner"}
    assert all(s.decision is None for s in project.sign_offs.values())
    # RACI by job role: one Accountable per item, every role filled.
    assert made.unfilled_roles == ()
    accountable = Counter(
        a.item_id for a in project.assignments.values() if a.role is RaciRole.ACCOUNTABLE
    )
    assert set(accountable.values()) == {1}
    # Test items carry their test cycles.
    tests = [i for i in template.items if i.test is not None]
    assert len(project.test_cycles) == len(tests)
    assert all(c.item_id in project.items for c in project.test_cycles.values())


def test_the_release_is_anchored_at_the_chosen_start_date():
    project = people_project()
    template = bundled("Standard ITIL release")
    made = instantiate(project, template, "Shop 3.0", date(2027, 4, 5))
    apply_changes(project, made.changes)
    schedule = ReleaseSchedule(project, project.releases[made.release_id])
    by_name = {i.name: i.id for i in project.release_items(made.release_id)}

    assert schedule.dates(by_name["Collect change requests"]).start == date(2027, 4, 5)
    assert schedule.dates(by_name["Scope approved"]).finish == date(2027, 4, 14)
    assert schedule.dates(by_name["Go-live"]).finish == date(2027, 6, 15)  # 52 working days
    assert schedule.conflicts() == []

    later = instantiate(project, template, "Shop 3.1", date(2027, 9, 6))
    apply_changes(project, later.changes)
    schedule = ReleaseSchedule(project, project.releases[later.release_id])
    first = next(
        i for i in project.release_items(later.release_id) if i.name == "Collect change requests"
    )
    assert schedule.dates(first.id).start == date(2027, 9, 6)


def test_creating_a_release_is_one_edit_that_undo_takes_back_whole():
    project = people_project()
    before = {name: dict(project.table(name)) for name in ("releases", "items", "gates")}

    made = instantiate(project, bundled("Emergency hotfix"), "Hotfix 4.2.1", date(2027, 3, 8))
    apply_changes(project, made.changes)
    apply_changes(project, made.changes.inverted())

    assert {name: dict(project.table(name)) for name in before} == before
    assert not project.dependencies and not project.assignments and not project.checklists


def test_roles_nobody_has_are_listed_and_left_unassigned():
    project = Project(name="Small team")
    project.add(Person("p", "Pat", role="Development lead"))

    made = instantiate(project, bundled("Emergency hotfix"), "Hotfix 1", date(2027, 3, 8))

    assert "Product owner" in made.unfilled_roles
    assert "Development lead" not in made.unfilled_roles
    apply_changes(project, made.changes)
    assert {a.person_id for a in project.assignments.values()} == {"p"}


def test_a_release_name_must_be_new():
    project = people_project()
    apply_changes(
        project, instantiate(project, bundled("Emergency hotfix"), "HF", date(2027, 3, 8)).changes
    )
    with pytest.raises(EditError, match="There is a release 'HF' already"):
        instantiate(project, bundled("Emergency hotfix"), "hf", date(2027, 3, 8))


def test_a_release_saved_as_a_template_makes_the_same_shape_again(tmp_path: Path):
    project = sample_project()
    release_id = sample_id("release", "4.2")

    template, left_out = template_from_release(project, release_id, "Payments release", "Our way")
    path = save_template(template, tmp_path / file_name_for(template.name))

    assert path.name == "payments-release.json"
    assert left_out == []
    loaded = load_template(path)
    assert loaded == template
    assert [t.name for _p, t in folder_templates(tmp_path)] == ["Payments release"]
    made = instantiate(project, loaded, "Payments 4.3", date(2027, 4, 5))
    apply_changes(project, made.changes)
    old, new = project.release_items(release_id), project.release_items(made.release_id)
    assert sorted(i.name for i in old) == sorted(i.name for i in new)
    assert all(i.progress == 0 for i in new)
    gates = [g for g in project.gates.values() if g.release_id == made.release_id]
    assert len(gates) == 6
    assert all(not e.done for g in gates for e in gate_status(project, g).entries)
    assert find_cycles(release_graph(project, made.release_id)) == []
    cycles = [c for c in project.test_cycles.values() if c.release_id == made.release_id]
    assert len(cycles) == 7 and all(c.result.value == "planned" for c in cycles)
    assert "Go-live on Monday" not in project.releases[made.release_id].description


BROKEN = [
    ("not json", "not valid JSON"),
    ('{"format": "relplan-template", "version": 1, "name": "x", "name": "y"}', "appears twice"),
    ('{"format": "other"}', "not a relplan template"),
    ('{"format": "relplan-template", "version": 9, "name": "x", "items": []}', "newer relplan"),
    (
        '{"format": "relplan-template", "version": 1, "name": "x", "items": [{"key": "a", '
        '"name": "A", "phase": "build", "duration": NaN}]}',
        "not a number",
    ),
]


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_broken_template_files_are_refused_with_the_reason(text, message):
    with pytest.raises(TemplateError, match=message):
        parse_template(text)


def _edited(change) -> str:
    data = json.loads(template_json(bundled("Emergency hotfix")))
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["dependencies"].append({"from": "sp.gate", "to": "rq.triage"}),
            "go round in a circle",
        ),
        (
            lambda d: d["dependencies"].append({"from": "nope", "to": "rq.triage"}),
            "names item 'nope'",
        ),
        (
            lambda d: d["gates"][2]["required_roles"].remove("Product owner"),
            "signed by the Product owner",
        ),
        (lambda d: d["gates"][0].update(milestone="rq.triage"), "must name a milestone"),
        (lambda d: d["items"][0].update(phase="later"), "must be one of request"),
        (lambda d: d["items"][0].update(colour="red"), "unknown field \u201ccolour\u201d"),
        (lambda d: d["items"][1].update(key="rq.triage"), "used twice"),
        (lambda d: d["items"][0].update(duration=0), "1 to 10000 working days"),
    ],
)
def test_templates_that_would_make_a_broken_release_are_refused(change, message):
    with pytest.raises(TemplateError, match=message):
        parse_template(_edited(change))
