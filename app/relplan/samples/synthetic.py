"""Synthetic projects of any size with a realistic shape, for benchmarks.

Items are laid out phase after phase in about twenty rows of parallel lanes. An item depends
on items one or two rows back in nearby lanes, now and then on any earlier item, and the first
row of a phase waits for the previous phase's gate. Links always point back to earlier items,
so the graph is acyclic by construction, and the release spans months at any size.
"""

from __future__ import annotations

import random
from datetime import date

from relplan.domain.model import (
    Assignment,
    Calendar,
    Dependency,
    DependencyType,
    FreezeWindow,
    Holiday,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    Team,
    WorkItem,
)
from relplan.performance import paused_gc

# phase, share of the items, gate name, verb and nouns of the other items' names
_PHASES = (
    (Phase.REQUEST, 0.06, "Scope approved", "Evaluate", ("change request",)),
    (Phase.PLAN, 0.08, "Plan approved", "Plan", ("scope", "milestones", "environments")),
    (Phase.BUILD, 0.38, "Code complete", "Build", ("API", "service", "batch", "screen")),
    (Phase.TEST, 0.26, "Go/no-go decision", "Test", ("API", "service", "batch", "screen")),
    (Phase.DEPLOY, 0.10, "Go-live", "Deploy", ("service", "database", "configuration")),
    (Phase.SUPPORT, 0.12, "Release closed", "Monitor", ("service", "batch", "incidents")),
)
_AREAS = ("payments", "ledger", "refunds", "payouts", "reporting", "onboarding", "risk", "billing")
_ROWS = 20
_MILESTONE_SHARE = 0.08
_START = date(2027, 1, 4)

_TEAMS = (
    ("Release management", "Release coordinator"),
    ("Development", "Developer"),
    ("Quality assurance", "Test analyst"),
    ("Operations", "Operations engineer"),
    ("Business", "Business analyst"),
)
_FIRST = "Anna Ben Chloe David Elif Felix Grace Hugo Ines Jan Kira Leo Mila Noah Olga Paul Rosa "
_FIRST += "Sami Tara Victor"
_LAST = "Adler Berg Costa Dorn Engel Fuchs Graf Hahn Ito Jung Kern Lang Meyer Novak Ortiz Park "
_LAST += "Roth Sato Vogel Wolf"
_FIRST_NAMES, _LAST_NAMES = _FIRST.split(), _LAST.split()


def synthetic_project(items: int, seed: int = 0) -> Project:
    """One release of ``items`` work items with a realistic shape, for benchmarks.

    The six phases in order, ~8 % milestones (the phase gates and others), about two links an
    item to earlier items (mostly FS, some SS/FF, some lags), durations of 1-15 days,
    ``max(8, items // 20)`` people in teams, one R and one A per item, holidays and year-end
    freezes. The same ``items`` and ``seed`` give the same project, ids included.
    """
    if items < 1:
        raise ValueError("A synthetic project needs at least one item; ask for 1 or more.")
    with paused_gc():
        return _synthetic_project(items, seed)


