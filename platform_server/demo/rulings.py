"""A ruling draft as a PDF, for the demo cases a supervisor has to review."""

from __future__ import annotations

from datetime import datetime

from platform_server.demo import catalog, identity, pdfs
from platform_server.demo.context import CaseContext, money_text


def ruling_draft(
    ctx: CaseContext,
    case_no: str,
    title: str,
    buyer: identity.Person,
    shop: catalog.Shop,
    outcome: str,
    amount: int | None,
    currency: str,
    mediator: str,
    at: datetime,
) -> bytes:
    chinese = ctx.chinese and pdfs.can_write_chinese()
    if not chinese:
        decision = {
            "buyer_favour": "The claim is upheld.",
            "partial": "The claim is upheld in part.",
            "merchant_favour": "The claim is dismissed.",
        }.get(outcome, "")
        if amount is not None and outcome != "merchant_favour":
            decision += (
                f" The shop shall pay {money_text(amount, currency, 'en')} within 3 working days."
            )
        return pdfs.render(
            pdfs.PdfSpec(
                title="Dispute Decision (draft)",
                number=f"Case {case_no}",
                fields=(("Buyer", buyer.legal_name), ("Shop", shop.name), ("Matter", title)),
                sections=(
                    ("Decision", decision),
                    ("Appeal", "Either party may appeal within 15 days of this decision."),
                ),
                issuer=f"Mediator: {mediator}",
                date_text=f"{at:%d %B %Y}",
            ),
            False,
        )
    decision = {
        "buyer_favour": "支持买家的投诉请求。",
        "partial": "部分支持买家的投诉请求。",
        "merchant_favour": "驳回买家的投诉请求。",
    }.get(outcome, "")
    if amount is not None and outcome != "merchant_favour":
        decision += f"商家应于本裁决生效之日起3个工作日内向买家支付{money_text(amount, currency, ctx.language)}。"
    return pdfs.render(
        pdfs.PdfSpec(
            title="纠纷裁决书（草案）",
            number=f"案号：{case_no}",
            fields=(
                ("买家", buyer.legal_name),
                ("商家", f"{shop.name}（{shop.legal_name}）"),
                ("纠纷事项", title),
            ),
            sections=(
                ("经审理查明", ctx.fmt(ctx.texts["desc"])),
                (
                    "裁决理由",
                    "根据平台规则及《中华人民共和国消费者权益保护法》《中华人民共和国电子商务法》的有关规定，结合双方提交的证据，作出如下裁决。",
                ),
                ("裁决结果", decision),
                (
                    "",
                    "如不服本裁决，可在收到本裁决书之日起15日内向平台申请复核，或依法向人民法院提起诉讼。",
                ),
            ),
            issuer=f"调解员：{mediator}",
            date_text=f"{at:%Y年%m月%d日}",
        ),
        True,
    )
