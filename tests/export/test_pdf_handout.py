"""Training handouts of the sample: what each audience learns, from whom, and when."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pdf_support import AS_OF, RELEASE, all_text, ink_ratio, outline_titles, pages_text
from pypdf import PdfReader

from relplan.export.pdf import HandoutOptions, export_handout
from relplan.export.pdf.facts import release_facts
from relplan.export.pdf.handout_content import contacts, features
from relplan.samples import sample_project


@pytest.fixture(scope="module")
def sample():
    project = sample_project()
    return project, project.release_by_name(RELEASE)


def audience(project, name: str):
    return next(a for a in project.audiences.values() if a.name == name)


@pytest.fixture(scope="module")
def desk(sample, tmp_path_factory) -> Path:
    project, release = sample
    path = tmp_path_factory.mktemp("handout") / "desk.pdf"
    options = HandoutOptions(audience(project, "Support desk").id, as_of=AS_OF)
    export_handout(project, release, path, options)
    return path


def test_the_cover_names_release_audience_and_go_live(desk):
    cover = " ".join(pages_text(desk)[0].split())
    assert "What's new in Payments 4.2" in cover
    assert "For Support desk" in cover
    assert "Mon 1 Mar 2027" in cover


def test_whats_new_lists_the_changes_for_the_audience_only(desk):
    text = all_text(desk)
    assert "SEPA Instant payouts to merchants" in text  # for users and the desk
    assert "Partial refunds in the dashboard and the API" in text
    assert "Move the settlement cut-off from 18:00 to 22:00 CET" not in text  # not the desk's
    assert "Payouts in cryptocurrency" not in text  # rejected: not in scope


def test_each_change_has_numbered_steps_and_tips(desk):
    text = all_text(desk)
    assert "1. Open Settings > Payouts in the merchant dashboard." in text
    assert "2. Under 'Payout speed', choose 'Instant (SEPA Instant)'." in text
    assert "Good to know" in text
    assert "Available from the go-live on Mon 1 Mar 2027." in text
    assert "This fixes a problem found in Payments 4.1." in text


def test_the_audience_sees_its_training_and_whom_to_ask(desk):
    text = all_text(desk)
    assert "Support desk briefing" in text
    assert "Fri 19 Feb 2027" in text
    assert "Frankfurt office, room Main (3rd floor)" in text
    assert "Whom to ask" in text
    assert "Lukas Hoffmann" in text  # the trainer
    assert "Maria Schneider" in text  # the release owner
    assert "Problems after the go-live (Hypercare)" in text
    assert "Administrator workshop" not in text


def test_the_quick_reference_card_is_the_last_page_and_one_page(desk):
    texts = pages_text(desk)
    assert "Quick reference" in texts[-1]
    assert "Keep this page at hand." in texts[-1]
    assert "Quick reference" not in texts[-2]
    assert outline_titles(desk)[-1] == "5. Quick reference"


def test_bookmarks_and_page_numbers(desk):
    titles = outline_titles(desk)
    for title in ("1. What's new", "2. Your training", "3. Whom to ask", "4. Step by step"):
        assert title in titles
    assert "1. SEPA Instant payouts to merchants" in titles or any(
        "SEPA Instant payouts" in t for t in titles
    )
    texts = pages_text(desk)
    assert f"Page 2 of {len(texts)}" in texts[1]
    info = PdfReader(str(desk)).metadata
    assert info.title == "What's new in Payments 4.2 – training handout for Support desk"


def test_a_handout_for_everyone_covers_every_change_in_scope(sample, tmp_path):
    project, release = sample
    path = tmp_path / "all.pdf"
    export_handout(project, release, path, HandoutOptions(as_of=AS_OF))
    text = all_text(path)
    assert "For everyone" in text
    assert "Move the settlement cut-off from 18:00 to 22:00 CET" in text
    assert "Administrator workshop" in text and "Support desk briefing" in text
    assert ink_ratio(path, 2, tmp_path) > 0.01


def test_contacts_come_from_the_raci(sample):
    project, release = sample
    facts = release_facts(project, release, AS_OF)
    admins = audience(project, "Administrators")
    shown = features(facts, admins)
    names = {c.person.name for c in contacts(facts, admins, shown)}
    assert "Jonas Weber" in names  # the administrators' trainer
    assert "Maria Schneider" in names


def test_an_audience_without_changes_gets_a_short_handout(tmp_path):
    project = sample_project()
    release = project.release_by_name(RELEASE)
    users = audience(project, "End users").id
    for request in release_facts(project, release, AS_OF).scope:
        project.change_requests[request.id] = dataclasses.replace(request, audience_ids=(users,))
    path = tmp_path / "admins.pdf"
    export_handout(project, release, path, HandoutOptions(audience(project, "Administrators").id))
    assert "Nothing in Payments 4.2 changes the way Administrators work" in all_text(path)


def test_an_unknown_audience_is_refused(sample, tmp_path):
    project, release = sample
    with pytest.raises(ValueError, match="unknown audience"):
        export_handout(project, release, tmp_path / "x.pdf", HandoutOptions("nobody"))
