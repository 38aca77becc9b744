"""What the anonymizer removes (its kinds), the rule each removal follows, and how sure
a detector was.

Kinds and rules are codes; their words are in ``resources/vocabulary/anonymize.toml``
(``anonymize.kind.<code>``, ``anonymize.rule.<code>``), said in the reader's language.
The rules are those of SPC 法释〔2016〕19号 (arts. 9 and 10, as the platform applies
them to every natural person in a public notice) and the platform's own rules in
``docs/domain.md`` for what the SPC text does not name (account names, order numbers).
"""

from __future__ import annotations

from typing import Literal, get_args

from app.vocabulary import Words, words

Kind = Literal[
    "person_name",
    "account_name",
    "resident_id",
    "passport",
    "travel_permit",
    "hk_id",
    "macau_id",
    "taiwan_id",
    "bank_card",
    "phone",
    "email",
    "licence_plate",
    "address",
    "order_number",
    "tracking_number",
    "transaction_number",
    "health",
    "trade_secret",
]

Rule = Literal[
    "spc_9_1_surname_kept",
    "spc_9_2_first_character_kept",
    "spc_9_3_first_letter_kept",
    "spc_10_1_address_to_county",
    "spc_10_1_contact",
    "spc_10_1_identity_number",
    "spc_10_1_bank_account",
    "spc_10_1_licence_plate",
    "spc_10_1_health",
    "spc_10_3_trade_secret",
    "platform_account_name",
    "platform_order_reference",
]

# How a datum was found. Every level is removed: a check digit raises confidence, it
# never grants publication (a mistyped ID number is still someone's ID number).
Confidence = Literal["known", "validated", "pattern", "context"]

KINDS: tuple[Kind, ...] = get_args(Kind)
RULES: tuple[Rule, ...] = get_args(Rule)
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)

# The rule every kind but a name follows (a name's rule depends on its form).
RULE_OF_KIND: dict[Kind, Rule] = {
    "account_name": "platform_account_name",
    "resident_id": "spc_10_1_identity_number",
    "passport": "spc_10_1_identity_number",
    "travel_permit": "spc_10_1_identity_number",
    "hk_id": "spc_10_1_identity_number",
    "macau_id": "spc_10_1_identity_number",
    "taiwan_id": "spc_10_1_identity_number",
    "bank_card": "spc_10_1_bank_account",
    "phone": "spc_10_1_contact",
    "email": "spc_10_1_contact",
    "licence_plate": "spc_10_1_licence_plate",
    "address": "spc_10_1_address_to_county",
    "order_number": "platform_order_reference",
    "tracking_number": "platform_order_reference",
    "transaction_number": "platform_order_reference",
    "health": "spc_10_1_health",
    "trade_secret": "spc_10_3_trade_secret",
}

# When two detections overlap, the surer one names the merged redaction.
PRIORITY: dict[Confidence, int] = {"known": 3, "validated": 2, "pattern": 1, "context": 0}


def kind_words(kind: Kind) -> Words:
    """What a kind is called (电话号码, "phone number")."""
    return words(f"anonymize.kind.{kind}")


def rule_words(rule: Rule) -> Words:
    """The rule a removal follows, with its source (法释〔2016〕19号第十条第一项…)."""
    return words(f"anonymize.rule.{rule}")
