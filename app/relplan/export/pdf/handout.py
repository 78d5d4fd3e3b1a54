"""The training handout PDF for one audience (or everyone): cover, what's new, each change
step by step with tips, the training sessions, whom to ask, and a one-page quick
reference card at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
)
from reportlab.platypus.doctemplate import LayoutError

from relplan import __version__
from relplan.domain.model import Audience, Project, Release
from relplan.export.pdf import blocks, text, theme
from relplan.export.pdf.cover import Cover, Fact
from relplan.export.pdf.facts import ReleaseFacts, day, plural, release_facts, weekday
from relplan.export.pdf.handout_content import Feature, contacts, features, sessions_for
from relplan.export.pdf.pages import (
    PROGRESS_TOTAL,
    DocInfo,
    PageSetup,
    Progress,
    build,
    progress_part,
)
from relplan.export.pdf.quickref import quick_reference


@dataclass(frozen=True)
class HandoutOptions:
    """Which audience (None: everyone), on what paper, as of which date."""

    audience_id: str | None = None
    page_size: str = "A4"
    orientation: str = "portrait"
    as_of: date | None = None


def export_handout(
    project: Project,
    release: Release,
    path: str | os.PathLike,
    options: HandoutOptions | None = None,
    progress: Progress | None = None,
    commit: Callable[[], None] | None = None,
) -> int:
    """Write the training handout of ``release`` to ``path``; returns the number of pages.

    ``progress`` and ``commit`` work as for :func:`~relplan.export.pdf.plan.export_plan`.
    """
    options = options or HandoutOptions()
    audience = None
    if options.audience_id is not None:
        audience = project.audiences.get(options.audience_id)
        if audience is None:
            raise ValueError(f"unknown audience id {options.audience_id!r}")
    setup = PageSetup(options.page_size, options.orientation)
    laying_out = progress_part(progress, 100, PROGRESS_TOTAL)
    if progress is not None:
        progress(0, PROGRESS_TOTAL, "Scheduling the release")
    facts = release_facts(project, release, options.as_of)
    info = _info(facts, audience)
    try:
        story = handout_story(facts, audience, setup)
        return build(story, path, setup, info, laying_out, commit)
    except LayoutError:
        with text.tight():
            story = handout_story(facts, audience, setup)
            return build(story, path, setup, info, laying_out, commit)


def handout_story(
    facts: ReleaseFacts, audience: Audience | None, setup: PageSetup
) -> list[Flowable]:
    width = setup.frame_width
    shown = features(facts, audience)
    sessions = sessions_for(facts, audience)
    people = contacts(facts, audience, shown)
    story: list[Flowable] = [_cover(facts, audience, shown), NextPageTemplate("body"), PageBreak()]
    story += _whats_new(facts, audience, shown, width)
    story.append(CondPageBreak(setup.frame_height * 0.25))
    story += _sessions(facts, audience, sessions, width)
    story.append(CondPageBreak(setup.frame_height * 0.3))
    story += _contacts(people, width)
    if shown:
        story.append(PageBreak())
        story += _changes(facts, shown, width)
    story.append(PageBreak())
    story += quick_reference(facts, audience, shown, sessions, people, setup)
    return story


def _audience_name(audience: Audience | None) -> str:
    return audience.name if audience is not None else "everyone"


def _cover(facts: ReleaseFacts, audience: Audience | None, shown: list[Feature]) -> Cover:
    release = facts.release
    sessions = sessions_for(facts, audience)
    owner = facts.owner
    return Cover(
        "Training handout",
        f"What's new in {release.name}",
        f"For {_audience_name(audience)}  ·  {facts.project.name}",
        f"The changes take effect at the go-live on {weekday(facts.go_live)}. This handout "
        "explains what changes for you, step by step, when you are trained and whom to ask."
        if facts.go_live
        else "This handout explains what changes for you, step by step, and whom to ask.",
        [
            Fact("Go-live", weekday(facts.go_live), "good"),
            Fact("Changes for you", str(len(shown))),
            Fact("Your training", weekday(sessions[0].on) if sessions else "–"),
            Fact("Version", release.version or "–"),
            Fact("Release manager", owner.name if owner else "–"),
            Fact("Days to go-live", facts.days_to(facts.go_live).split(" (")[0]),
        ],
        f"Status as of {weekday(facts.as_of)}  ·  made with relplan {__version__}",
    )


def _whats_new(
    facts: ReleaseFacts, audience: Audience | None, shown: list[Feature], width: float
) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("What's new", 1)]
    if not shown:
        return [
            *out,
            blocks.body(
                f"Nothing in {facts.release.name} changes the way {_audience_name(audience)} "
                "work. There is nothing to learn for this release."
            ),
        ]
    out.append(
        blocks.body(
            f"{facts.release.name} brings {plural(len(shown), 'change')} for "
            f"{_audience_name(audience)}. Section 4 explains each one step by step, and the "
            "last page sums everything up on one sheet to keep at hand.",
            "lead",
        )
    )
    rows = []
    for n, feature in enumerate(shown, start=1):
        rows.append([str(n), feature.name, feature.impact])
    out.append(blocks.grid(["", "Change", "What it means for you"], rows, [0.3, 3, 7], width))
    return out


def _changes(facts: ReleaseFacts, shown: list[Feature], width: float) -> list[Flowable]:
    if not shown:
        return []
    styles = theme.styles()
    out: list[Flowable] = [blocks.section("Step by step", 4)]
    for n, feature in enumerate(shown, start=1):
        kicker = " · ".join(
            part
            for part in (
                feature.key,
                feature.request.type.value.capitalize(),
                f"for {', '.join(feature.audiences)}" if feature.audiences else "",
            )
            if part
        )
        block: list[Flowable] = [
            blocks.body(kicker.upper(), "kicker"),
            blocks.subsection(f"{n}. {feature.name}"),
            blocks.body("What changes for you", "h3"),
            blocks.body(feature.impact or "–", "body", 2000),
        ]
        if feature.steps:
            block.append(blocks.body("Step by step", "h3"))
            for k, step in enumerate(feature.steps, start=1):
                block.append(
                    Paragraph(
                        text.markup(step, styles["step"].fontName, 1000),
                        styles["step"],
                        bulletText=f"{k}.",
                    )
                )
        if feature.tips:
            block.append(blocks.body("Good to know", "h3"))
            for tip in feature.tips:
                block.append(
                    Paragraph(
                        text.markup(tip, styles["bullet"].fontName, 600),
                        styles["bullet"],
                        bulletText="•",
                    )
                )
        block.append(blocks.gap(10))
        out.append(KeepTogether(block))
    return out


def _sessions(
    facts: ReleaseFacts, audience: Audience | None, sessions: list, width: float
) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Your training", 2)]
    if not sessions:
        return [
            *out,
            blocks.body(
                f"No training session is planned for {_audience_name(audience)}; this handout "
                "and the people below are your guide."
            ),
        ]
    project = facts.project
    rows = []
    for s in sessions:
        who = project.audiences.get(s.audience_id)
        row = [weekday(s.on), s.title, facts.person_name(s.trainer_id), s.location or "–"]
        if audience is None:
            row.insert(2, who.name if who else "–")
        rows.append(row)
    labels = ["Date", "Session", "Trainer", "Where"]
    shares = [1.8, 4, 1.7, 3.4]
    if audience is None:
        labels.insert(2, "For")
        shares.insert(2, 1.7)
    out.append(blocks.grid(labels, rows, shares, width))
    out.append(
        blocks.body("Please bring your questions; the sessions end with time for them.", "small")
    )
    return out


def _contacts(people: list, width: float) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Whom to ask", 3)]
    if not people:
        return [*out, blocks.body("No contacts are recorded for this release.")]
    rows = [
        [c.person.name, c.person.role or "–", "; ".join(c.reasons), c.person.email or "–"]
        for c in people
    ]
    out.append(
        blocks.grid(["Name", "Role", "Ask about", "E-mail"], rows, [1.8, 1.8, 4.2, 4.4], width)
    )
    return out


def _info(facts: ReleaseFacts, audience: Audience | None) -> DocInfo:
    release, project = facts.release, facts.project
    owner = facts.owner
    who = _audience_name(audience)
    return DocInfo(
        title=f"What's new in {release.name} – training handout for {who}",
        author=owner.name if owner else "relplan",
        subject=f"Training handout for {who}: {release.name} ({project.name}), go-live "
        f"{day(facts.go_live)}",
        header_left=f"{release.name}  ·  Training handout  ·  {who}",
        header_right=project.name,
        footer_left=f"Go-live {day(facts.go_live)}",
        keywords=("training", release.name, who),
    )
