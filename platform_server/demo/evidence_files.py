"""A demo case's evidence files as its story plans them: listing and bank screenshots,
photos of what arrived, labels and parcels, and PDFs (reports, invoices, statements)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from platform_server.demo import identity, images, pdfs
from platform_server.demo.context import CaseContext, iso, json_bytes, money_text


def listing_image(ctx: CaseContext, shop_name: str, unit: int, currency: str, index: int) -> bytes:
    texts = ctx.texts
    chinese = ctx.chinese
    title = texts.get("listing_title") or texts["item"]
    tags = texts.get("tags") or ()
    sold_count = random.Random(f"{ctx.seed}:sold:{index}").randrange(200, 20000)
    if not chinese:
        if ctx.language != "en":
            en = ctx.scenario.get("en") or {}
            title = en.get("item", "Product listing")
            tags = en.get("tags", ())
        sold = f"{sold_count:,} sold"
        buttons = ("Add to cart", "Buy now")
    elif ctx.language == "zh-Hant":
        sold = f"已售 {sold_count}+"
        buttons = ("加入購物車", "立即購買")
    else:
        sold = f"月销 {sold_count}+"
        buttons = ("加入购物车", "立即购买")
    was = unit * 100 // 65 // 100 * 100 if unit > 1000 else unit * 2
    return images.listing_screenshot(
        f"{ctx.seed}:listing:{index}",
        title,
        _shelf_price(unit, currency),
        _shelf_price(was, currency),
        tags,
        shop_name,
        ctx.scenario["shape"],
        ctx.scenario["listed"],
        sold,
        buttons,
        label=_brand(ctx),
    )


def _brand(ctx: CaseContext) -> str | None:
    """A word printed on bottles and jars: the first word of the item's name."""
    if ctx.scenario["shape"] not in ("bottle", "jar", "box", "appliance"):
        return None
    item = ctx.texts["item"] if ctx.chinese else (ctx.scenario.get("en") or {}).get("item", "")
    word = item.split(" ")[0]
    return word[:6] if ctx.chinese else word[:10] or None


def _shelf_price(minor: int, currency: str) -> str:
    """A price as a product page shows it: ¥1299, HK$1,399, £89.99."""
    if currency == "CNY":
        return f"¥{minor / 100:.0f}" if minor % 100 == 0 else f"¥{minor / 100:.2f}"
    return money_text(minor, currency, "en")


