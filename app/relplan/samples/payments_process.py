"""The sample's process records: gates with checklists and sign-offs, test cycles, audiences,
training sessions and the rollback plan.

Dates that follow from the schedule (test cycles, training) are filled in by
:mod:`relplan.samples.payments` from the scheduled items they belong to.
"""

from __future__ import annotations

from relplan.domain.model import (
    Phase,
    SignOffDecision,
    TestKind,
    TestResult,
)

# phase: gate name, milestone, roles that must sign, checklist [(text, done by, done at)]
GATES: dict[Phase, tuple[str, str, tuple[str, ...], list[tuple[str, str, str]]]] = {
    Phase.REQUEST: (
        "Scope approved",
        "rq.gate",
        ("Change manager", "Product owner"),
        [
            (
                "Every RFC for 4.2 evaluated: rationale, feasibility, reconfiguration",
                "tom",
                "2026-10-13 16:10",
            ),
            ("CAB decision recorded for every RFC", "tom", "2026-10-14 11:20"),
            ("Requesters told of the decisions", "marco", "2026-10-15 09:30"),
        ],
    ),
    Phase.PLAN: (
        "Plan approved",
        "pl.gate",
        ("Release manager", "Development lead", "QA lead"),
        [
            ("Scope and backlog agreed with the product owner", "nina", "2026-10-19 17:00"),
            ("Milestones and dependencies entered in the plan", "nina", "2026-10-20 15:40"),
            ("RACI agreed: one accountable person per item", "maria", "2026-10-21 12:05"),
            ("Test strategy approved by QA", "chen", "2026-10-21 16:30"),
            ("Test environments and deployment window booked", "jonas", "2026-10-22 10:15"),
        ],
    ),
    Phase.BUILD: (
        "Code complete",
        "bd.gate",
        ("Development lead", "QA lead"),
        [
            ("Increment 1 delivered to test", "priya", "2026-11-09 18:20"),
            ("Database migration scripts reviewed", "priya", "2026-11-05 14:00"),
            ("UAT cycle 1 defects fixed and retested", "", ""),
            ("Settlement batch finishes by 23:30 with 2 million payments", "", ""),
            ("Security code review: no open high findings", "", ""),
        ],
    ),
    Phase.TEST: (
        "Go/no-go decision",
        "ts.gate",
        ("Development lead", "Product owner"),
        [
            ("Functional test cycle 1 passed", "chen", "2026-11-16 17:45"),
            ("Functional test cycle 2 passed, no open critical defects", "", ""),
            ("Performance: 200 payouts a second, 95 % within 800 ms", "", ""),
            ("Penetration test: no open high findings", "", ""),
            ("UAT cycle 2 accepted by the pilot merchants", "", ""),
            ("Test summary report published", "", ""),
        ],
    ),
    Phase.DEPLOY: (
        "Go-live",
        "dp.golive",
        ("Release manager", "Operations manager"),
        [
            ("Deployment window confirmed with the partner bank", "daniel", "2026-10-22 11:00"),
            ("CAB approval for the production change", "", ""),
            ("Runbook and rollback rehearsed on staging", "", ""),
            ("Support desk and administrators trained", "", ""),
            ("Release notes published to merchants", "", ""),
            ("Smoke test passed in production", "", ""),
        ],
    ),
    Phase.SUPPORT: (
        "Release closed",
        "sp.gate",
        ("Release manager", "Service desk lead"),
        [
            ("Hypercare ended with no open critical incidents", "", ""),
            ("Production defects recorded as change requests", "", ""),
            ("Post-implementation review held, actions assigned", "", ""),
            ("Service handed over to operations", "", ""),
        ],
    ),
}

# gate phase: [(role, person, decision or None = not yet signed, signed at, comment)]
SIGN_OFFS: dict[Phase, list[tuple[str, str, SignOffDecision | None, str, str]]] = {
    Phase.REQUEST: [
        ("Change manager", "tom", SignOffDecision.GO, "2026-10-14 11:30", "CAB minutes 41/2026."),
        ("Product owner", "hannah", SignOffDecision.GO, "2026-10-14 11:45", ""),
    ],
    Phase.PLAN: [
        ("Release manager", "maria", SignOffDecision.GO, "2026-10-22 14:00", ""),
        ("Development lead", "priya", SignOffDecision.GO, "2026-10-22 14:20", ""),
        ("QA lead", "chen", SignOffDecision.GO, "2026-10-22 15:05", "Test strategy v1.2."),
    ],
    Phase.BUILD: [
        ("Development lead", "priya", None, "", ""),
        ("QA lead", "chen", None, "", ""),
    ],
    Phase.TEST: [
        (
            "Development lead",
            "priya",
            SignOffDecision.GO,
            "2026-11-25 16:40",
            "Engineering go, provided UAT cycle 2 ends with no open high defects.",
        ),
        ("Product owner", "hannah", None, "", ""),
    ],
}

