"""Shops, carriers and payment channels, and the stock phrases of platform and parties."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date

from platform_server.demo import identity

TRADES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "apparel": (("服饰", "女装", "衣舍"), ("Apparel", "Clothing")),
    "bags": (("箱包", "皮具"), ("Leather", "Bags")),
    "shoes": (("鞋业", "鞋城"), ("Footwear", "Shoes")),
    "electronics": (("数码", "电子"), ("Gadgets", "Electronics")),
    "appliances": (("电器", "家电"), ("Appliances", "Home Electric")),
    "food": (("食品", "零食铺"), ("Foods", "Snacks")),
    "beauty": (("美妆", "护肤"), ("Beauty", "Skincare")),
    "home": (("家居", "生活馆"), ("Home", "Living")),
    "furniture": (("家具", "木作"), ("Furniture", "Woodworks")),
    "baby": (("母婴", "孕婴"), ("Baby", "Kids")),
    "digital": (("数字卡券", "虚拟商品"), ("Digital", "Vouchers")),
    "health": (("健康", "草本"), ("Health", "Herbal")),
    "toys": (("玩具", "潮玩"), ("Toys", "Playthings")),
    "luxury": (("海外购", "精品"), ("Boutique", "Luxury")),
    "services": (("家政", "到家服务"), ("Home Services", "Cleaning")),
}

ZH_PREFIXES = (
    "暖冬",
    "优品",
    "云朵",
    "悦享",
    "匠心",
    "森屿",
    "星河",
    "佳美",
    "小象",
    "蓝海",
    "初见",
    "禾木",
    "万象",
    "鹿角",
    "橙子",
    "嘉禾",
    "乐活",
    "拾光",
    "山川",
    "青柠",
    "南风",
    "一木",
    "好物",
    "恒通",
)
ZH_SUFFIXES = ("旗舰店", "专营店", "官方店", "专卖店", "小店", "工作室")
EN_PREFIXES = (
    "Northwind",
    "Bluebell",
    "Harbour",
    "Oakridge",
    "Silverline",
    "Maple",
    "Cobalt",
    "Riverside",
    "Foxglove",
    "Kestrel",
)
HANT_TRADE = str.maketrans(
    {
        "饰": "飾",
        "装": "裝",
        "业": "業",
        "数": "數",
        "码": "碼",
        "电": "電",
        "器": "器",
        "铺": "鋪",
        "妆": "妝",
        "护": "護",
        "肤": "膚",
        "馆": "館",
        "家": "家",
        "具": "具",
        "婴": "嬰",
        "虚": "虛",
        "拟": "擬",
        "卡": "卡",
        "券": "券",
        "购": "購",
        "务": "務",
        "营": "營",
        "卖": "賣",
        "层": "層",
        "风": "風",
        "优": "優",
        "乐": "樂",
        "恒": "恆",
        "通": "通",
        "边": "邊",
        "际": "際",
        "鲜": "鮮",
        "云": "雲",
        "悦": "悅",
        "万": "萬",
        "鹿": "鹿",
        "禾": "禾",
        "蓝": "藍",
        "宝": "寶",
        "货": "貨",
        "网": "網",
        "这": "這",
    }
)


@dataclass(frozen=True)
class Shop:
    shop_id: str
    name: str
    legal_name: str
    person_kind: str
    phone: str
    id_number: str | None
    origin: str
    credit_score: int
    open_disputes: int
    disputes_last_year: int
    sanctions_last_year: int
    repeat_offender: bool

    def party(self, party_id: str) -> dict[str, object]:
        party: dict[str, object] = {
            "id": party_id,
            "role": "merchant",
            "display_name": self.name,
            "legal_name": self.legal_name,
            "person_kind": self.person_kind,
            "contact": {"phone": self.phone},
            "shop": {
                "shop_id": self.shop_id,
                "name": self.name,
                "credit_score": self.credit_score,
                "open_disputes": self.open_disputes,
                "disputes_last_year": self.disputes_last_year,
                "sanctions_last_year": self.sanctions_last_year,
            },
        }
        if self.id_number:
            party["id_number"] = self.id_number
        return party


SHOPS_PER_TRADE = 4


def shop(seed: int, trade: str, slot: int, language: str) -> Shop:
    """The ``slot``-th shop of a trade: the same shop every time for a seed, so one shop
    collects several disputes (slot 0 of some trades is a repeat offender)."""
    rng = random.Random(f"{seed}:shop:{trade}:{slot}:{language == 'en'}")
    digest = int(hashlib.sha256(f"{seed}:{trade}:{slot}:{language}".encode()).hexdigest()[:8], 16)
    shop_id = f"S-{10000 + digest % 89999}"
    offender = slot == 0 and rng.random() < 0.6
    if offender:
        score = rng.randrange(380, 640)
        open_disputes = rng.randrange(6, 30)
        last_year = rng.randrange(40, 220)
        sanctions = rng.randrange(1, 6)
    else:
        score = rng.randrange(680, 990)
        open_disputes = rng.randrange(0, 6)
        last_year = rng.randrange(0, 40)
        sanctions = 0 if rng.random() < 0.8 else 1
    zh_words, en_words = TRADES[trade]
    if language == "en":
        prefix = rng.choice(EN_PREFIXES)
        name = f"{prefix} {rng.choice(en_words)}"
        return Shop(
            shop_id,
            name,
            f"{name} Ltd",
            "organisation",
            f"+44 20 7946 {rng.randrange(0, 1000):04d}",
            None,
            rng.choice(("London", "Manchester", "Birmingham", "Leeds")),
            score,
            open_disputes,
            last_year,
            sanctions,
            offender,
        )
    region = rng.choice(identity.REGIONS)
    prefix = rng.choice(ZH_PREFIXES)
    suffix = rng.choice(ZH_SUFFIXES)
    name = f"{prefix}{rng.choice(zh_words)}{suffix}"
    individual = suffix in ("小店", "工作室")
    if individual:
        # An individual trader: the legal name is a person's, personal data like a buyer's.
        owner = identity.chinese_name(rng, rng.random() < 0.5)
        legal = owner
        kind = "natural_person"
        phone = identity.mobile(rng)
        number = identity.resident_id(
            rng,
            region,
            date(1975 + rng.randrange(25), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            rng.random() < 0.5,
        )
    else:
        legal = f"{region.city.rstrip('市')}{prefix}{rng.choice(('商贸', '实业', '科技', '贸易'))}有限公司"
        kind = "organisation"
        phone = f"{region.area_code}-{rng.randrange(5000_0000, 8999_9999)}"
        number = identity.credit_code(rng, region)
    if language == "zh-Hant":
        name = name.translate(HANT_TRADE)
    return Shop(
        shop_id,
        name,
        legal,
        kind,
        phone,
        number,
        f"{region.province}{region.city}",
        score,
        open_disputes,
        last_year,
        sanctions,
        offender,
    )


@dataclass(frozen=True)
class Carrier:
    name: str
    kind: str

    def tracking(self, rng: random.Random) -> str:
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"

        def digits(count: int) -> str:
            return "".join(str(rng.randrange(10)) for _ in range(count))

        if self.kind == "royal":
            return rng.choice(letters) + rng.choice(letters) + digits(9) + "GB"
        if self.kind == "evri":
            return "H" + "".join(rng.choice("0123456789" + letters) for _ in range(15))
        if self.kind == "ems":
            return "E" + digits(9) + "CN"
        prefix, count = {
            "sf": ("SF", 13),
            "zto": ("78", 13),
            "yto": ("YT", 13),
            "yunda": ("43", 13),
            "jd": ("JDV", 12),
            "tcat": ("", 12),
            "seven": ("F", 11),
            "dpd": ("15", 12),
        }[self.kind]
        return prefix + digits(count)


CARRIERS: dict[str, tuple[Carrier, ...]] = {
    "zh-Hans": (
        Carrier("顺丰速运", "sf"),
        Carrier("中通快递", "zto"),
        Carrier("圆通速递", "yto"),
        Carrier("韵达快递", "yunda"),
        Carrier("京东物流", "jd"),
        Carrier("中国邮政EMS", "ems"),
    ),
    "zh-Hant": (
        Carrier("順豐速運", "sf"),
        Carrier("黑貓宅急便", "tcat"),
        Carrier("7-ELEVEN 交貨便", "seven"),
    ),
    "en": (Carrier("Royal Mail", "royal"), Carrier("DPD", "dpd"), Carrier("Evri", "evri")),
}

PAYMENT_METHODS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("支付宝", "微信支付", "银行卡快捷支付", "花呗分期", "云闪付"),
    "zh-Hant": ("信用卡", "PayMe", "八達通", "LINE Pay", "街口支付"),
    "en": ("card", "PayPal", "Apple Pay", "debit card"),
}

PICKUP_POINTS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("菜鸟驿站（{community}店）", "丰巢智能柜（{community}东门）", "兔喜生活超市"),
    "zh-Hant": ("7-ELEVEN 站前門市", "全家便利商店 民生門市", "OK超商 中山門市"),
    "en": ("InPost locker, Station Road", "Post Office counter, High Street"),
}

# What the platform's mediator writes when taking a case on.
ACCEPTED: dict[str, str] = {
    "zh-Hans": "您好，平台已受理本次纠纷，由调解员负责处理。请双方在3个工作日内补充相关证据，逾期视为放弃。",
    "zh-Hant": "您好，平台已受理本次爭議，由調解員負責處理。請雙方於3個工作天內補充相關證據。",
    "en": "Hello, the platform has accepted this dispute and a mediator is handling it. Please send any further evidence within 3 working days.",
}
ASK_BUYER: dict[str, str] = {
    "zh-Hans": "请买家补充商品实物照片（含吊牌、标签）及开箱视频，以便核实。",
    "zh-Hant": "請買家補充商品實物照片（含吊牌、標籤）及開箱影片，以便核實。",
    "en": "Could the buyer please send photos of the item (with labels) and any unboxing video?",
}
ASK_MERCHANT: dict[str, str] = {
    "zh-Hans": "请商家提供出库记录、发货视频及商品进货凭证。",
    "zh-Hant": "請賣家提供出貨紀錄、出貨影片及商品進貨憑證。",
    "en": "Could the shop please send its dispatch record and proof of where the goods came from?",
}
MEDIATOR_OFFER: dict[str, str] = {
    "zh-Hans": "经核实双方证据，平台建议如下方案，请双方在有效期内答复。",
    "zh-Hant": "經核實雙方證據，平台建議以下方案，請雙方於期限內回覆。",
    "en": "Having checked both sides' evidence, the platform proposes the following. Please reply before it expires.",
}
MERCHANT_OFFER: dict[str, str] = {
    "zh-Hans": "愿意部分退款，买家保留商品。",
    "zh-Hant": "願意部分退款，買家保留商品。",
    "en": "We offer a partial refund; the buyer keeps the item.",
}
BUYER_REJECTS: dict[str, str] = {
    "zh-Hans": "不接受，这个金额不能弥补我的损失。",
    "zh-Hant": "不接受，這個金額無法彌補我的損失。",
    "en": "No, that does not cover my loss.",
}
BOTH_ACCEPT: dict[str, str] = {
    "zh-Hans": "同意调解方案。",
    "zh-Hant": "同意調解方案。",
    "en": "Agreed.",
}

# The simulated parties' answers (parties.py).
REPLIES: dict[str, dict[str, tuple[str, ...]]] = {
    "zh-Hans": {
        "buyer_accept": (
            "可以接受这个方案，请尽快处理。",
            "同意，希望尽快退款到账。",
            "行，接受平台的调解方案。",
        ),
        "merchant_accept": ("同意平台的调解方案，我们会按时执行。", "可以，按方案处理。"),
        "buyer_reject": (
            "不接受，这个方案太低了，我坚持原来的诉求。",
            "不同意，商家的问题很明显，请平台裁决。",
        ),
        "merchant_reject": (
            "不同意，我们认为商品没有质量问题。",
            "这个方案我们无法接受，请平台重新核实。",
        ),
        "buyer_evidence": (
            "补充了照片，请查收。",
            "已上传，请平台核实。",
            "这是我找到的记录，请看附件。",
        ),
        "merchant_evidence": ("已上传出库记录和发货截图。", "补充证据已提交，请平台核实。"),
        "buyer_decline": ("当时没有拍，东西已经寄回去了。", "需要再给我几天时间找一下。"),
        "merchant_decline": ("仓库在调取记录，需要时间。", "没有更多材料了，以之前提交的为准。"),
        "buyer_nudge": (
            "请问现在处理到哪一步了？",
            "已经好几天了，怎么还没有结果？",
            "商家刚才又打电话来让我撤诉，请平台注意。",
        ),
        "merchant_nudge": (
            "我们已经和买家联系协商，请平台暂缓处理。",
            "请平台尽快给出处理意见，这单影响我们的店铺评分。",
        ),
        "buyer_withdraw": ("已经和商家私下协商解决了，我撤回投诉。",),
        "video_instead": ("视频太大传不上来，先发截图。",),
    },
    "zh-Hant": {
        "buyer_accept": ("可以接受這個方案，請盡快處理。", "同意，希望盡快退款。"),
        "merchant_accept": ("同意平台的調解方案。", "可以，按方案處理。"),
        "buyer_reject": ("不接受，這個方案太低了。", "不同意，請平台裁決。"),
        "merchant_reject": ("不同意，我們認為商品沒有問題。", "這個方案我們無法接受。"),
        "buyer_evidence": ("補充了照片，請查收。", "已上傳，請平台核實。"),
        "merchant_evidence": ("已上傳出貨紀錄。", "補充證據已提交。"),
        "buyer_decline": ("當時沒有拍照，東西已經寄回了。", "請再給我幾天時間。"),
        "merchant_decline": ("倉庫正在調資料，需要時間。", "沒有更多資料了。"),
        "buyer_nudge": ("請問現在處理到哪一步了？", "已經好幾天了，怎麼還沒有結果？"),
        "merchant_nudge": ("我們已經和買家聯繫協商，請平台暫緩處理。", "請平台盡快給出處理意見。"),
        "buyer_withdraw": ("已經和賣家私下協商解決，撤回投訴。",),
        "video_instead": ("影片太大傳不上來，先傳截圖。",),
    },
    "en": {
        "buyer_accept": (
            "I accept this, please process it quickly.",
            "Agreed, I'd like the refund as soon as possible.",
        ),
        "merchant_accept": ("We accept the platform's proposal.", "Fine, we'll do that."),
        "buyer_reject": (
            "No, that is too little. I stand by my claim.",
            "I don't agree, please make a decision.",
        ),
        "merchant_reject": (
            "We don't agree; there is nothing wrong with the item.",
            "We cannot accept this proposal.",
        ),
        "buyer_evidence": ("I've added photos, please have a look.", "Uploaded, please check."),
        "merchant_evidence": ("Dispatch record uploaded.", "Further evidence submitted."),
        "buyer_decline": (
            "I didn't take photos at the time.",
            "I need a few more days to find it.",
        ),
        "merchant_decline": (
            "The warehouse is pulling the records, it will take time.",
            "We have nothing further.",
        ),
        "buyer_nudge": ("Where are we with this?", "It has been days, is there any news?"),
        "merchant_nudge": (
            "We are talking to the buyer directly, please hold off.",
            "Please decide soon, this affects our rating.",
        ),
        "buyer_withdraw": ("The shop and I have sorted it out; I withdraw the complaint.",),
        "video_instead": ("The video is too large to upload, here is a screenshot.",),
    },
}