def add_planned(ctx: CaseContext, kind: str, **k: Any) -> None:
    rng = ctx.rng
    scenario = ctx.scenario
    texts = ctx.texts
    chinese = ctx.chinese
    clamp = k["clamp"]
    opened: datetime = k["opened"]
    photo_at: datetime = k["photo_at"]

    def after(low: float, high: float) -> datetime:
        moment: datetime = clamp(opened + timedelta(hours=rng.uniform(low, high)))
        return moment

    name_stamp = f"{photo_at:%Y%m%d_%H%M%S}"
    if kind == "photo":
        fmt, media, ext = (
            ("WEBP", "image/webp", "webp") if rng.random() < 0.15 else ("JPEG", "image/jpeg", "jpg")
        )
        data = ctx.render(
            f"photo-{fmt}",
            lambda: images.product_photo(
                f"{ctx.seed}:photo:{ctx.index}",
                scenario["shape"],
                scenario["received"],
                scenario["defects"],
                k["stamp"],
                label=_brand(ctx),
                fmt=fmt,
            ),
        )
        ctx.add_evidence(
            "photo",
            data,
            media,
            f"IMG_{name_stamp}.{ext}",
            "P1",
            photo_at,
            texts.get("photo") or ctx.title("photo"),
            captured_at=iso(photo_at - timedelta(minutes=2)),
            compare_with=k["listing_id"],
        )
    elif kind == "label":
        lines = texts.get("label") or ()
        if not chinese:
            lines = (ctx.scenario.get("en") or {}).get("label", ("SEE CARE LABEL",))
        at = photo_at + timedelta(minutes=3)
        data = ctx.render(
            "label", lambda: images.label_photo(f"{ctx.seed}:label:{ctx.index}", lines, k["stamp"])
        )
        ctx.add_evidence(
            "photo",
            data,
            "image/jpeg",
            f"IMG_{at:%Y%m%d_%H%M%S}.jpg",
            "P1",
            at,
            ctx.title("label"),
            captured_at=iso(at - timedelta(minutes=1)),
        )
    elif kind == "parcel":
        buyer = k["buyer"]
        masked = buyer.legal_name[0] + "**" if chinese else buyer.legal_name.split()[0][0] + "****"
        phone = buyer.phone[:3] + "****" + buyer.phone[-4:]
        data = ctx.render(
            "parcel",
            lambda: images.parcel_photo(
                f"{ctx.seed}:parcel:{ctx.index}",
                k["carrier"].name if chinese else "PARCEL",
                k["tracking"],
                f"{masked}  {phone}",
                ("dent", "tear") if scenario["ship"] == "damaged" else (),
                k["stamp"],
            ),
        )
        ctx.add_evidence(
            "photo",
            data,
            "image/jpeg",
            f"IMG_{name_stamp}_box.jpg",
            "P1",
            photo_at,
            ctx.title("parcel"),
            captured_at=iso(photo_at - timedelta(minutes=4)),
        )
    elif kind == "logistics":
        record = {"carrier": k["carrier"].name, "number": k["tracking"], "events": k["track"]}
        ctx.add_evidence(
            "logistics_record",
            json_bytes(record),
            "application/json",
            f"tracking-{k['tracking']}.json",
            "platform",
            after(0.2, 3),
            ctx.title("logistics"),
        )
    elif kind == "transaction":
        card = k["card"]
        record = {
            "transaction_id": k["transaction_id"],
            "order_id": k["order_id"],
            "channel": k["bank"] if ctx.language != "en" else "Visa debit",
            "card_number": card,
            "amount": f"{k['total'] / 100:.2f}",
            "currency": k["currency"],
            "status": "SUCCESS",
            "paid_at": iso(k["paid"]),
        }
        ctx.add_evidence(
            "transaction_record",
            json_bytes(record),
            "application/json",
            f"payment-{k['transaction_id'][-10:]}.json",
            "platform",
            after(0.5, 8),
            ctx.title("transaction"),
        )
    elif kind in ("sms", "promo"):
        at = after(0.1, 20)
        data = ctx.render(kind, lambda: _screenshot(ctx, kind, k))
        ctx.add_evidence(
            "photo" if kind == "sms" else "listing_snapshot",
            data,
            "image/png",
            f"Screenshot_{at:%Y-%m-%d-%H-%M-%S}.png",
            "P1",
            at,
            ctx.title(kind),
        )
    elif kind in ("appraisal", "invoice", "medical", "carrier", "police"):
        spec = _pdf_spec(ctx, kind, k)
        if spec is None:
            return
        data = ctx.render(kind, lambda: pdfs.render(spec, chinese))
        submitter = "P2" if kind == "carrier" else "P1"
        filename = {
            "appraisal": "检测报告.pdf"
            if ctx.language == "zh-Hans"
            else ("檢驗報告.pdf" if ctx.language == "zh-Hant" else "test-report.pdf"),
            "invoice": f"invoice-{k['order_id']}.pdf",
            "medical": "门诊病历.pdf" if ctx.language == "zh-Hans" else "clinic-record.pdf",
            "carrier": "情况说明.pdf" if ctx.language == "zh-Hans" else "carrier-statement.pdf",
            "police": "报警回执.pdf" if ctx.language == "zh-Hans" else "police-report.pdf",
        }[kind]
        ctx.add_evidence(
            "appraisal_report" if kind == "appraisal" else "document",
            data,
            "application/pdf",
            filename,
            submitter,
            after(20, 120),
            ctx.title(kind),
        )
    elif kind == "note":
        buyer = k["buyer"]
        at = after(1, 30)
        if ctx.language == "en":
            note = (
                f"{at:%d/%m/%Y %H:%M} Called the buyer {buyer.legal_name} on {buyer.phone}.\n"
                f"Buyer confirms the order {k['order_id']} and the problem described; asks for a quick answer.\n"
                f"Called the shop; the agent said they would reply in writing.\n"
            )
        else:
            note = (
                f"{at:%Y-%m-%d %H:%M} 致电买家{buyer.legal_name}（{buyer.phone}），买家确认订单{k['order_id']}及所述问题，要求尽快处理。\n"
                f"{(at + timedelta(minutes=25)):%H:%M} 致电商家客服，对方表示将在24小时内书面答复。\n"
                f"备注：买家收货地址{buyer.address}。\n"
            )
        ctx.add_evidence(
            "other",
            note.encode("utf-8"),
            "text/plain",
            f"call-notes-{k['case_no']}.txt",
            "platform",
            at,
            ctx.title("note"),
        )