# item: name, kind, result, defects found, notes
TEST_CYCLES = {
    "ts.func1": (
        "Functional test cycle 1",
        TestKind.FUNCTIONAL,
        TestResult.PASSED,
        5,
        "Increment 1: instant payouts, partial refunds, dashboard. 212 of 218 cases passed; "
        "5 minor defects, fixed in increment 2.",
    ),
    "ts.uat1": (
        "UAT cycle 1",
        TestKind.UAT,
        TestResult.FAILED,
        7,
        "Four pilot merchants. Failed: a partial refund of a split payment refunded the full "
        "amount (DEF-4123, high); instant payouts above EUR 15,000 were rejected (DEF-4121, "
        "high); five medium dashboard defects. Retest in UAT cycle 2.",
    ),
    "ts.func2": ("Functional test cycle 2", TestKind.FUNCTIONAL, TestResult.PLANNED, 0, ""),
    "ts.e2e": (
        "End-to-end test with the partner bank",
        TestKind.FUNCTIONAL,
        TestResult.PLANNED,
        0,
        "Instant payouts and the 22:00 settlement file against the partner bank's test system.",
    ),
    "ts.perf": (
        "Performance and load test",
        TestKind.NON_FUNCTIONAL,
        TestResult.PLANNED,
        0,
        "Target: 200 payouts a second with 95 % within 800 ms; settlement batch for 2 million "
        "payments by 23:30.",
    ),
    "ts.pentest": (
        "Security penetration test",
        TestKind.NON_FUNCTIONAL,
        TestResult.PLANNED,
        0,
        "External testers; payout API, refund API and merchant dashboard.",
    ),
    "ts.uat2": (
        "UAT cycle 2 (retest)",
        TestKind.UAT,
        TestResult.PLANNED,
        0,
        "Retest of the seven UAT cycle 1 defects, then the full UAT script on increment 2.",
    ),
}

# key: name, description, people, teams
AUDIENCES = {
    "users": (
        "End users",
        "Merchant staff who use the merchant dashboard and API; reached through the "
        "Business team's merchant success managers.",
        ("hannah", "marco"),
        ("business",),
    ),
    "desk": (
        "Support desk",
        "First- and second-line support who answer merchant tickets.",
        ("eva",),
        ("operations",),
    ),
    "admins": (
        "Administrators",
        "Merchant administrators and Northwind operations staff who set up payouts, limits "
        "and the settlement batch.",
        ("jonas", "daniel"),
        (),
    ),
}

# key: title, audience, item whose day it takes place on, trainer, place; day 0 or 1 of the item
TRAINING = {
    "desk": (
        "Support desk briefing: instant payouts, partial refunds, corrected CHF reports",
        "desk",
        "dp.train_support",
        0,
        "lukas",
        "Frankfurt office, room Main (3rd floor)",
    ),
    "admins": (
        "Administrator workshop: payout settings, refund limits, the 22:00 settlement batch",
        "admins",
        "dp.train_admins",
        0,
        "jonas",
        "Online: https://meet.northwind-payments.example/pay42-admins",
    ),
    "users-1": (
        "Merchant webinar: what's new in Payments 4.2",
        "users",
        "dp.train_users",
        0,
        "hannah",
        "Webinar: https://webinar.northwind-payments.example/payments-4-2",
    ),
    "users-2": (
        "Merchant webinar: what's new in Payments 4.2 (repeat)",
        "users",
        "dp.train_users",
        1,
        "marco",
        "Webinar: https://webinar.northwind-payments.example/payments-4-2",
    ),
}

ROLLBACK_PLAN = (
    "Roll back if the smoke test fails or settlement reconciliation differs by more than "
    "EUR 100 before Sunday 28 Feb 2027, 18:00 CET. 1. Switch instant payouts off (feature "
    "flag payouts.instant). 2. Switch the load balancer back to the 4.1.3 servers (blue/green, "
    "15 minutes). 3. Restore the settlement database from the snapshot taken Friday at 22:00 "
    "and replay the day's payments (about 2 hours). 4. Run the 4.1 settlement batch, which "
    "stays on standby for five days after go-live. The release manager decides with the "
    "operations manager; the product owner informs merchants."
)
