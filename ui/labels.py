"""Words for the values the case document spells as codes (``in_mediation``, ``refund``…).

One table per enumeration of ``app.contract.case_document``; the English words are the
translation sources (context ``labels``), so zh_CN and zh_TW come from the .ts files
like every other string. A value the table does not know (a newer platform) is shown
as it came, never hidden.
"""

from __future__ import annotations

from collections.abc import Mapping

from ui.qt import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "labels"

CATEGORY = {
    "quality": QT_TRANSLATE_NOOP("labels", "Product quality"),
    "logistics": QT_TRANSLATE_NOOP("labels", "Logistics"),
    "after_sales": QT_TRANSLATE_NOOP("labels", "After-sales"),
    "price_promotion": QT_TRANSLATE_NOOP("labels", "Price & promotion"),
    "service": QT_TRANSLATE_NOOP("labels", "Service attitude"),
    "payment": QT_TRANSLATE_NOOP("labels", "Payment"),
    "fraud": QT_TRANSLATE_NOOP("labels", "Fraud & infringement"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

REASON = {
    "not_as_described": QT_TRANSLATE_NOOP("labels", "Not as described"),
    "defective": QT_TRANSLATE_NOOP("labels", "Defective"),
    "safety_hazard": QT_TRANSLATE_NOOP("labels", "Safety hazard"),
    "counterfeit": QT_TRANSLATE_NOOP("labels", "Counterfeit"),
    "late_delivery": QT_TRANSLATE_NOOP("labels", "Late delivery"),
    "lost_parcel": QT_TRANSLATE_NOOP("labels", "Lost parcel"),
    "damaged_in_transit": QT_TRANSLATE_NOOP("labels", "Damaged in transit"),
    "shipping_fee": QT_TRANSLATE_NOOP("labels", "Shipping fee"),
    "pickup_point": QT_TRANSLATE_NOOP("labels", "Pickup point"),
    "return_refused": QT_TRANSLATE_NOOP("labels", "Return refused"),
    "slow_response": QT_TRANSLATE_NOOP("labels", "Slow response"),
    "poor_service": QT_TRANSLATE_NOOP("labels", "Poor service"),
    "repair_refused": QT_TRANSLATE_NOOP("labels", "Repair refused"),
    "price_mismatch": QT_TRANSLATE_NOOP("labels", "Price differs from listing"),
    "promotion_not_honoured": QT_TRANSLATE_NOOP("labels", "Promotion not honoured"),
    "coupon_not_applied": QT_TRANSLATE_NOOP("labels", "Coupon not applied"),
    "price_changed": QT_TRANSLATE_NOOP("labels", "Price changed after order"),
    "currency_conversion": QT_TRANSLATE_NOOP("labels", "Currency conversion"),
    "rude_service": QT_TRANSLATE_NOOP("labels", "Rude service"),
    "unhelpful_service": QT_TRANSLATE_NOOP("labels", "Unhelpful service"),
    "unauthorised_transaction": QT_TRANSLATE_NOOP("labels", "Unauthorised transaction"),
    "account_stolen": QT_TRANSLATE_NOOP("labels", "Account stolen"),
    "payment_error": QT_TRANSLATE_NOOP("labels", "Payment error"),
    "fake_promotion": QT_TRANSLATE_NOOP("labels", "Fake promotion"),
    "false_advertising": QT_TRANSLATE_NOOP("labels", "False advertising"),
    "infringement": QT_TRANSLATE_NOOP("labels", "Infringement"),
    "cross_border": QT_TRANSLATE_NOOP("labels", "Cross-border"),
    "information_asymmetry": QT_TRANSLATE_NOOP("labels", "Information asymmetry"),
    "system_error": QT_TRANSLATE_NOOP("labels", "Automated-system error"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

STATUS = {
    "open": QT_TRANSLATE_NOOP("labels", "Open"),
    "awaiting_buyer": QT_TRANSLATE_NOOP("labels", "Awaiting buyer"),
    "awaiting_merchant": QT_TRANSLATE_NOOP("labels", "Awaiting merchant"),
    "in_mediation": QT_TRANSLATE_NOOP("labels", "In mediation"),
    "under_review": QT_TRANSLATE_NOOP("labels", "Under review"),
    "resolved": QT_TRANSLATE_NOOP("labels", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("labels", "Closed"),
    "withdrawn": QT_TRANSLATE_NOOP("labels", "Withdrawn"),
}

PRIORITY = {
    "normal": QT_TRANSLATE_NOOP("labels", "Normal"),
    "high": QT_TRANSLATE_NOOP("labels", "High"),
    "urgent": QT_TRANSLATE_NOOP("labels", "Urgent"),
}

FLAG = {
    "safety_risk": QT_TRANSLATE_NOOP("labels", "Safety risk"),
    "suspected_malicious": QT_TRANSLATE_NOOP("labels", "Suspected malicious complaint"),
    "repeat_merchant": QT_TRANSLATE_NOOP("labels", "Repeat merchant"),
    "cross_border": QT_TRANSLATE_NOOP("labels", "Cross-border"),
    "small_claim": QT_TRANSLATE_NOOP("labels", "Small claim"),
    "media_attention": QT_TRANSLATE_NOOP("labels", "Media attention"),
}

REMEDY = {
    "refund": QT_TRANSLATE_NOOP("labels", "Refund"),
    "partial_refund": QT_TRANSLATE_NOOP("labels", "Partial refund"),
    "return_and_refund": QT_TRANSLATE_NOOP("labels", "Return and refund"),
    "exchange": QT_TRANSLATE_NOOP("labels", "Exchange"),
    "repair": QT_TRANSLATE_NOOP("labels", "Repair"),
    "compensation": QT_TRANSLATE_NOOP("labels", "Compensation"),
    "price_difference": QT_TRANSLATE_NOOP("labels", "Price difference"),
    "apology": QT_TRANSLATE_NOOP("labels", "Apology"),
    "advance_payout": QT_TRANSLATE_NOOP("labels", "Advance payout by the platform"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

CHANNEL = {
    "web": QT_TRANSLATE_NOOP("labels", "Web form"),
    "app": QT_TRANSLATE_NOOP("labels", "Mobile app"),
    "social": QT_TRANSLATE_NOOP("labels", "Social media"),
    "email": QT_TRANSLATE_NOOP("labels", "Email"),
    "hotline": QT_TRANSLATE_NOOP("labels", "Hotline"),
    "letter": QT_TRANSLATE_NOOP("labels", "Letter"),
    "forum": QT_TRANSLATE_NOOP("labels", "Community forum"),
    "third_party": QT_TRANSLATE_NOOP("labels", "Third-party mediation platform"),
}

PARTY_ROLE = {
    "buyer": QT_TRANSLATE_NOOP("labels", "Buyer"),
    "merchant": QT_TRANSLATE_NOOP("labels", "Merchant"),
    "logistics": QT_TRANSLATE_NOOP("labels", "Logistics company"),
    "payment_provider": QT_TRANSLATE_NOOP("labels", "Payment provider"),
    "other": QT_TRANSLATE_NOOP("labels", "Other party"),
}

PERSON_KIND = {
    "natural_person": QT_TRANSLATE_NOOP("labels", "Natural person"),
    "organisation": QT_TRANSLATE_NOOP("labels", "Organisation"),
}

SHIPMENT_STATUS = {
    "label_created": QT_TRANSLATE_NOOP("labels", "Label created"),
    "picked_up": QT_TRANSLATE_NOOP("labels", "Picked up"),
    "in_transit": QT_TRANSLATE_NOOP("labels", "In transit"),
    "out_for_delivery": QT_TRANSLATE_NOOP("labels", "Out for delivery"),
    "delivered": QT_TRANSLATE_NOOP("labels", "Delivered"),
    "exception": QT_TRANSLATE_NOOP("labels", "Exception"),
    "returned_to_sender": QT_TRANSLATE_NOOP("labels", "Returned to sender"),
    "ready_for_pickup": QT_TRANSLATE_NOOP("labels", "Ready for pickup"),
}

MESSAGE_CHANNEL = {
    "platform_chat": QT_TRANSLATE_NOOP("labels", "Platform chat"),
    "email": QT_TRANSLATE_NOOP("labels", "Email"),
    "phone_note": QT_TRANSLATE_NOOP("labels", "Phone note"),
    "sms": QT_TRANSLATE_NOOP("labels", "SMS"),
    "letter": QT_TRANSLATE_NOOP("labels", "Letter"),
    "platform": QT_TRANSLATE_NOOP("labels", "Platform notice"),
}

EVIDENCE_KIND = {
    "photo": QT_TRANSLATE_NOOP("labels", "Photo"),
    "video": QT_TRANSLATE_NOOP("labels", "Video"),
    "audio": QT_TRANSLATE_NOOP("labels", "Audio"),
    "chat_log": QT_TRANSLATE_NOOP("labels", "Chat log"),
    "order_record": QT_TRANSLATE_NOOP("labels", "Order record"),
    "transaction_record": QT_TRANSLATE_NOOP("labels", "Transaction record"),
    "logistics_record": QT_TRANSLATE_NOOP("labels", "Logistics record"),
    "appraisal_report": QT_TRANSLATE_NOOP("labels", "Appraisal report"),
    "listing_snapshot": QT_TRANSLATE_NOOP("labels", "Listing snapshot"),
    "document": QT_TRANSLATE_NOOP("labels", "Document"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

OFFER_STATUS = {
    "proposed": QT_TRANSLATE_NOOP("labels", "Proposed"),
    "accepted": QT_TRANSLATE_NOOP("labels", "Accepted"),
    "rejected": QT_TRANSLATE_NOOP("labels", "Rejected"),
    "expired": QT_TRANSLATE_NOOP("labels", "Expired"),
    "withdrawn": QT_TRANSLATE_NOOP("labels", "Withdrawn"),
}

RESPONSE_DECISION = {
    "accept": QT_TRANSLATE_NOOP("labels", "Accepted"),
    "reject": QT_TRANSLATE_NOOP("labels", "Rejected"),
}

DECISION_KIND = {
    "settlement": QT_TRANSLATE_NOOP("labels", "Settlement"),
    "ruling": QT_TRANSLATE_NOOP("labels", "Ruling"),
    "dismissal": QT_TRANSLATE_NOOP("labels", "Dismissal"),
}

OUTCOME = {
    "buyer_favour": QT_TRANSLATE_NOOP("labels", "In the buyer's favour"),
    "merchant_favour": QT_TRANSLATE_NOOP("labels", "In the merchant's favour"),
    "partial": QT_TRANSLATE_NOOP("labels", "Partly upheld"),
    "dismissed": QT_TRANSLATE_NOOP("labels", "Dismissed"),
    "withdrawn": QT_TRANSLATE_NOOP("labels", "Withdrawn"),
}

SANCTION = {
    "warning": QT_TRANSLATE_NOOP("labels", "Warning"),
    "fine": QT_TRANSLATE_NOOP("labels", "Fine"),
    "delisting": QT_TRANSLATE_NOOP("labels", "Product delisted"),
    "credit_deduction": QT_TRANSLATE_NOOP("labels", "Credit-score deduction"),
    "suspension": QT_TRANSLATE_NOOP("labels", "Suspension"),
    "shop_closure": QT_TRANSLATE_NOOP("labels", "Shop closure"),
    "blacklist": QT_TRANSLATE_NOOP("labels", "Blacklist"),
    "referral": QT_TRANSLATE_NOOP("labels", "Referred to authorities"),
}

DOCUMENT_KIND = {
    "ruling": QT_TRANSLATE_NOOP("labels", "Ruling"),
    "settlement_agreement": QT_TRANSLATE_NOOP("labels", "Settlement agreement"),
    "notice": QT_TRANSLATE_NOOP("labels", "Public notice"),
    "party_copy": QT_TRANSLATE_NOOP("labels", "Copy for a party"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

DOCUMENT_STATUS = {
    "submitted": QT_TRANSLATE_NOOP("labels", "Submitted"),
    "returned": QT_TRANSLATE_NOOP("labels", "Returned"),
    "approved": QT_TRANSLATE_NOOP("labels", "Approved"),
    "published": QT_TRANSLATE_NOOP("labels", "Published"),
    "superseded": QT_TRANSLATE_NOOP("labels", "Superseded"),
}

INTEGRITY = {
    "verified": QT_TRANSLATE_NOOP("labels", "Verified"),
    "altered": QT_TRANSLATE_NOOP("labels", "Altered"),
    "missing": QT_TRANSLATE_NOOP("labels", "Missing"),
    "not_downloaded": QT_TRANSLATE_NOOP("labels", "Not downloaded yet"),
    "unchecked": QT_TRANSLATE_NOOP("labels", "Checking…"),
}

TIMELINE_KIND = {
    "message": QT_TRANSLATE_NOOP("labels", "Message"),
    "shipment": QT_TRANSLATE_NOOP("labels", "Shipment"),
    "offer": QT_TRANSLATE_NOOP("labels", "Offer"),
    "response": QT_TRANSLATE_NOOP("labels", "Answer"),
    "history": QT_TRANSLATE_NOOP("labels", "History"),
}

# History events are an open vocabulary (``case.opened``); the common ones have words.
HISTORY_EVENT = {
    "case.opened": QT_TRANSLATE_NOOP("labels", "Case opened"),
    "case.assigned": QT_TRANSLATE_NOOP("labels", "Case assigned"),
    "case.reassigned": QT_TRANSLATE_NOOP("labels", "Case reassigned"),
    "case.status_changed": QT_TRANSLATE_NOOP("labels", "Status changed"),
    "case.closed": QT_TRANSLATE_NOOP("labels", "Case closed"),
    "case.withdrawn": QT_TRANSLATE_NOOP("labels", "Case withdrawn"),
    "evidence.added": QT_TRANSLATE_NOOP("labels", "Evidence added"),
    "evidence.requested": QT_TRANSLATE_NOOP("labels", "Evidence requested"),
    "message.sent": QT_TRANSLATE_NOOP("labels", "Message sent"),
    "offer.proposed": QT_TRANSLATE_NOOP("labels", "Offer proposed"),
    "offer.accepted": QT_TRANSLATE_NOOP("labels", "Offer accepted"),
    "offer.rejected": QT_TRANSLATE_NOOP("labels", "Offer rejected"),
    "offer.expired": QT_TRANSLATE_NOOP("labels", "Offer expired"),
    "document.submitted": QT_TRANSLATE_NOOP("labels", "Document submitted"),
    "document.approved": QT_TRANSLATE_NOOP("labels", "Document approved"),
    "document.returned": QT_TRANSLATE_NOOP("labels", "Document returned"),
    "notice.published": QT_TRANSLATE_NOOP("labels", "Notice published"),
}

DUE = {
    "overdue": QT_TRANSLATE_NOOP("labels", "Overdue"),
    "due_soon": QT_TRANSLATE_NOOP("labels", "Due soon"),
}

LANGUAGE = {
    "zh-Hans": QT_TRANSLATE_NOOP("labels", "Simplified Chinese"),
    "zh-Hant": QT_TRANSLATE_NOOP("labels", "Traditional Chinese"),
    "en": QT_TRANSLATE_NOOP("labels", "English"),
}


def label(table: Mapping[str, str], value: str | None) -> str:
    """The translated word for ``value``, or the value itself when the table lacks it."""
    if value is None:
        return ""
    source = table.get(value)
    if source is None:
        return value
    return QCoreApplication.translate(CONTEXT, source)


def category(value: str | None) -> str:
    return label(CATEGORY, value)


def reason(value: str | None) -> str:
    return label(REASON, value)


def status(value: str | None) -> str:
    return label(STATUS, value)


def priority(value: str | None) -> str:
    return label(PRIORITY, value)


def flag(value: str | None) -> str:
    return label(FLAG, value)


def remedy(value: str | None) -> str:
    return label(REMEDY, value)


def evidence_kind(value: str | None) -> str:
    return label(EVIDENCE_KIND, value)


def integrity(value: str | None) -> str:
    return label(INTEGRITY, value)