def _screenshot(ctx: CaseContext, kind: str, k: dict[str, Any]) -> bytes:
    chinese = ctx.chinese
    paid: datetime = k["paid"]
    amount = money_text(k["total"], k["currency"], ctx.language if chinese else "en")
    tail = k["card"][-4:]
    if kind == "sms":
        if chinese:
            header = "106980095588" if ctx.language == "zh-Hans" else "銀行通知"
            bubbles = [
                (
                    f"{paid:%m-%d %H:%M}",
                    f"【{k['bank']}】您尾号{tail}的储蓄卡{paid:%m月%d日%H:%M}支出(网上支付){amount}，余额{ctx.rng.randrange(100, 9000)}.{ctx.rng.randrange(10, 99)}元。",
                ),
                (
                    f"{paid + timedelta(minutes=3):%m-%d %H:%M}",
                    f"【{k['bank']}】您尾号{tail}的储蓄卡{paid + timedelta(minutes=3):%m月%d日%H:%M}支出(网上支付){amount}。如非本人操作，请致电客服。",
                ),
            ]
        else:
            header = "BANK"
            bubbles = [
                (
                    f"{paid:%d %b %H:%M}",
                    f"Your card ending {tail} was used for {amount} online. Not you? Call us now.",
                )
            ]
        return images.text_screenshot(
            f"{ctx.seed}:sms:{ctx.index}", header, bubbles, f"{paid:%H:%M}"
        )
    price = ctx.values.get("price", "")
    if chinese:
        header = "活动规则" if ctx.language == "zh-Hans" else "活動規則"
        tags = ctx.texts.get("tags") or ("限时活动",)
        bubbles = [
            ("", " · ".join(tags)),
            ("", f"活动价 {price}，{ctx.fmt(ctx.texts['title'])}"),
            ("", "活动时间：以页面展示为准。本活动最终解释权在法律允许范围内归商家所有。"),
        ]
    else:
        header = "Offer details"
        tags = (ctx.scenario.get("en") or {}).get("tags", ("Limited offer",))
        bubbles = [
            ("", " · ".join(tags)),
            ("", f"Deal price {price}."),
            ("", "Offer period as shown on the page."),
        ]
    return images.text_screenshot(
        f"{ctx.seed}:promo:{ctx.index}", header, bubbles, f"{paid:%H:%M}", (230, 60, 50)
    )


