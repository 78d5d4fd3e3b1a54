"""The RACI section: a matrix (items by people) when the people fit across the page, else a
list with the people of each role written out (large releases).
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from relplan.domain.model import Person, RaciRole
from relplan.export.pdf import fonts, text, theme
from relplan.export.pdf.facts import ReleaseFacts
from relplan.export.pdf.tables import SplitTable, cell, head, widths_for

PERSON_COL = 19.0
ITEM_COL_MIN = 170.0
_ROLE_LOOK = {
    RaciRole.ACCOUNTABLE: (theme.NAVY, theme.WHITE),
    RaciRole.RESPONSIBLE: (HexColor("#d6e3fc"), theme.NAVY),
    RaciRole.CONSULTED: (HexColor("#fdebc8"), HexColor("#7a4b00")),
    RaciRole.INFORMED: (HexColor("#eceff3"), theme.MUTED),
}
_ORDER = (RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE, RaciRole.CONSULTED, RaciRole.INFORMED)


class VerticalLabel(Flowable):
    """A column header written bottom to top, so a column of initials stays narrow."""

    def __init__(self, label: str, size: float = 7.0) -> None:
        super().__init__()
        self.label = fonts.fit(text.clean(label), fonts.COND_BOLD, size, 88)
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self.size + 2
        self.height = fonts.string_width(self.label, fonts.COND_BOLD, self.size) + 2
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.translate(self.size - 1, 1)
        canvas.rotate(90)
        canvas.setFillColor(theme.NAVY)
        fonts.draw_string(canvas, 0, 0, self.label, fonts.COND_BOLD, self.size)
        canvas.restoreState()


def _people(facts: ReleaseFacts) -> list[Person]:
    """Everyone with a role in the release, grouped by team."""
    seen: dict[str, Person] = {}
    for roles in facts.raci.values():
        for people in roles.values():
            for person in people:
                seen[person.id] = person
    teams = facts.project.teams

    def team_name(p: Person) -> str:
        return teams[p.team_id].name if p.team_id in teams else "~"

    return sorted(seen.values(), key=lambda p: (team_name(p).casefold(), p.name.casefold()))


def raci_matrix(facts: ReleaseFacts, width: float) -> list[Flowable] | None:
    """Items down, people across; None when the people do not fit across the page."""
    people = _people(facts)
    if not people or ITEM_COL_MIN + PERSON_COL * len(people) > width:
        return None
    # Spread the people's columns when there is room, up to a comfortable width.
    person_w = max(PERSON_COL, min(30.0, (width - 300.0) / len(people)))
    item_w = width - person_w * len(people)
    widths = [item_w] + [person_w] * len(people)
    column = {p.id: n + 1 for n, p in enumerate(people)}
    header = [[text.para("Work item", theme.styles()["cell_head"])]]
    header[0] += [VerticalLabel(p.name) for p in people]
    rows: list[list] = []
    styles: dict[int, list[tuple]] = {}
    phase = None
    bold = theme.styles()["cell_bold"]
    for item in facts.items:
        if item.phase is not phase:
            phase = item.phase
            styles[len(rows)] = [
                ("SPAN", 0, -1),
                ("BACKGROUND", 0, -1, theme.HEADER_ROW),
                ("TEXTCOLOR", 0, 0, theme.NAVY),
            ]
            rows.append([text.para(phase.label, bold)] + [""] * len(people))
        row: list = [cell(item.name, item_w)] + [""] * len(people)
        commands: list[tuple] = [("ALIGN", 1, -1, "CENTER")]
        for role in _ORDER:
            for person in facts.raci.get(item.id, {}).get(role, []):
                n = column[person.id]
                row[n] = role.value
                background, ink = _ROLE_LOOK[role]
                commands += [
                    ("BACKGROUND", n, n, background),
                    ("TEXTCOLOR", n, n, ink),
                    ("FONTNAME", n, n, fonts.COND_BOLD),
                ]
        styles[len(rows)] = commands
        rows.append(row)
    return [SplitTable(header, rows, widths, styles), _key_row(width)]


def _key_row(width: float) -> Flowable:
    """A one-line key to the role colours under the matrix."""
    labels = {
        RaciRole.ACCOUNTABLE: "A  Accountable",
        RaciRole.RESPONSIBLE: "R  Responsible",
        RaciRole.CONSULTED: "C  Consulted",
        RaciRole.INFORMED: "I  Informed",
    }
    widths = [width / 4] * 4
    row = [labels[r] for r in _ORDER]
    styles = {0: []}
    for n, role in enumerate(_ORDER):
        background, ink = _ROLE_LOOK[role]
        styles[0] += [
            ("BACKGROUND", n, n, background),
            ("TEXTCOLOR", n, n, ink),
            ("FONTNAME", n, n, fonts.COND_BOLD),
        ]
    return SplitTable([], [row], widths, styles)


def raci_list(facts: ReleaseFacts, width: float) -> list[Flowable]:
    """One row per item with the names in each role (for releases with many people)."""
    widths = widths_for(width, [4.5, 1, 2, 3, 2.5, 2.5])
    rows = []
    for item in facts.items:
        roles = facts.raci.get(item.id, {})
        names = [", ".join(p.name for p in roles.get(r, [])) or "–" for r in _ORDER]
        values = [item.name, item.phase.label, *names]
        rows.append([cell(v, w) for v, w in zip(values, widths, strict=True)])
    labels = ["Work item", "Phase", "Accountable", "Responsible", "Consulted", "Informed"]
    return [SplitTable([head(labels)], rows, widths)]
