"""The change requests of the sample: one in every status, as the CAB of 14 Oct 2026 left them.

Those in scope of "Payments 4.2" carry the user-facing text the training handout prints.
"""

from __future__ import annotations

from datetime import date

from relplan.domain.model import (
    ChangeRequest,
    Decision,
    Priority,
    RequestStatus,
    RequestType,
)
from relplan.samples.payments_plan import sample_id

CAB = "Change advisory board (chair: Tom Becker)"
CAB_DAY = date(2026, 10, 14)


def change_requests(
    release_id: str, previous_id: str, audience: dict[str, str]
) -> list[ChangeRequest]:
    """One change request in every status, with the decisions of the CAB of 14 Oct 2026."""
    users, desk, admins = audience["users"], audience["desk"], audience["admins"]
    return [
        ChangeRequest(
            id=sample_id("change_request", "RFC-118"),
            title="RFC-118 SEPA Instant payouts to merchants",
            type=RequestType.FEATURE,
            requester="Hannah Fischer (Product)",
            submitted=date(2026, 9, 14),
            priority=Priority.HIGH,
            status=RequestStatus.SCHEDULED,
            release_id=release_id,
            description="Merchants can receive payouts as SEPA Instant credit transfers that "
            "arrive within seconds, around the clock, instead of on the next business day.",
            rationale="Instant euro transfers are becoming the norm under the EU Instant "
            "Payments Regulation; two competitors already pay out instantly and 38 % of "
            "merchants in the spring survey asked for it.",
            feasibility="Feasible in 4.2: the partner bank's SCT Inst API is live. About 8 "
            "days for the gateway, 6 for the dashboard and API, plus testing. The partner bank "
            "limits a single instant payout to EUR 100,000.",
            reconfiguration_possible=False,
            reconfiguration_notes="4.1 has no instant payout channel; no setting can add one.",
            decision=Decision.APPROVE,
            decided_by=CAB,
            decided_on=CAB_DAY,
            decision_reason="High merchant demand and a regulatory trend; fits 4.2 capacity.",
            user_impact="Merchants can switch their payouts to SEPA Instant: the money arrives "
            "in seconds, also at weekends, for EUR 0.20 per payout.",
            user_steps=(
                "Open Settings > Payouts in the merchant dashboard.",
                "Under 'Payout speed', choose 'Instant (SEPA Instant)'.",
                "Confirm with your second factor; the next payout is sent instantly.",
                "Follow each payout's status under Payouts > History.",
            ),
            audience_ids=(users, desk),
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-121"),
            title="RFC-121 Partial refunds in the dashboard and the API",
            type=RequestType.FEATURE,
            requester="Merchant advisory board",
            submitted=date(2026, 9, 21),
            priority=Priority.HIGH,
            status=RequestStatus.SCHEDULED,
            release_id=release_id,
            description="Refund part of a payment (one item of an order, a goodwill "
            "discount) instead of only the full amount.",
            rationale="Merchants now refund in full and charge again, which costs two fees "
            "and confuses customers; 112 support tickets about this in Q3 2026.",
            feasibility="Feasible: the ledger already books partial amounts; the refund API and "
            "the dashboard need an amount field and a check against the amount left.",
            reconfiguration_possible=False,
            reconfiguration_notes="4.1 refunds always use the full amount; there is no setting.",
            decision=Decision.APPROVE,
            decided_by=CAB,
            decided_on=CAB_DAY,
            decision_reason="Saves merchants fees and removes a top-5 support topic.",
            user_impact="Merchants can refund any part of a payment, several times, up to the "
            "amount paid; customers see one refund per part on their statement.",
            user_steps=(
                "In Payments, open the payment you want to refund.",
                "Choose 'Refund' and enter the amount (at most the amount not yet refunded).",
                "Add a reason; the customer sees it on the refund e-mail.",
                "Confirm: the refund shows as 'Pending', then 'Refunded'.",
                "Developers: POST /v2/payments/{id}/refunds now accepts an 'amount' field.",
            ),
            audience_ids=(users, desk, admins),
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-124"),
            title="RFC-124 Move the settlement cut-off from 18:00 to 22:00 CET",
            type=RequestType.CHANGE,
            requester="Finance operations",
            submitted=date(2026, 9, 28),
            priority=Priority.MEDIUM,
            status=RequestStatus.SCHEDULED,
            release_id=release_id,
            description="Payments taken until 22:00 CET are settled the next morning, "
            "not only those taken until 18:00.",
            rationale="Evening trade (restaurants, e-commerce) waits an extra day for its "
            "money; the partner bank now accepts files until 23:45.",
            feasibility="Needs a faster settlement batch (must finish by 23:30) and a new file "
            "transfer slot with the partner bank; 22 + 9 days of work.",
            reconfiguration_possible=False,
            reconfiguration_notes="The cut-off can be set in 4.1, but the 4.1 batch takes 3 h "
            "and would miss the bank's night window.",
            decision=Decision.APPROVE,
            decided_by=CAB,
            decided_on=CAB_DAY,
            decision_reason="Clear merchant benefit; the batch rework is needed anyway.",
            user_impact="Payments taken until 22:00 CET (was 18:00) are paid out the next "
            "business day.",
            user_steps=(
                "No action is needed: the new cut-off applies from go-live.",
                "Settlement reports now cover 22:00 to 22:00; adjust any reconciliation "
                "that assumed 18:00.",
            ),
            audience_ids=(users, admins),
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-126"),
            title="RFC-126 Show the payee check result for new payout accounts",
            type=RequestType.FEATURE,
            requester="Compliance",
            submitted=date(2026, 10, 19),
            priority=Priority.HIGH,
            status=RequestStatus.APPROVED,
            release_id=release_id,
            description="When a merchant adds a payout account, show whether the account "
            "holder's name matches the IBAN (verification of payee).",
            rationale="Required for instant payouts and stops payouts to mistyped accounts.",
            feasibility="The partner bank publishes its verification API in December 2026; "
            "about 5 days of work once it is available.",
            reconfiguration_possible=False,
            reconfiguration_notes="No payee check exists in 4.1.",
            decision=Decision.APPROVE,
            decided_by="Change advisory board (chair: Tom Becker), extra session",
            decided_on=date(2026, 10, 28),
            decision_reason="Compliance need; the work is added to the plan once the partner "
            "bank's API is published.",
            user_impact="When you add a payout account, the dashboard tells you whether the "
            "name matches the account, so payouts do not go to a mistyped IBAN.",
            user_steps=(
                "Open Settings > Payouts > Add account.",
                "Enter the account holder's name and IBAN.",
                "Read the result: 'Match', 'Close match' (with the bank's spelling) or "
                "'No match'; correct the details or confirm.",
            ),
            audience_ids=(users, desk),
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-127"),
            title="RFC-127 Raise the daily refund limit for small merchants to EUR 5,000",
            type=RequestType.CHANGE,
            requester="Eva Lindqvist (Service desk)",
            submitted=date(2026, 9, 30),
            priority=Priority.MEDIUM,
            status=RequestStatus.RECONFIGURED,
            description="Small merchants hit the EUR 2,000 daily refund limit during sales.",
            rationale="40 tickets a month ask support to lift the limit by hand.",
            feasibility="No development needed.",
            reconfiguration_possible=True,
            reconfiguration_notes="The limit is a per-tier setting in 4.1 (Admin > Risk > "
            "Refund limits). Operations raised the 'Small business' tier to EUR 5,000 on "
            "21 Oct 2026.",
            decision=Decision.RECONFIGURE,
            decided_by=CAB,
            decided_on=CAB_DAY,
            decision_reason="Met by a configuration change of the version in production.",
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-130"),
            title="RFC-130 Payouts in cryptocurrency",
            type=RequestType.FEATURE,
            requester="Sales (two prospects)",
            submitted=date(2026, 10, 1),
            priority=Priority.LOW,
            description="Pay merchants out in USDC or bitcoin on request.",
            rationale="Two prospects asked for it in tenders.",
            feasibility="Needs a crypto-asset service licence (MiCA) that Northwind does not "
            "hold, and a custody partner.",
            reconfiguration_possible=False,
            status=RequestStatus.REJECTED,
            decision=Decision.REJECT,
            decided_by=CAB,
            decided_on=CAB_DAY,
            decision_reason="Outside our licence and risk appetite for 2027; Sales informed "
            "the prospects on 15 Oct 2026.",
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-133"),
            title="RFC-133 Settlement reports as ISO 20022 camt.053 files",
            type=RequestType.FEATURE,
            requester="Merchant advisory board",
            submitted=date(2026, 11, 9),
            priority=Priority.MEDIUM,
            status=RequestStatus.UNDER_EVALUATION,
            description="Offer settlement reports as camt.053 bank statements that accounting "
            "systems import directly.",
            rationale="Large merchants re-key our CSV reports into their ERP.",
            feasibility="Being assessed by Payments engineering: the report generator can "
            "write XML; how fees map to camt.053 entries is to be agreed with two pilot "
            "merchants.",
        ),
        ChangeRequest(
            id=sample_id("change_request", "RFC-136"),
            title="RFC-136 Dark mode for the merchant dashboard",
            type=RequestType.FEATURE,
            requester="Merchant feedback form",
            submitted=date(2026, 11, 24),
            priority=Priority.LOW,
            status=RequestStatus.NEW,
            description="A dark colour scheme for the merchant dashboard.",
        ),
        ChangeRequest(
            id=sample_id("change_request", "DEF-4115"),
            title="DEF-4115 Settlement report shows EUR for Swiss franc payouts",
            type=RequestType.DEFECT,
            requester="Service desk (ticket SD-20931)",
            submitted=date(2026, 9, 8),
            priority=Priority.HIGH,
            status=RequestStatus.SCHEDULED,
            release_id=release_id,
            origin_release_id=previous_id,
            description="Found in production in 4.1: the PDF settlement report labels CHF "
            "payouts as EUR; the amounts themselves are right.",
            rationale="Merchants in Switzerland book the wrong currency in their accounts.",
            feasibility="3 days: the report takes the currency from the merchant, not from the "
            "payout.",
            reconfiguration_possible=False,
            reconfiguration_notes="The report layout has no currency setting.",
            decision=Decision.APPROVE,
            decided_by=CAB,
            decided_on=CAB_DAY,
            decision_reason="Defect with accounting impact; too large for a hotfix.",
            user_impact="Settlement reports show the right currency (CHF) for Swiss franc "
            "payouts; reports from 1 Jul 2026 on are issued again, marked 'Corrected'.",
            user_steps=(
                "No action is needed for new reports.",
                "Find corrected reports under Reports > Settlement, marked 'Corrected'.",
                "If you imported an earlier report into your accounts, replace it with the "
                "corrected one.",
            ),
            audience_ids=(users, desk),
        ),
        ChangeRequest(
            id=sample_id("change_request", "DEF-4102"),
            title="DEF-4102 Refund webhook sent twice after a timeout",
            type=RequestType.DEFECT,
            requester="Service desk (ticket SD-20544)",
            submitted=date(2026, 7, 13),
            priority=Priority.CRITICAL,
            status=RequestStatus.DELIVERED,
            release_id=previous_id,
            origin_release_id=previous_id,
            description="Found in production in 4.1: a refund webhook that timed out was sent "
            "again with a new event id, so some shops refunded twice.",
            rationale="Merchants lose money when their shop acts on both events.",
            feasibility="Small fix: reuse the event id on retry. Delivered in hotfix 4.1.2.",
            reconfiguration_possible=False,
            decision=Decision.APPROVE,
            decided_by="Maria Schneider (emergency change)",
            decided_on=date(2026, 7, 14),
            decision_reason="Financial impact on merchants; emergency change.",
            user_impact="A refund webhook that is sent again keeps its event id, so shops can "
            "recognise the repeat.",
            audience_ids=(admins,),
        ),
    ]