def _synthetic_project(items: int, seed: int) -> Project:
    rng = random.Random(seed)
    project = Project(name=f"Synthetic project ({items:,} items, seed {seed})")
    calendar = _calendar(_random_ids(rng, 1)[0])
    project.add(calendar)
    people = _people(project, max(8, items // 20), rng)
    release = Release(
        id=_random_ids(rng, 1)[0],
        name=f"Synthetic release ({items:,} items)",
        version="1.0.0",
        start=_START,
        phase=Phase.BUILD,
        calendar_id=calendar.id,
        owner_id=people[0].id,
        description=f"Generated for benchmarks with seed {seed}.",
    )
    project.add(release)
    _add_items(project, release.id, items, people, rng)
    return project


def _random_ids(rng: random.Random, count: int) -> list[str]:
    """``count`` UUID4 strings drawn from ``rng``: reproducible, and fast in bulk.

    Slicing one long hex string is much faster than building ``uuid.UUID`` objects; the
    version nibble is 4 and the variant nibble 8 (RFC 4122).
    """
    h = rng.randbytes(16 * count).hex()
    return [
        f"{h[k : k + 8]}-{h[k + 8 : k + 12]}-4{h[k + 13 : k + 16]}-8{h[k + 17 : k + 20]}-"
        f"{h[k + 20 : k + 32]}"
        for k in range(0, 32 * count, 32)
    ]


def _phase_ends(count: int) -> list[int]:
    """The end (exclusive) of each phase's block of items; no phase is empty from 6 items."""
    ends, share = [], 0.0
    last = len(_PHASES) - 1
    for n, (_phase, part, *_rest) in enumerate(_PHASES):
        share += part
        end = count if n == last else round(share * count)
        if count >= len(_PHASES):
            end = min(max(end, n + 1, ends[-1] + 1 if ends else 0), count - (last - n))
        ends.append(max(end, ends[-1] if ends else 0))
    return ends


def _add_items(
    project: Project, release_id: str, count: int, people: list[Person], rng: random.Random
) -> None:
    """Items, links and R/A assignments of the release (the hot loop: keep it lean)."""
    random_ = rng.random
    width = max(1, count // _ROWS)  # parallel lanes
    extra_milestones = max(0.0, _MILESTONE_SHARE - len(_PHASES) / count)
    ids = _random_ids(rng, count)
    table = project.items
    links: list[tuple[int, int, DependencyType, int]] = []
    responsible: list[tuple[Person, int]] = []
    fs, ss, ff = DependencyType.FS, DependencyType.SS, DependencyType.FF
    task, milestone = ItemKind.TASK, ItemKind.MILESTONE
    n_people, n_areas = len(people), len(_AREAS)
    begin, gate = 0, -1
    for (phase, _share, gate_name, verb, nouns), end in zip(
        _PHASES, _phase_ends(count), strict=True
    ):
        for i in range(begin, end):
            if i == end - 1:
                name, kind, duration = gate_name, milestone, 0
            elif random_() < extra_milestones:
                name, kind, duration = f"Checkpoint {i + 1}", milestone, 0
            else:
                noun = nouns[int(random_() * len(nouns))]
                name = f"{verb} {_AREAS[int(random_() * n_areas)]} {noun} {i + 1}"
                # Mostly short tasks, a few long ones: 1-15 days, mean about 6.
                kind, duration = task, 1 + int(15 * random_() ** 2)
            table[ids[i]] = WorkItem(ids[i], release_id, name, kind, phase, duration)
            preds = set()
            links_wanted = 1 + (random_() < 0.75) + (random_() < 0.25) if i else 0  # mean 2
            for _ in range(links_wanted):
                if random_() < 0.85:  # nearby: one or two rows back, a lane or two aside
                    p = i - width * (1 + (random_() < 0.3)) + int(random_() * 5) - 2
                    if p >= i:
                        p = i - 1
                    elif p < 0:
                        continue  # the first row starts with the release
                else:  # far: any earlier item
                    p = int(random_() * i)
                preds.add(p)
            if gate >= 0 and i - begin < width:
                preds.add(gate)  # the phase's first row waits for the previous gate
            for p in sorted(preds):
                roll = random_()
                lag = 1 + int(random_() * 5) if random_() < 0.15 else 0
                links.append((p, i, fs if roll < 0.8 else ss if roll < 0.9 else ff, lag))
            responsible.append(
                (people[int(random_() * n_people)], (50, 80, 100)[int(random_() * 3)])
            )
        if end > begin:
            gate = end - 1
        begin = end
    deps = project.dependencies
    for dep_id, (p, s, kind_, lag) in zip(_random_ids(rng, len(links)), links, strict=True):
        deps[dep_id] = Dependency(dep_id, ids[p], ids[s], kind_, lag)
    _assign(project, ids, responsible, people, _random_ids(rng, 2 * count))


def _assign(
    project: Project,
    item_ids: list[str],
    responsible: list[tuple[Person, int]],
    people: list[Person],
    assignment_ids: list[str],
) -> None:
    """One R (the drawn person) and one A (their team lead, or the release manager)."""
    leads = {p.team_id: p.id for p in reversed(people)}  # the first of each team leads it
    manager = people[0].id
    table = project.assignments
    r_role, a_role = RaciRole.RESPONSIBLE, RaciRole.ACCOUNTABLE
    for n, (item_id, (person, allocation)) in enumerate(zip(item_ids, responsible, strict=True)):
        lead = leads[person.team_id]
        if lead == person.id:
            lead = manager if person.id != manager else people[1].id
        r_id, a_id = assignment_ids[2 * n], assignment_ids[2 * n + 1]
        table[r_id] = Assignment(r_id, item_id, person.id, r_role, allocation)
        table[a_id] = Assignment(a_id, item_id, lead, a_role, 0)


def _calendar(calendar_id: str) -> Calendar:
    """Mon-Fri with fixed-date holidays and a year-end freeze, around the release's years."""
    holidays, freezes = [], []
    for year in range(_START.year - 1, _START.year + 4):
        for month, day, name in (
            (1, 1, "New Year's Day"),
            (5, 1, "Labour Day"),
            (10, 3, "National Day"),
            (12, 25, "Christmas Day"),
            (12, 26, "Second Day of Christmas"),
        ):
            holidays.append(Holiday(date(year, month, day), name))
        freezes.append(
            FreezeWindow(f"Year-end change freeze {year}", date(year, 12, 18), date(year + 1, 1, 4))
        )
    return Calendar(
        calendar_id, "Standard (Mon-Fri)", (0, 1, 2, 3, 4), tuple(holidays), tuple(freezes)
    )


def _people(project: Project, count: int, rng: random.Random) -> list[Person]:
    """``count`` people in teams of about seven; the first of each team leads it, and the very
    first person is the release manager."""
    team_count = max(3, round(count / 7))
    ids = _random_ids(rng, team_count + count)
    teams = []
    for n in range(team_count):
        name, role = _TEAMS[n % len(_TEAMS)]
        if n >= len(_TEAMS):
            name = f"{name} {n // len(_TEAMS) + 1}"
        team = Team(ids[n], name)
        project.add(team)
        teams.append((team, role))
    pairs = len(_FIRST_NAMES) * len(_LAST_NAMES)
    people = []
    for n in range(count):
        team, role = teams[n % team_count]
        first, last = (
            _FIRST_NAMES[n % len(_FIRST_NAMES)],
            _LAST_NAMES[(n // len(_FIRST_NAMES)) % len(_LAST_NAMES)],
        )
        suffix = f"{n // pairs + 1}" if n >= pairs else ""
        if n < team_count:
            role = "Release manager" if n == 0 else f"{team.name} lead"
        person = Person(
            ids[team_count + n],
            f"{first} {last}{' ' + suffix if suffix else ''}",
            f"{first}.{last}{suffix}@example.com".lower(),
            role,
            team.id,
            (60, 80, 100, 100, 100)[int(rng.random() * 5)],
        )
        project.add(person)
        people.append(person)
    return people
