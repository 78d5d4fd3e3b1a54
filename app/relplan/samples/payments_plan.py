"""Release "Payments 4.2" of the sample: calendar, people, work items, links and RACI.

The tables are keyed by short names (``"bd.batch"``, ``"maria"``); :func:`sample_id` turns a
table and a key into a UUID5, so the sample's ids never change between builds.
"""

from __future__ import annotations

import uuid
from datetime import date

from relplan.domain.model import (
    Calendar,
    Constraint,
    ConstraintKind,
    FreezeWindow,
    Holiday,
    Phase,
)

# Fixed namespace of the sample's ids: changing it changes every id in the sample file.
NAMESPACE = uuid.UUID("5d1f0c7e-2b0a-4c39-9a53-0e6f3b7a4c21")

# The day the sample's progress is measured on: the release is in Build and Test.
STATUS_DATE = date(2026, 11, 26)


def sample_id(kind: str, key: str) -> str:
    """The stable id of sample record ``key`` of table ``kind``."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


# --- people ---------------------------------------------------------------------------------

TEAMS = {
    "release": ("Release management", "Plans releases and runs the change advisory board."),
    "engineering": ("Payments engineering", "Builds the payment gateway, APIs and batches."),
    "qa": ("Quality assurance", "Functional, non-functional and acceptance testing."),
    "operations": ("Operations", "Runs production, deployments and the service desk."),
    "business": ("Business", "Product management and merchant relations."),
}

# key: name, role, team, availability %
PEOPLE = {
    "maria": ("Maria Schneider", "Release manager", "release", 100),
    "tom": ("Tom Becker", "Change manager", "release", 60),
    "nina": ("Nina Kowalski", "Release coordinator", "release", 100),
    "priya": ("Priya Raman", "Development lead", "engineering", 100),
    "lukas": ("Lukas Hoffmann", "Senior developer", "engineering", 100),
    "ana": ("Ana Costa", "Developer", "engineering", 80),
    "mehmet": ("Mehmet Yilmaz", "Developer", "engineering", 100),
    "jonas": ("Jonas Weber", "DevOps engineer", "engineering", 100),
    "chen": ("Chen Wei", "QA lead", "qa", 100),
    "sofia": ("Sofia Rossi", "Test analyst", "qa", 90),
    "daniel": ("Daniel Okafor", "Operations manager", "operations", 70),
    "eva": ("Eva Lindqvist", "Service desk lead", "operations", 80),
    "hannah": ("Hannah Fischer", "Product owner", "business", 80),
    "marco": ("Marco Bianchi", "Business analyst", "business", 100),
}


def person_name(key: str) -> str:
    return PEOPLE[key][0]


def email(name: str) -> str:
    """Maria Schneider -> maria.schneider@northwind-payments.example (a reserved domain)."""
    first, last = name.lower().split(" ", 1)
    return f"{first}.{last.replace(' ', '')}@northwind-payments.example"


# --- work items -----------------------------------------------------------------------------

# key: name, phase, duration (None = milestone)
ITEMS: dict[str, tuple[str, Phase, int | None]] = {
    "rq.collect": ("Collect change requests for 4.2", Phase.REQUEST, 3),
    "rq.rfc118": ("Evaluate RFC-118 SEPA Instant payouts", Phase.REQUEST, 4),
    "rq.rfc121": ("Evaluate RFC-121 partial refunds", Phase.REQUEST, 3),
    "rq.rfc127": ("Evaluate RFC-127 refund limit: reconfigure 4.1?", Phase.REQUEST, 2),
    "rq.rfc130": ("Evaluate RFC-130 crypto payouts", Phase.REQUEST, 2),
    "rq.cab": ("Change advisory board review", Phase.REQUEST, 1),
    "rq.gate": ("Scope approved", Phase.REQUEST, None),
    "pl.scope": ("Define release scope and backlog", Phase.PLAN, 3),
    "pl.plan": ("Draft release plan and milestones", Phase.PLAN, 3),
    "pl.raci": ("Agree RACI and test strategy", Phase.PLAN, 2),
    "pl.env": ("Book test environments and deployment window", Phase.PLAN, 2),
    "pl.gate": ("Plan approved", Phase.PLAN, None),
    "bd.design_sepa": ("Design SEPA Instant payment flow", Phase.BUILD, 4),
    "bd.design_batch": ("Design settlement batch", Phase.BUILD, 5),
    "bd.gateway": ("Build SEPA Instant gateway", Phase.BUILD, 8),
    "bd.refunds": ("Build partial refund API", Phase.BUILD, 6),
    "bd.dashboard": ("Update merchant dashboard", Phase.BUILD, 5),
    "bd.inc1": ("Increment 1 ready for test", Phase.BUILD, None),
    "bd.batch": ("Build settlement batch with 22:00 cut-off", Phase.BUILD, 22),
    "bd.integration": ("Connect settlement batch to bank file transfer", Phase.BUILD, 9),
    "bd.chf": ("Fix CHF currency in settlement report (DEF-4115)", Phase.BUILD, 3),
    "bd.migration": ("Write database migration scripts", Phase.BUILD, 4),
    "bd.uatfix": ("Fix UAT cycle 1 defects", Phase.BUILD, 6),
    "bd.secreview": ("Security code review", Phase.BUILD, 3),
    "bd.gate": ("Code complete", Phase.BUILD, None),
    "ts.env": ("Prepare test environment and data", Phase.TEST, 4),
    "ts.func1": ("Functional test cycle 1", Phase.TEST, 5),
    "ts.uat1": ("UAT cycle 1", Phase.TEST, 4),
    "ts.uatscripts": ("Update UAT scripts from cycle 1 findings", Phase.TEST, 6),
    "ts.func2": ("Functional test cycle 2", Phase.TEST, 10),
    "ts.fix2": ("Fix and retest functional defects", Phase.TEST, 5),
    "ts.e2e": ("End-to-end test with bank partner", Phase.TEST, 10),
    "ts.regression": ("Regression test", Phase.TEST, 5),
    "ts.perf": ("Performance and load test", Phase.TEST, 8),
    "ts.pentest": ("Security penetration test", Phase.TEST, 5),
    "ts.uat2": ("UAT cycle 2 (retest)", Phase.TEST, 10),
    "ts.report": ("Test summary report", Phase.TEST, 2),
    "ts.gate": ("Go/no-go decision", Phase.TEST, None),
    "dp.runbook": ("Prepare deployment runbook and rollback plan", Phase.DEPLOY, 3),
    "dp.rehearsal": ("Deployment rehearsal on staging", Phase.DEPLOY, 2),
    "dp.notes": ("Publish release notes", Phase.DEPLOY, 1),
    "dp.train_support": ("Train support desk", Phase.DEPLOY, 1),
    "dp.train_admins": ("Train merchant administrators", Phase.DEPLOY, 1),
    "dp.train_users": ("Merchant webinars: what's new in 4.2", Phase.DEPLOY, 2),
    "dp.cab": ("CAB approval for production deployment", Phase.DEPLOY, 1),
    "dp.deploy": ("Production deployment", Phase.DEPLOY, 1),
    "dp.smoke": ("Smoke test in production", Phase.DEPLOY, 1),
    "dp.golive": ("Go-live", Phase.DEPLOY, None),
    "sp.hypercare": ("Hypercare", Phase.SUPPORT, 10),
    "sp.recon": ("Monitor settlement reconciliation", Phase.SUPPORT, 10),
    "sp.triage": ("Record and triage production defects", Phase.SUPPORT, 8),
    "sp.standby": ("Keep 4.1 settlement batch on standby", Phase.SUPPORT, 5),
    "sp.handover": ("Hand over to service operations", Phase.SUPPORT, 1),
    "sp.pir": ("Post-implementation review", Phase.SUPPORT, 2),
    "sp.gate": ("Release closed", Phase.SUPPORT, None),
}

GO_LIVE = date(2027, 3, 1)

CONSTRAINTS = {
    # The external penetration testers' booked slot.
    "ts.pentest": Constraint(ConstraintKind.START_NO_EARLIER_THAN, date(2027, 1, 11)),
    # The go-live date agreed with the business and announced to merchants.
    "dp.golive": Constraint(ConstraintKind.MUST_FINISH_ON, GO_LIVE),
}

NOTES = {
    "rq.rfc127": "Check first whether the 'Small business' tier limit in 4.1 can simply be "
    "raised (Admin > Risk > Refund limits).",
    "rq.cab": "CAB meets on Wednesdays at 10:00; RFCs must be evaluated by Tuesday noon.",
    "bd.gateway": "Bank partner sandbox: https://sandbox.bank-partner.example/sct-inst. "
    "Timeouts above 10 s must be treated as 'unknown' and reconciled, never retried blindly.",
    "bd.batch": "Cut-off moves from 18:00 to 22:00 CET. The batch must finish before 23:30 so "
    "that the bank file reaches the partner bank in the night window.",
    "bd.uatfix": "Seven defects from UAT cycle 1 (2 high, 5 medium); see the UAT cycle 1 notes.",
    "ts.pentest": "External testers booked for the week of 11 Jan 2027; scope: payout API, "
    "refund API and merchant dashboard.",
    "ts.uat2": "Retest of the seven UAT cycle 1 defects plus the full UAT script on "
    "increment 2. Four pilot merchants take part.",
    "ts.gate": "Needs the development lead AND the product owner to sign 'go'.",
    "dp.deploy": "Inside the deployment window Fri 26 Feb 2027 18:00 to Sun 28 Feb 18:00 CET. "
    "Follow the runbook; rollback plan on the release.",
    "dp.golive": "Go-live agreed with the business and announced to merchants: do not move "
    "without the product owner.",
    "sp.standby": "4.1 batch stays ready to run until five days into hypercare, in case the "
    "new batch has to be rolled back.",
}

# predecessor, successor, type, lag (working days; negative = lead)
DEPENDENCIES: list[tuple[str, str, str, int]] = [
    ("rq.collect", "rq.rfc118", "FS", 0),
    ("rq.collect", "rq.rfc121", "FS", 0),
    ("rq.collect", "rq.rfc127", "FS", 0),
    ("rq.collect", "rq.rfc130", "FS", 0),
    ("rq.rfc118", "rq.cab", "FS", 0),
    ("rq.rfc121", "rq.cab", "FS", 0),
    ("rq.rfc127", "rq.cab", "FS", 0),
    ("rq.rfc130", "rq.cab", "FS", 0),
    ("rq.cab", "rq.gate", "FS", 0),
    ("rq.gate", "pl.scope", "FS", 0),
    ("pl.scope", "pl.plan", "SS", 1),
    ("pl.scope", "pl.raci", "FS", 0),
    ("pl.plan", "pl.env", "FS", 0),
    ("pl.plan", "pl.gate", "FS", 0),
    ("pl.raci", "pl.gate", "FS", 0),
    ("pl.env", "pl.gate", "FS", 0),
    ("pl.gate", "bd.design_sepa", "FS", 0),
    ("pl.gate", "bd.design_batch", "FS", 0),
    ("bd.design_sepa", "bd.gateway", "FS", 0),
    ("bd.design_sepa", "bd.refunds", "FS", 0),
    ("bd.refunds", "bd.dashboard", "FF", 2),
    ("bd.gateway", "bd.inc1", "FS", 0),
    ("bd.refunds", "bd.inc1", "FS", 0),
    ("bd.dashboard", "bd.inc1", "FS", 0),
    ("bd.design_batch", "bd.batch", "FS", 0),
    ("bd.design_batch", "bd.migration", "FS", 0),
    ("bd.design_batch", "bd.chf", "FS", 0),
    ("bd.gateway", "ts.env", "SS", 3),
    ("ts.env", "ts.func1", "FS", 0),
    ("bd.inc1", "ts.func1", "FS", 0),
    ("ts.func1", "ts.uat1", "FS", 0),
    ("ts.uat1", "bd.uatfix", "FS", 0),
    ("ts.uat1", "ts.uatscripts", "FS", 0),
    ("ts.uatscripts", "ts.uat2", "FS", 0),
    ("bd.batch", "bd.integration", "FS", 0),
    ("bd.integration", "bd.secreview", "FS", 0),
    ("bd.uatfix", "bd.secreview", "FS", 0),
    ("bd.secreview", "bd.gate", "FS", 0),
    ("bd.migration", "bd.gate", "FS", 0),
    ("bd.chf", "bd.gate", "FS", 0),
    ("bd.gate", "ts.func2", "FS", 0),
    ("ts.func2", "ts.fix2", "FS", 0),
    ("ts.fix2", "ts.e2e", "FS", 0),
    ("ts.e2e", "ts.regression", "FS", 0),
    ("ts.e2e", "ts.perf", "SS", 0),
    ("bd.gate", "ts.pentest", "FS", 0),
    ("ts.regression", "ts.uat2", "FS", 2),
    ("ts.uat2", "ts.report", "FS", 0),
    ("ts.perf", "ts.report", "FS", 0),
    ("ts.pentest", "ts.report", "FS", 0),
    ("ts.report", "ts.gate", "FS", 0),
    ("ts.uat2", "dp.runbook", "FS", -2),
    ("ts.gate", "dp.rehearsal", "FS", 0),
    ("dp.runbook", "dp.rehearsal", "FS", 0),
    ("ts.gate", "dp.notes", "FS", 0),
    ("ts.uat2", "dp.train_support", "FS", 0),
    ("ts.uat2", "dp.train_admins", "FS", 1),
    ("dp.train_support", "dp.train_users", "SS", 2),
    ("dp.rehearsal", "dp.cab", "FS", 0),
    ("dp.cab", "dp.deploy", "FS", 0),
    ("dp.deploy", "dp.smoke", "FS", 0),
    ("dp.smoke", "dp.golive", "FS", 0),
    ("dp.notes", "dp.golive", "FS", 0),
    ("dp.train_support", "dp.golive", "FS", 0),
    ("dp.train_admins", "dp.golive", "FS", 0),
    ("dp.train_users", "dp.golive", "FS", 0),
    ("dp.golive", "sp.hypercare", "FS", 0),
    ("sp.hypercare", "sp.recon", "SS", 0),
    ("sp.hypercare", "sp.triage", "SS", 2),
    ("dp.deploy", "sp.standby", "SS", 0),
    ("sp.hypercare", "sp.standby", "SF", 5),
    ("sp.hypercare", "sp.handover", "FS", 0),
    ("sp.hypercare", "sp.pir", "FS", 3),
    ("sp.recon", "sp.gate", "FS", 0),
    ("sp.triage", "sp.gate", "FS", 0),
    ("sp.standby", "sp.gate", "FS", 0),
    ("sp.handover", "sp.gate", "FS", 0),
    ("sp.pir", "sp.gate", "FS", 0),
]

CALENDAR = Calendar(
    id=sample_id("calendar", "northwind"),
    name="Northwind (Mon-Fri)",
    holidays=tuple(
        Holiday(date.fromisoformat(day), name)
        for day, name in (
            ("2026-10-03", "Day of German Unity"),
            ("2026-12-24", "Christmas Eve (office closed)"),
            ("2026-12-25", "Christmas Day"),
            ("2026-12-26", "Second Day of Christmas"),
            ("2026-12-31", "New Year's Eve (office closed)"),
            ("2027-01-01", "New Year's Day"),
            ("2027-03-26", "Good Friday"),
            ("2027-03-29", "Easter Monday"),
            ("2027-05-01", "Labour Day"),
            ("2027-05-06", "Ascension Day"),
            ("2027-05-17", "Whit Monday"),
            ("2027-05-27", "Corpus Christi"),
        )
    ),
    freezes=(
        FreezeWindow("Black Friday peak trading", date(2026, 11, 23), date(2026, 12, 1)),
        FreezeWindow("Year-end change freeze", date(2026, 12, 18), date(2027, 1, 4)),
    ),
)

# item: "A | R person allocation, ... | C people | I people"
RACI = {
    "rq.collect": "maria | tom 50 | hannah | priya",
    "rq.rfc118": "hannah | marco 80, priya 30 | lukas, daniel | maria",
    "rq.rfc121": "hannah | marco 60, lukas 20 | eva |",
    "rq.rfc127": "daniel | eva 40 | marco |",
    "rq.rfc130": "hannah | marco 40 | tom |",
    "rq.cab": "tom | maria 20 | priya, daniel | hannah",
    "rq.gate": "tom | | | maria, hannah",
    "pl.scope": "maria | hannah 50, marco 50 | priya |",
    "pl.plan": "maria | nina 80 | priya, chen | hannah",
    "pl.raci": "maria | nina 50, chen 30 | priya |",
    "pl.env": "daniel | jonas 50 | chen | nina",
    "pl.gate": "maria | | | hannah, priya",
    "bd.design_sepa": "priya | lukas 100 | marco, jonas |",
    "bd.design_batch": "priya | mehmet 100 | daniel |",
    "bd.gateway": "priya | lukas 100 | jonas | chen",
    "bd.refunds": "priya | ana 50 | marco |",
    "bd.dashboard": "priya | ana 30 | hannah |",
    "bd.inc1": "priya | | | chen, nina",
    "bd.batch": "priya | mehmet 100 | daniel | eva",
    "bd.integration": "priya | mehmet 80, jonas 40 | daniel |",
    "bd.chf": "priya | ana 40 | eva | hannah",
    "bd.migration": "priya | jonas 60 | daniel |",
    "bd.uatfix": "priya | lukas 60, ana 40 | chen | hannah",
    "bd.secreview": "priya | jonas 50 | lukas |",
    "bd.gate": "priya | | chen | maria",
    "ts.env": "chen | sofia 50, jonas 30 | |",
    "ts.func1": "chen | sofia 100 | lukas | priya",
    "ts.uat1": "hannah | marco 100, sofia 30 | chen | maria",
    "ts.uatscripts": "hannah | marco 50, sofia 30 | chen |",
    "ts.func2": "chen | sofia 100 | lukas | priya",
    "ts.fix2": "priya | lukas 60, sofia 40 | chen |",
    "ts.e2e": "chen | sofia 60, mehmet 40 | daniel |",
    "ts.regression": "chen | sofia 80 | lukas |",
    "ts.perf": "chen | jonas 60 | daniel | priya",
    "ts.pentest": "chen | lukas 20 | jonas | daniel",
    "ts.uat2": "hannah | marco 100, sofia 40 | chen | maria",
    "ts.report": "chen | sofia 50 | | maria, hannah",
    "ts.gate": "maria | | priya, hannah, chen | daniel",
    "dp.runbook": "daniel | jonas 60, nina 20 | priya |",
    "dp.rehearsal": "daniel | jonas 100 | lukas | maria",
    "dp.notes": "hannah | marco 50 | nina | eva",
    "dp.train_support": "eva | lukas 100 | | maria",
    "dp.train_admins": "daniel | jonas 100 | |",
    "dp.train_users": "hannah | marco 50 | eva |",
    "dp.cab": "tom | maria 20 | daniel |",
    "dp.deploy": "daniel | jonas 100, lukas 50 | priya | eva",
    "dp.smoke": "daniel | sofia 50, jonas 50 | | hannah",
    "dp.golive": "maria | | daniel, hannah | eva",
    "sp.hypercare": "daniel | lukas 50, eva 50 | | maria",
    "sp.recon": "daniel | mehmet 30 | eva |",
    "sp.triage": "eva | ana 30, marco 30 | chen |",
    "sp.standby": "daniel | jonas 20 | |",
    "sp.handover": "maria | nina 50 | daniel | eva",
    "sp.pir": "maria | nina 60 | priya, hannah, daniel, chen |",
    "sp.gate": "maria | | | hannah, daniel",
}
