"""What a decision document says, section by section, as blocks (see :mod:`reports.blocks`).

Every sentence comes from the language's template (``resources/documents/<lang>.toml``);
codes are said with :class:`app.vocabulary.Label`; money with
:func:`app.vocabulary.amount_text` and, for renminbi, in words as well; every string
from a party or the mediator goes through :func:`reports.blocks.markup` (escaped).
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm

from app.contract.case_document import Money
from app.documents.records import (
    CaseRecord,
    DecisionRecord,
    Dismissal,
    EvidenceEntry,
    OfferEntry,
    PartyEntry,
    RemedyEntry,
    Ruling,
    SettlementAgreement,
)
from app.vocabulary import Label, amount_in_words, amount_text, format_money
from app.workflow import CHINA_TIME
from reports.blocks import (
    Block,
    Gap,
    Grid,
    Manifest,
    Para,
    Signatures,
    SignatureSlot,
    markup,
)
from reports.templates import Template, template

TEXT_WIDTH = 160 * mm  # A4 less 25 mm each side
_YEAR_DIGITS = "〇一二三四五六七八九"
_CHINESE_DAYS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


class _Writer:
    """Writes one record's blocks in its language."""

    def __init__(self, record: DecisionRecord) -> None:
        self.record = record
        self.case: CaseRecord = record.case
        self.language = self.case.language
        self.t: Template = template(self.language)
        self.blocks: list[Block] = []
        self._section = 0

    # -- small things ---------------------------------------------------------------------

    def label(self, enumeration: str, code: str) -> str:
        return Label(enumeration, code).text(self.language)

    def time(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        local = moment.astimezone(CHINA_TIME)
        return self.t(
            "date.time",
            year=local.year,
            month=local.month,
            day=local.day,
            hour=local.hour,
            minute=local.minute,
        )

    def day(self, value: date) -> str:
        if self.t.chinese:
            return self.t("date.short", year=value.year, month=value.month, day=value.day)
        months = self.t.items("date.months")
        return self.t("date.short", year=value.year, month=months[value.month - 1], day=value.day)

    def formal_date(self, value: date) -> str:
        months = self.t.items("date.months")
        if self.t.chinese:
            year = "".join(_YEAR_DIGITS[int(d)] for d in str(value.year))
            tens, ones = divmod(value.day, 10)
            day = ("" if tens < 2 else _CHINESE_DAYS[tens]) + ("十" if tens else "")
            day += _CHINESE_DAYS[ones] if ones else ""
            return self.t("date.formal", year=year, month=months[value.month - 1], day=day)
        return self.t("date.formal", year=value.year, month=months[value.month - 1], day=value.day)

    def money(self, amount: Money | None) -> str:
        if amount is None:
            return ""
        words = amount_in_words(amount.value, amount.currency, self.language)
        if words is None:
            return self.t(
                "decision.money_other",
                money=format_money(amount.value, amount.currency, self.language),
            )
        return self.t(
            "decision.money_cny", amount=amount_text(amount.value, amount.currency), words=words
        )

    def plain_money(self, amount: Money | None) -> str:
        return format_money(amount.value, amount.currency, self.language) if amount else ""

    def joined(self, items: list[str]) -> str:
        return self.t("list_separator").join(items)

    # -- blocks ---------------------------------------------------------------------------

    def para(self, text: str, style: str = "body") -> None:
        self.blocks.append(Para(text, style))

    def prose(self, text: str) -> None:
        """Someone's own text, paragraph by paragraph, escaped."""
        for part in (p.strip() for p in text.replace("\r\n", "\n").split("\n")):
            if part:
                self.para(markup(part))

    def heading(self, key: str) -> None:
        self._section += 1
        numerals = self.t.items("numerals")
        number = numerals[self._section - 1] if self._section <= len(numerals) else self._section
        self.para(
            markup(self.t("heading", number=number, text=self.t(f"headings.{key}"))), "heading"
        )

    def items(self, lines: list[str]) -> None:
        for index, line in enumerate(lines, start=1):
            self.para(self.t("item", number=index, text=line), "item")

    # -- sections -------------------------------------------------------------------------

    def title_block(self) -> None:
        title = self.t(f"title.{self.record.kind}")
        shown = "\u2002".join(title) if self.t.chinese else title
        self.para(markup(self.t("issuer")), "issuer")
        self.para(markup(shown), "title")
        case = self.case
        lines = [
            markup(self.t("meta.case_number", case_id=case.case_id)),
            markup(
                self.t("meta.document_number", document_id=case.document_id, version=case.version)
            ),
        ]
        self.para("<br/>".join(lines), "meta")
        if case.supersedes:
            self.para(markup(self.t("meta.supersedes", sha256=case.supersedes)), "note")
        if case.copy_for:
            party = self.case.party(case.copy_for)
            who = self.t(f"roles.{self._role_key(case.copy_for)}")
            if party is not None:
                who = f"{who}{party.name}" if self.t.chinese else f"{who}, {party.name}"
            self.para(markup(self.t("meta.party_copy", party=who)), "note")
        self.blocks.append(Gap(4))

    def _role_key(self, role: str) -> str:
        if isinstance(self.record, SettlementAgreement):
            return {"buyer": "party_a", "merchant": "party_b"}.get(role, "other")
        if isinstance(self.record, Dismissal):
            return {"buyer": "complainant", "merchant": "respondent"}.get(role, "other")
        return {"buyer": "buyer", "merchant": "merchant"}.get(role, "other")

    def parties(self) -> None:
        others = []
        for party in self.case.parties:
            if party.role not in ("buyer", "merchant"):
                others.append(f"{markup(party.name)}（{self.label('PartyRole', party.role)}）"
                              if self.t.chinese else
                              f"{markup(party.name)} ({self.label('PartyRole', party.role)})")  # fmt: skip
                continue
            self._party(party)
        if others:
            text = self.t("party.other_line", role=self.t("roles.other"), name=self.joined(others))
            self.para(text, "party_detail")

    def _party(self, party: PartyEntry) -> None:
        role = self.t(f"roles.{self._role_key(party.role)}")
        self.para(markup(self.t("party.name", role=role, name=party.name)), "party")
        details = []
        if party.legal_name and party.display_name != party.legal_name:
            details.append(self.t("party.display_name", value=markup(party.display_name)))
        if party.shop_name:
            details.append(
                self.t(
                    "party.shop",
                    shop_name=markup(party.shop_name),
                    shop_id=markup(party.shop_id or ""),
                )
            )
        if party.withheld:
            details.append(markup(self.t("party.withheld")))
        for key in ("id_number", "phone", "email", "address"):
            value = getattr(party, key)
            if value:
                details.append(self.t(f"party.{key}", value=markup(value)))
        if details:
            self.para("<br/>".join(details), "party_detail")

    def intro(self, key: str) -> None:
        buyer, merchant = self.case.party("buyer"), self.case.party("merchant")
        self.blocks.append(Gap(4))
        self.para(
            self.t(
                f"intro.{key}",
                buyer=markup(buyer.name if buyer else ""),
                merchant=markup(merchant.name if merchant else ""),
                order_id=markup(self.case.order.order_id),
                opened=self.day(self.case.opened_at.astimezone(CHINA_TIME).date()),
            )
        )

    def order(self) -> None:
        self.heading("order")
        order = self.case.order
        self.para(
            markup(
                self.t(
                    "order.line",
                    order_id=order.order_id,
                    placed=self.time(order.placed_at),
                    total=self.plain_money(order.total_paid),
                )
            ),
            "item",
        )
        if order.paid_at or order.payment_method or order.transaction_id:
            self.para(
                markup(
                    self.t(
                        "order.paid",
                        paid=self.time(order.paid_at),
                        method=order.payment_method or "—",
                        transaction=order.transaction_id or "—",
                    )
                ),
                "item",
            )
        if order.carrier:
            self.para(
                markup(
                    self.t(
                        "order.shipment",
                        carrier=order.carrier,
                        tracking=order.tracking_number or "—",
                        delivered=self.time(order.delivered_at)
                        if order.delivered_at
                        else self.t("order.not_delivered"),
                    )
                ),
                "item",
            )
        head = tuple(markup(cell) for cell in self.t.items("order.goods_head"))
        rows = [head] + [
            (
                markup(line.title),
                markup(line.sku),
                str(line.quantity),
                markup(self.plain_money(line.unit_price)),
                markup(self.plain_money(line.line_total)),
            )
            for line in order.items
        ]
        self.blocks.append(Gap(3))
        self.blocks.append(Grid(tuple(rows), (60 * mm, 26 * mm, 12 * mm, 31 * mm, 31 * mm)))
        extras = []
        if order.shipping_fee:
            extras.append(self.t("order.shipping_fee", amount=self.plain_money(order.shipping_fee)))
        if order.discount:
            extras.append(self.t("order.discount", amount=self.plain_money(order.discount)))
        if extras:
            self.para(markup(self.joined(extras)), "note")

    def claim(self) -> None:
        self.heading("claim")
        claim = self.case.claim
        self.para(markup(self.t("claim.title", title=claim.title)), "item")
        amount = self.t("claim.amount", money=self.money(claim.amount)) if claim.amount else ""
        self.para(
            markup(
                self.t("claim.remedy", remedy=self.label("Remedy", claim.remedy), amount=amount)
            ),
            "item",
        )
        if claim.text:
            self.para(markup(self.t("claim.text", text=claim.text)), "item")
        if claim.description and claim.description != claim.text:
            self.prose(claim.description)

    def process(self) -> None:
        self.heading("process")
        rows = [tuple(markup(c) for c in self.t.items("process.head"))]
        for step in self.case.process:
            if step.event.startswith("desk."):
                what = self.t(f"process.desk_{step.event[5:]}")
            else:
                what = self.label("HistoryEvent", step.event)
            if step.text:
                what = f"{what}{'：' if self.t.chinese else ': '}{step.text}"
            rows.append(
                (
                    markup(self.time(step.at)),
                    markup(what),
                    markup(step.actor_name or self.t("platform")),
                )
            )
        if len(rows) == 1:
            self.para(markup(self.t("process.none")), "item")
            return
        self.blocks.append(Grid(tuple(rows), (30 * mm, 95 * mm, 35 * mm)))

    def offers(self) -> None:
        self.heading("offers")
        if not self.case.offers:
            self.para(markup(self.t("offers.none")), "item")
            return
        rows = [tuple(markup(c) for c in self.t.items("offers.head"))]
        for offer in self.case.offers:
            rows.append(self._offer_row(offer))
        self.blocks.append(Grid(tuple(rows), (16 * mm, 36 * mm, 56 * mm, 52 * mm)))

    def _offer_row(self, offer: OfferEntry) -> tuple[str, ...]:
        proposer = offer.proposed_by_name or self.t("platform")
        terms = self.label("Remedy", offer.remedy)
        if offer.amount:
            terms += f" {self.plain_money(offer.amount)}"
        terms = markup(terms) + (f"<br/>{markup(offer.text)}" if offer.text else "")
        answers = []
        for answer in offer.answers:
            channel = (
                self.t("offers.channel_platform")
                if answer.channel == "platform"
                else self.t("offers.channel_mediator", recorded_by=answer.recorded_by or "")
            )
            answers.append(
                markup(
                    self.t(
                        "offers.answer",
                        party=answer.party_name,
                        at=self.time(answer.at),
                        decision=self.t(f"offers.{answer.decision}"),
                        channel=channel,
                    )
                )
            )
        return (
            markup(offer.offer_id),
            f"{markup(proposer)}<br/>{markup(self.time(offer.at))}",
            terms,
            "<br/>".join(answers) or "—",
        )

    def evidence(self) -> None:
        self.heading("evidence")
        case = self.case
        if not case.evidence:
            self.para(markup(self.t("evidence.none")), "item")
        else:
            rows = [tuple(markup(c) for c in self.t.items("evidence.head"))]
            rows += [self._evidence_row(item) for item in case.evidence]
            self.blocks.append(
                Grid(
                    tuple(rows),
                    (14 * mm, 42 * mm, 24 * mm, 19 * mm, 45 * mm, 16 * mm),
                    cell_styles=("cell", "cell", "cell", "cell", "cell_hash", "cell"),
                )
            )
            self.para(markup(self.t("evidence.verification_note")), "note")
        digest = case.evidence_manifest_sha256
        self.blocks.append(
            Manifest(
                qr_data=f"evidence-manifest sha256:{digest} case:{case.case_id} "
                f"document:{case.document_id} v{case.version}",
                label=markup(self.t("evidence.manifest_label")),
                digest=digest,
                note=markup(self.t("evidence.manifest_note")),
            )
        )

    def _evidence_row(self, item: EvidenceEntry) -> tuple[str, ...]:
        what = self.label("EvidenceKind", item.kind)
        detail = item.title or item.filename
        submitter = item.submitted_by_name or self.t("platform")
        return (
            markup(item.evidence_id),
            f"{markup(what)}<br/>{markup(detail)}",
            markup(submitter),
            markup(self.time(item.submitted_at)).replace(" ", "<br/>", 1),
            f"{item.sha256[:32]}<br/>{item.sha256[32:]}",
            markup(self.label("Integrity", item.verification)),
        )

    def text_section(self, key: str, text: str) -> None:
        self.heading(key)
        self.prose(text)

    def cited_section(self, key: str, cited: list[str]) -> None:
        self.heading(key)
        if cited:
            self.items([markup(text) for text in cited])
        else:
            self.para(markup(self.t("none")), "item")

    def remedy_line(self, remedy: RemedyEntry, key: str) -> str:
        money = self.money(remedy.amount) if remedy.amount else ""
        action = self.t(f"remedy.{remedy.remedy}", money=money)
        if remedy.due_working_days and key == "decision.remedy":
            deadline = self.t("decision.deadline", days=remedy.due_working_days)
        else:
            deadline = self.t("decision.deadline_none")
        payer = remedy.payer_name or self.t("platform")
        return markup(
            self.t(key, payer=payer, payee=remedy.payee_name, action=action, deadline=deadline)
        )

    def appeal(self, days: int) -> None:
        self.heading("appeal")
        title = self.t(f"title.{self.record.kind}")
        self.para(markup(self.t("appeal.text", title=title, days=days, case_id=self.case.case_id)))
        self.para(markup(self.t("appeal.other", title=title)))

    def signatures(self) -> None:
        slots = []
        for signatory in self.case.signatories:
            name = signatory.name or (
                "" if signatory.role == "mediator" else self.t("signatures.pending")
            )
            hint = "sign_here" if signatory.role == "mediator" else "countersign_here"
            label = self.t(
                "signatures.label",
                role=self.t(f"signatures.{signatory.role}"),
                hint=self.t(f"signatures.{hint}"),
                name=name,
            )
            slots.append(SignatureSlot(signatory.field_name, signatory.role, markup(label)))
        # The closing paragraphs stay on the signatures' page.
        lead: list[Block] = []
        while self.blocks and len(lead) < 2:
            last = self.blocks[-1]
            if not isinstance(last, Para) or last.style == "heading":
                break
            lead.insert(0, self.blocks.pop())
        self.blocks.append(
            Signatures(
                lead=tuple(lead),
                slots=tuple(slots),
                date_line=markup(self.formal_date(self.case.document_date)),
                issuer_line=markup(self.t("signatures.issued", issuer=self.t("issuer"))),
            )
        )
        self.blocks.append(Gap(6))
        self.para(markup(self.t("date.timezone_note")), "note")


def story_blocks(record: DecisionRecord) -> list[Block]:
    """The whole document as blocks, in reading order."""
    writer = _Writer(record)
    writer.title_block()
    writer.parties()
    if isinstance(record, Ruling):
        _ruling(writer, record)
    elif isinstance(record, SettlementAgreement):
        _settlement(writer, record)
    else:
        _dismissal(writer, record)
    writer.signatures()
    return writer.blocks


def _ruling(w: _Writer, record: Ruling) -> None:
    w.intro("ruling")
    w.order()
    w.claim()
    w.process()
    w.offers()
    w.evidence()
    w.text_section("findings", record.findings_of_fact)
    w.text_section("reasoning", record.reasoning)
    w.cited_section("rules", [c.text for c in record.rules_relied_on])
    w.heading("decision")
    lines = [markup(w.t("decision.outcome", outcome=record.outcome.text))]
    if record.remedies:
        lines += [w.remedy_line(remedy, "decision.remedy") for remedy in record.remedies]
    else:
        lines.append(markup(w.t("decision.no_remedy")))
    if record.sanctions:
        sanctions = w.joined([c.text for c in record.sanctions])
        lines.append(markup(w.t("decision.sanctions", sanctions=sanctions)))
    w.items(lines)
    w.appeal(record.appeal.working_days)


def _settlement(w: _Writer, record: SettlementAgreement) -> None:
    w.intro("settlement")
    w.order()
    w.claim()
    w.process()
    w.offers()
    w.evidence()
    w.heading("terms")
    lines = [w.remedy_line(remedy, "decision.settlement_remedy") for remedy in record.remedies]
    if record.terms.text:
        lines.append(markup(w.t("settlement.terms_text", text=record.terms.text)))
    if record.summary:
        lines.append(markup(w.t("settlement.summary", text=record.summary)))
    if record.completed_on:
        lines.append(markup(w.t("settlement.completed", date=w.day(record.completed_on))))
    w.items(lines)
    w.heading("acceptance")
    for acceptance in record.acceptances:
        channel = w.t(
            f"settlement.channel_{acceptance.channel}", recorded_by=acceptance.recorded_by or ""
        )
        w.para(
            markup(
                w.t(
                    "settlement.acceptance",
                    party=acceptance.party_name,
                    at=w.time(acceptance.at),
                    channel=channel,
                )
            ),
            "item",
        )
    w.para(markup(w.t("settlement.effect")))


def _dismissal(w: _Writer, record: Dismissal) -> None:
    w.intro("dismissal_malicious" if record.basis == "malicious" else "dismissal_out_of_scope")
    w.order()
    w.claim()
    w.process()
    w.evidence()
    if record.findings_of_fact:
        w.text_section("findings", record.findings_of_fact)
    if record.grounds:
        w.cited_section("grounds", [c.text for c in record.grounds])
    w.text_section("reasons_dismissal", record.reasoning)
    if record.rules_relied_on:
        w.cited_section("rules", [c.text for c in record.rules_relied_on])
    w.heading("decision_dismissal")
    lines = [markup(w.t("decision.dismissed"))]
    if record.complainant_measures:
        measures = w.joined([c.text for c in record.complainant_measures])
        lines.append(markup(w.t("decision.measures", measures=measures)))
    w.items(lines)
    w.appeal(record.appeal.working_days)


__all__ = ["TEXT_WIDTH", "story_blocks"]