def _pdf_spec(ctx: CaseContext, kind: str, k: dict[str, Any]) -> pdfs.PdfSpec | None:
    chinese = ctx.chinese and pdfs.can_write_chinese()
    rng = ctx.rng
    opened: datetime = k["opened"]
    buyer = k["buyer"]
    date_text = (
        f"{opened + timedelta(days=rng.randrange(1, 5)):%Y年%m月%d日}"
        if chinese
        else f"{opened + timedelta(days=2):%d %B %Y}"
    )
    zh = ctx.scenario["zh"]
    if kind == "appraisal":
        report = zh.get("report") if chinese else None
        if report is None:
            item = (
                ctx.texts["item"]
                if chinese
                else (ctx.scenario.get("en") or {}).get("item", "Sample")
            )
            if chinese:
                return pdfs.PdfSpec(
                    title="检验检测报告",
                    number=f"报告编号：JC-{opened:%Y%m}-{rng.randrange(1000, 9999)}",
                    fields=(
                        ("样品名称", item),
                        ("委托人", buyer.legal_name),
                        ("检验类别", "委托检验"),
                    ),
                    sections=(("检验结论", "所检项目不符合商品页面的标称。"),),
                    issuer="（检验检测专用章）",
                    date_text=date_text,
                    seal="检验检测专用章",
                )
            return pdfs.PdfSpec(
                title="Test Report",
                number=f"Report no. TR-{opened:%Y%m}-{rng.randrange(1000, 9999)}",
                fields=(
                    ("Sample", item),
                    ("Client", buyer.legal_name),
                    ("Type", "Commissioned test"),
                ),
                sections=(("Conclusion", "The sample does not match the seller's description."),),
                issuer="Independent Testing Services Ltd",
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title=report["title"],
            number=f"报告编号：{rng.choice('ABCDFJKMQ')}{rng.choice('ABCDFJKMQ')}JC-{opened:%Y}-{rng.randrange(10000, 99999)}",
            fields=(
                ("样品名称", report["sample"]),
                ("委托人", buyer.legal_name),
                ("联系电话", buyer.phone),
                ("检验依据", report["basis"]),
                ("收样日期", f"{opened:%Y年%m月%d日}"),
            ),
            table=[list(row) for row in report["rows"]],
            sections=(
                ("检验结论", report["conclusion"]),
                ("", "本报告仅对来样负责。未经本机构书面批准，不得部分复制本报告。"),
            ),
            issuer=report["lab"],
            date_text=date_text,
            seal=report["lab"],
        )
    if kind == "medical":
        record = zh.get("medical")
        if record is None:
            return None
        if not chinese:
            return pdfs.PdfSpec(
                title="Clinic Record",
                fields=(
                    ("Patient", buyer.legal_name),
                    ("Complaint", "Injury after using the product"),
                ),
                sections=(("Diagnosis", "See attached notes."),),
                issuer="City Clinic",
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title=f"{record['hospital']}{record['title']}",
            number=f"门诊号：{rng.randrange(10**9, 10**10)}",
            fields=(
                ("姓名", buyer.legal_name),
                ("性别", "男" if buyer.male else "女"),
                ("身份证号", buyer.id_number or "—"),
                ("科别", record["dept"]),
                ("就诊日期", f"{opened:%Y年%m月%d日}"),
            ),
            sections=(
                ("主诉", record["complaint"]),
                ("诊断", record["diagnosis"]),
                ("处理意见", record["advice"]),
            ),
            issuer=f"医师：{identity.chinese_name(rng, rng.random() < 0.5)}",
            date_text=date_text,
            seal=f"{record['hospital']}门诊专用章",
        )
    if kind == "invoice":
        shop = k["shop"]
        items = k["items"]
        if not chinese:
            return pdfs.PdfSpec(
                title="Invoice",
                number=f"Invoice no. {rng.randrange(10**7, 10**8)}",
                fields=(
                    ("Seller", shop.legal_name),
                    ("Buyer", buyer.legal_name),
                    ("Order", k["order_id"]),
                    ("Item", items[0]["title"]),
                    ("Total", money_text(k["total"], k["currency"], "en")),
                ),
                issuer=shop.legal_name,
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title="电子发票（普通发票）",
            number=f"发票号码：{rng.randrange(10**19, 10**20)}",
            fields=(
                ("购买方名称", buyer.legal_name),
                ("销售方名称", shop.legal_name),
                ("统一社会信用代码/纳税人识别号", shop.id_number or "—"),
                ("订单号", k["order_id"]),
            ),
            table=[
                ["项目名称", "数量", "单价", "金额"],
                [
                    items[0]["title"][:18],
                    str(items[0]["quantity"]),
                    f"{k['unit'] / 100:.2f}",
                    f"{k['total'] / 100:.2f}",
                ],
            ],
            sections=(("价税合计", money_text(k["total"], k["currency"], ctx.language)),),
            issuer=f"开票人：{identity.chinese_name(rng, False)}",
            date_text=date_text,
            seal=f"{shop.legal_name[:10]}发票专用章",
        )
    if kind == "carrier":
        carrier = k["carrier"]
        if not chinese:
            return pdfs.PdfSpec(
                title="Carrier Statement",
                fields=(("Tracking no.", k["tracking"]), ("Carrier", carrier.name)),
                sections=(
                    (
                        "Statement",
                        "The parcel was held at our hub after a scanning exception and could not be located. A claim has been opened.",
                    ),
                ),
                issuer=f"{carrier.name} Customer Relations",
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title="关于快件异常情况的说明",
            number=f"运单号：{k['tracking']}",
            fields=(
                ("寄件方", k["shop"].name),
                ("收件人", buyer.legal_name),
                ("承运商", carrier.name),
            ),
            sections=(
                (
                    "情况说明",
                    "经核查，该快件于中转环节发生异常，目前无法确认快件下落，我司已启动丢失件理赔流程，理赔金额以保价声明为准。",
                ),
            ),
            issuer=f"{carrier.name}客户服务部",
            date_text=date_text,
            seal=f"{carrier.name}客服专用章",
        )
    if kind == "police":
        police = (
            ctx.texts.get("police")
            or zh.get("police")
            or {"unit": "公安分局", "matter": "网络诈骗"}
        )
        if not chinese:
            return pdfs.PdfSpec(
                title="Crime Reference",
                number=f"Reference {rng.randrange(10**9, 10**10)}",
                fields=(
                    ("Reported by", buyer.legal_name),
                    ("Matter", police["matter"]),
                    ("Unit", police["unit"]),
                ),
                issuer=police["unit"],
                date_text=date_text,
            )
        region = buyer.region.city + buyer.region.district if buyer.region else ""
        return pdfs.PdfSpec(
            title="受案回执",
            number=f"{region}公（刑）受案字〔{opened:%Y}〕{rng.randrange(1000, 9999)}号",
            fields=(
                ("报案人", buyer.legal_name),
                ("身份证号", buyer.id_number or "—"),
                ("联系电话", buyer.phone),
                ("报案事由", police["matter"]),
            ),
            sections=(
                (
                    "",
                    f"你（单位）于{opened:%Y年%m月%d日}报称的{police['matter']}一案我单位已受理。如有疑问请与办案民警联系。",
                ),
            ),
            issuer=f"{region}{police['unit']}",
            date_text=date_text,
            seal=f"{region}公安局",
        )
    return None
