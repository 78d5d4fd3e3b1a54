"""Whatever a planner types, in any script, a saved project opens unchanged (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relplan.domain import model as m
from relplan.storage import load_project, save_project

TRICKY = [
    "発注システムの移行",  # CJK
    "مرحبا بالعالم",  # RTL Arabic
    "שלום עולם",  # RTL Hebrew
    "\u202eright-to-left override",
    "🚀 Go-live 🎉👩🏽‍💻",  # emoji, skin tone, ZWJ sequence
    'She said "ship it"',
    "it's <b>bold</b> & <img src=http://x/y.png>",
    "line one\nline two\r\nline three",
    "tab\there, back\\slash, nul\x00",
    "\ufeffa BOM inside the text",
    "Ελληνικά, Кириллица, ünïcödé",
]
FIRST, LAST = date(1900, 1, 1), date(2199, 12, 31)

text = st.one_of(st.text(max_size=30), st.sampled_from(TRICKY))
names = text.filter(lambda t: t and not t.isspace())
days = st.dates(min_value=FIRST, max_value=LAST)
zones = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))),
)
moments = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30), timezones=zones
)
percent = st.integers(0, 100)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def projects(draw) -> m.Project:
    """A random, valid project: every reference points at a record of the project."""
    counter = itertools.count(1)
    prefix = draw(st.sampled_from(["", "ид-", "🆔", "x\"'<", "  spaced "]))

    def new_id() -> str:
        return f"{prefix}{next(counter)}"

    def some(strategy, low=0, high=3):
        return draw(st.lists(strategy, min_size=low, max_size=high))

    def pick(records, none=True):
        ids = [r.id for r in records]
        if not ids:
            return None
        return draw(maybe(st.sampled_from(ids)) if none else st.sampled_from(ids))

    def pick_many(records):
        if not records:
            return ()
        return tuple(draw(st.lists(st.sampled_from([r.id for r in records]), max_size=3)))

    project = m.Project(name=draw(names))
    ranges = st.tuples(days, st.integers(0, 60)).map(lambda t: (t[0], t[0] + timedelta(t[1])))
    calendars = [
        m.Calendar(
            new_id(),
            draw(names),
            tuple(draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True))),
            tuple(some(st.builds(m.Holiday, days, text))),
            tuple(
                m.FreezeWindow(draw(names), start, end)
                for start, end in some(ranges.filter(lambda r: r[1] <= LAST))
            ),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    teams = [m.Team(new_id(), draw(names), draw(text)) for _ in range(draw(st.integers(0, 2)))]
    people = [
        m.Person(new_id(), draw(names), draw(text), draw(text), pick(teams), draw(percent))
        for _ in range(draw(st.integers(0, 3)))
    ]
    releases = []
    for _ in range(draw(st.integers(1, 2))):
        window = draw(maybe(ranges.filter(lambda r: r[1] <= LAST)))
        releases.append(
            m.Release(
                new_id(),
                draw(names),
                draw(text),
                draw(days),
                draw(maybe(days)),
                draw(st.sampled_from(m.Phase)),
                pick(calendars),
                pick(people),
                draw(text),
                window[0] if window else None,
                window[1] if window else None,
                draw(text),
            )
        )
    items = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(m.ItemKind))
        constraint = draw(maybe(st.builds(m.Constraint, st.sampled_from(m.ConstraintKind), days)))
        items.append(
            m.WorkItem(
                new_id(),
                pick(releases, none=False),
                draw(names),
                kind,
                draw(st.sampled_from(m.Phase)),
                0 if kind is m.ItemKind.MILESTONE else draw(st.integers(1, 10_000)),
                constraint,
                draw(percent),
                draw(text),
            )
        )
    pairs = [(a, b) for a, b in itertools.combinations(items, 2) if a.release_id == b.release_id]
    links = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=5)) if pairs else []
    dependencies = [
        m.Dependency(
            new_id(),
            a.id,
            b.id,
            draw(st.sampled_from(m.DependencyType)),
            draw(st.integers(-1000, 1000)),
        )
        for a, b in links
    ]
    assignments = [
        m.Assignment(
            new_id(),
            pick(items, none=False),
            pick(people, none=False),
            draw(st.sampled_from(m.RaciRole)),
            draw(percent),
        )
        for _ in range(draw(st.integers(0, 3) if items and people else st.just(0)))
    ]
    audiences = [
        m.Audience(new_id(), draw(names), draw(text), pick_many(people), pick_many(teams))
        for _ in range(draw(st.integers(0, 2)))
    ]
    change_requests = [
        m.ChangeRequest(
            new_id(),
            draw(names),
            draw(st.sampled_from(m.RequestType)),
            draw(text),
            draw(maybe(days)),
            draw(st.sampled_from(m.Priority)),
            draw(st.sampled_from(m.RequestStatus)),
            pick(releases),
            draw(text),
            draw(text),
            draw(text),
            draw(maybe(st.booleans())),
            draw(text),
            draw(maybe(st.sampled_from(m.Decision))),
            draw(text),
            draw(maybe(days)),
            draw(text),
            draw(text),
            tuple(some(text)),
            pick_many(audiences),
            pick(releases),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    checklists = [
        m.Checklist(
            new_id(),
            draw(names),
            tuple(
                m.ChecklistEntry(
                    new_id(), draw(names), draw(st.booleans()), draw(text), draw(maybe(moments))
                )
                for _ in range(draw(st.integers(0, 3)))
            ),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    gates = [
        m.Gate(
            new_id(),
            pick(releases, none=False),
            draw(names),
            draw(st.sampled_from(m.Phase)),
            pick(items),
            pick(checklists),
            tuple(some(text)),
            draw(text),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    sign_offs = [
        m.SignOff(
            new_id(),
            pick(gates, none=False),
            draw(text),
            pick(people),
            draw(maybe(st.sampled_from(m.SignOffDecision))),
            draw(maybe(moments)),
            draw(text),
        )
        for _ in range(draw(st.integers(0, 2)) if gates else 0)
    ]
    test_cycles = []
    for _ in range(draw(st.integers(0, 2))):
        period = draw(maybe(ranges.filter(lambda r: r[1] <= LAST)))
        test_cycles.append(
            m.TestCycle(
                new_id(),
                pick(releases, none=False),
                draw(names),
                draw(st.sampled_from(m.TestKind)),
                period[0] if period else None,
                period[1] if period else None,
                draw(st.sampled_from(m.TestResult)),
                draw(st.integers(0, 1_000_000)),
                pick(items),
                draw(text),
            )
        )
    sessions = [
        m.TrainingSession(
            new_id(),
            pick(releases, none=False),
            pick(audiences, none=False),
            draw(names),
            draw(maybe(days)),
            pick(people),
            draw(text),
        )
        for _ in range(draw(st.integers(0, 2)) if audiences else 0)
    ]
    for record in itertools.chain(
        calendars,
        teams,
        people,
        releases,
        items,
        dependencies,
        assignments,
        audiences,
        change_requests,
        checklists,
        gates,
        sign_offs,
        test_cycles,
        sessions,
    ):
        project.add(record)
    return project


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("round-trip")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects())
def test_any_project_opens_exactly_as_it_was_saved(folder, project):
    path = folder / "random.relplan"
    save_project(project, path)

    result = load_project(path)

    assert result.problems == []
    assert result.project == project
    for table in m.TABLES:
        assert list(result.project.table(table)) == list(project.table(table))
