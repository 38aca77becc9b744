"""Text in the desk's three languages, and the engine's own short messages.

Scripts carry their wording in Simplified Chinese (zh-Hans), Traditional Chinese
(zh-Hant) and English (en). The engine adds only a few phrases of its own (what is
missing, why a move is refused); they live here, in the same three languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Language = Literal["zh-Hans", "zh-Hant", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)


@dataclass(frozen=True)
class LocalizedText:
    """One text in the three languages."""

    zh_hans: str
    zh_hant: str
    en: str

    def get(self, language: Language) -> str:
        if language == "zh-Hans":
            return self.zh_hans
        if language == "zh-Hant":
            return self.zh_hant
        return self.en

    def to_json_dict(self) -> dict[str, str]:
        return {"zh-Hans": self.zh_hans, "zh-Hant": self.zh_hant, "en": self.en}


def _t(zh_hans: str, zh_hant: str, en: str) -> LocalizedText:
    return LocalizedText(zh_hans, zh_hant, en)


EVIDENCE_KIND_NAMES: dict[str, LocalizedText] = {
    "photo": _t("照片", "照片", "photo"),
    "video": _t("视频", "影片", "video"),
    "audio": _t("录音", "錄音", "audio recording"),
    "chat_log": _t("聊天记录", "聊天紀錄", "chat log"),
    "order_record": _t("订单记录", "訂單紀錄", "order record"),
    "transaction_record": _t("交易流水", "交易明細", "transaction record"),
    "logistics_record": _t("物流记录", "物流紀錄", "logistics record"),
    "appraisal_report": _t("鉴定报告", "鑑定報告", "appraisal report"),
    "listing_snapshot": _t("商品页快照", "商品頁快照", "listing snapshot"),
    "document": _t("书面材料", "書面資料", "document"),
    "other": _t("其他材料", "其他資料", "other material"),
}

ROLE_NAMES: dict[str, LocalizedText] = {
    "buyer": _t("买家", "買家", "buyer"),
    "merchant": _t("商家", "商家", "merchant"),
    "platform": _t("平台", "平台", "platform"),
    "logistics": _t("物流公司", "物流公司", "carrier"),
    "payment_provider": _t("支付机构", "支付機構", "payment provider"),
    "other": _t("其他方", "其他方", "other party"),
    "any": _t("任一方", "任一方", "anyone"),
}

REMEDY_NAMES: dict[str, LocalizedText] = {
    "refund": _t("退款", "退款", "refund"),
    "partial_refund": _t("部分退款", "部分退款", "partial refund"),
    "return_and_refund": _t("退货退款", "退貨退款", "return and refund"),
    "exchange": _t("换货", "換貨", "exchange"),
    "repair": _t("维修", "維修", "repair"),
    "compensation": _t("赔偿", "賠償", "compensation"),
    "price_difference": _t("退差价", "退差價", "price difference"),
    "apology": _t("道歉", "道歉", "apology"),
    "advance_payout": _t("先行赔付", "先行賠付", "advance payout"),
    "other": _t("其他", "其他", "other"),
}

_MESSAGES: dict[str, LocalizedText] = {
    "missing_answer": _t("未回答：{label}", "未回答：{label}", "not answered: {label}"),
    "missing_check": _t("未勾选：{label}", "未勾選：{label}", "not ticked: {label}"),
    "missing_evidence": _t("缺少证据：{label}", "缺少證據：{label}", "evidence missing: {label}"),
    "missing_requirement": _t("未满足：{label}", "未滿足：{label}", "not met: {label}"),
    "condition_not_met": _t(
        "条件不满足：{condition}", "條件不滿足：{condition}", "condition not met: {condition}"
    ),
    "cannot_advance": _t(
        "无法执行“{action}”，尚缺：{items}",
        "無法執行「{action}」，尚缺：{items}",
        "Cannot do '{action}' yet. Missing: {items}",
    ),
    "not_open": _t(
        "“{action}”现在不可用：{items}",
        "「{action}」目前不可用：{items}",
        "'{action}' is not open now: {items}",
    ),
    "unknown_action": _t(
        "此步骤没有“{action}”操作。可用操作：{available}",
        "此步驟沒有「{action}」操作。可用操作：{available}",
        "There is no action '{action}' in this step. Available: {available}",
    ),
    "unknown_answer": _t(
        "此步骤没有“{key}”这一项。可填写：{available}",
        "此步驟沒有「{key}」這一項。可填寫：{available}",
        "This step has no '{key}'. It asks for: {available}",
    ),
    "bad_answer": _t("“{label}”：{problem}", "「{label}」：{problem}", "'{label}': {problem}"),
    "case_closed": _t(
        "本案流程已结束，不能再操作。",
        "本案流程已結束，不能再操作。",
        "This case's workflow has ended.",
    ),
    "wrong_role": _t(
        "此步骤须由{role}操作。", "此步驟須由{role}操作。", "This step must be done by a {role}."
    ),
    "four_eyes": _t(
        "您参与了“{step}”，不能在本步骤操作（四眼原则）。",
        "您參與了「{step}」，不能在本步驟操作（四眼原則）。",
        "You took part in '{step}', so you may not act in this step (four-eyes rule).",
    ),
    "no_party": _t("本案没有{role}。", "本案沒有{role}。", "This case has no {role}."),
    "calendar_provisional": _t(
        "{year}年节假日安排为暂定数据，截止时间可能需要调整。",
        "{year}年節假日安排為暫定資料，截止時間可能需要調整。",
        "The {year} holiday schedule is provisional; this deadline may move.",
    ),
    "calendar_unknown": _t(
        "没有{year}年的节假日数据，截止时间只按周一至周五计算。",
        "沒有{year}年的節假日資料，截止時間只按週一至週五計算。",
        "No holiday data for {year}: this deadline counts Monday to Friday only.",
    ),
    "nothing_to_check": _t(
        "请写明要勾选的项目，如 ITEM=yes。本步骤的清单：{available}",
        "請寫明要勾選的項目，如 ITEM=yes。本步驟的清單：{available}",
        "Name the items to tick, as ITEM=yes. This step's checklist: {available}",
    ),
    "no_such_offer": _t(
        "本案没有编号为“{offer}”的方案。",
        "本案沒有編號為「{offer}」的方案。",
        "There is no offer '{offer}'.",
    ),
    "yes": _t("是", "是", "yes"),
    "no": _t("否", "否", "no"),
    "list_separator": _t("；", "；", "; "),
}


def say(language: Language, message_id: str, /, **values: object) -> str:
    """The engine's message ``message_id`` in ``language`` with ``values`` filled in."""
    return _MESSAGES[message_id].get(language).format(**values)


def join(language: Language, items: list[str]) -> str:
    """Items joined the way the language lists them."""
    return say(language, "list_separator").join(items)
