"""Detectors that run over any text — a field of the case, or the text extracted from a
PDF — and say where personal data is, of which kind, by which rule, how surely.

A hit never carries the value it found: only its kind, rule, confidence and place.
Matching happens on the normal form (:mod:`app.anonymize.normalise`), so full-width
digits and odd separators are found and the span is the original text's. No ``\\b``:
Python counts 汉字 as word characters, so a number glued to Chinese has no word
boundary; every boundary here is an explicit "not a digit" or "not a letter".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers

from app.anonymize import identifiers
from app.anonymize.addresses import find_addresses
from app.anonymize.kinds import RULE_OF_KIND, Confidence, Kind, Rule, kind_words, rule_words
from app.anonymize.names import name_form, surname_of
from app.anonymize.normalise import normalise
from app.anonymize.script import to_traditional
from app.vocabulary import Words, words


@dataclass(frozen=True)
class Hit:
    """One piece of personal data in a text: where, what kind, by which rule, how sure.

    ``name`` is set only for person names found by context (姓名：…, …先生): the
    engine needs it to give the same person the same pseudonym; it is never shown.
    """

    kind: Kind
    start: int
    end: int
    confidence: Confidence
    rule: Rule
    name: str | None = None

    def describe(self) -> Words:
        """What was found and where, in words — never the value itself."""
        return words(
            "anonymize.hit",
            kind=kind_words(self.kind),
            start=self.start,
            end=self.end,
            rule=rule_words(self.rule),
        )

    def __repr__(self) -> str:  # no value, ever, not even the found name
        return f"Hit({self.kind}, {self.start}-{self.end}, {self.confidence})"


def _hit(kind: Kind, start: int, end: int, confidence: Confidence) -> Hit:
    return Hit(kind, start, end, confidence, RULE_OF_KIND[kind])


# --- numbers: digit groups with single spaces or hyphens between them ---------------

_RUN = re.compile(
    r"(?<![0-9])(?:\+\s?|00)?(?:\(\s?\d{2,4}\s?\)\s?)?\d+(?:[ \-\n]{1,2}\d+)*(?:[Xx](?![A-Za-z0-9]))?(?![0-9])"
)
_GROUP = re.compile(r"\d+[Xx]?")
_PHONE_CUE = re.compile(
    r"(?:电话|電話|手机|手機|联系|聯繫|聯絡|致电|致電|来电|來電|打|拨|撥|call|phone|tel|mobile|whatsapp|WhatsApp|Tel|Phone|Mobile|号码|號碼)[^0-9]{0,8}$"
)


@cache
def _cn_fixed_valid(digits: str) -> bool:
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return phonenumbers.is_valid_number(number) and kind in (
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


@cache
def _international(digits: str) -> Confidence | None:
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return "validated"
    if phonenumbers.is_possible_number(number):
        return "pattern"
    return None


def _classify(digits: str, plus: bool, cue: bool) -> tuple[Kind, Confidence] | None:
    """What a run of digits is, if it is personal data."""
    if plus:
        for cc, national in (("86", 11), ("852", 8), ("853", 8), ("886", 9)):
            rest = digits[len(cc) :]
            if digits.startswith(cc) and rest:
                if cc == "86" and len(rest) == 11 and rest[:2] in _MOBILE_PREFIXES:
                    return "phone", "validated"
                if cc == "886" and rest.startswith("9") and len(rest) == national:
                    return "phone", "validated"
                if cc in ("852", "853") and len(rest) == national:
                    return "phone", "validated"
        confidence = _international(digits)
        return ("phone", confidence) if confidence else None
    upper = digits.upper()
    person_id = identifiers.resident_id(upper) if len(upper) in (15, 18) else None
    card = identifiers.bank_card(digits) if upper.isdigit() else None
    # Both shapes at once (18 digits): the surer reading names it; both are removed.
    if person_id and (
        card != "validated" or person_id == "validated" or identifiers.has_birth_date(upper)
    ):
        return "resident_id", person_id
    if card:
        return "bank_card", card
    if not upper.isdigit():
        return None
    if len(digits) == 11 and digits[:2] in _MOBILE_PREFIXES:
        return "phone", "pattern"
    if len(digits) == 13 and digits.startswith("86") and digits[2:4] in _MOBILE_PREFIXES:
        return "phone", "pattern"
    if len(digits) == 15 and digits.startswith("0086") and digits[4:6] in _MOBILE_PREFIXES:
        return "phone", "pattern"
    if len(digits) == 10 and digits.startswith("09"):
        return "phone", "pattern"
    landline = digits.startswith("0") and not digits.startswith("00") and 10 <= len(digits) <= 12
    if landline and _cn_fixed_valid(digits):
        return "phone", "validated"
    if len(digits) == 11 and digits.startswith("07"):  # a UK mobile, written nationally
        return "phone", "pattern"
    if len(digits) == 8 and digits[0] in "4569" and cue:
        return "phone", "context"  # a Hong Kong mobile: only where the text says "phone"
    return None


_MOBILE_PREFIXES = frozenset({"13", "14", "15", "16", "17", "18", "19"})


def _numbers(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for run in _RUN.finditer(text):
        token = run.group(0)
        plus = token.startswith(("+", "00")) and not token.startswith("00 ")
        groups = [
            (m.start() + run.start(), m.end() + run.start(), m.group(0))
            for m in _GROUP.finditer(token)
        ]
        if token.startswith("00") and groups:
            # "0086 138…": the 00 is the international prefix, not part of a number.
            start, end, value = groups[0]
            groups[0] = (start, end, value[2:]) if len(value) > 2 else groups[0]
            if value == "00":
                groups = groups[1:]
        cue = bool(_PHONE_CUE.search(text, max(0, run.start() - 14), run.start()))
        index = 0
        while index < len(groups):
            for last in range(len(groups) - 1, index - 1, -1):
                digits = "".join(group[2] for group in groups[index : last + 1])
                if len(digits) > 19 and last > index:
                    continue
                found = _classify(digits, plus and index == 0, cue)
                if found:
                    begin = run.start() if index == 0 else groups[index][0]
                    hits.append(_hit(found[0], begin, groups[last][1], found[1]))
                    index = last + 1
                    break
            else:
                index += 1
    return hits


# --- identifiers that start with letters -----------------------------------------

_NOT_ALNUM_BEFORE = r"(?<![A-Za-z0-9])"
_NOT_ALNUM_AFTER = r"(?![A-Za-z0-9])"
_TAIWAN = re.compile(_NOT_ALNUM_BEFORE + r"[A-Za-z][1289]\d{8}" + _NOT_ALNUM_AFTER)
_HONG_KONG = re.compile(
    _NOT_ALNUM_BEFORE
    + r"([A-Za-z]{1,2})(\d{6})\s?(?:\(\s?([0-9Aa])\s?\)|([0-9Aa]))"
    + r"(?![A-Za-z0-9])"
)
_MACAU = re.compile(r"(?<![0-9A-Za-z])[1578]\d{6}\s?\(\s?\d\s?\)")
_PASSPORT = re.compile(
    _NOT_ALNUM_BEFORE + r"(?:[EeGg]\d{8}|[Ee][A-HJ-NP-Za-hj-np-z]\d{7})" + _NOT_ALNUM_AFTER
)
_PERMIT = re.compile(
    _NOT_ALNUM_BEFORE
    + r"(?:[Cc][A-HJ-NP-Za-hj-np-z0-9]\d{7}|[HMhm]\d{8}(?:\d{2})?)"
    + _NOT_ALNUM_AFTER
)
_PLATE = re.compile(
    r"(?<![A-Za-z0-9])[京津沪滬渝冀豫云雲辽遼黑湘皖鲁魯新苏蘇浙赣贛鄂桂甘晋晉蒙陕陝吉闽閩贵貴粤粵青藏川宁寧琼瓊]"
    r"[A-HJ-NP-Z][·\s\-]?"
    r"(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂掛学學警港澳领領使])"
    r"(?![A-Za-z0-9])"
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*\s?(?:@|\(at\)|\[at\]|（at）)\s?"
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9])"
)
_TRACKING = re.compile(
    _NOT_ALNUM_BEFORE
    + r"(?:SF\d{12,15}|YT\d{13}|JDV?[A-Z]?\d{11,15}|[A-Z]{2}\d{9}[A-Z]{2})"
    + _NOT_ALNUM_AFTER
)


def _letter_identifiers(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for match in _TAIWAN.finditer(text):
        confidence = identifiers.taiwan_id(match.group(0))
        if confidence:
            hits.append(_hit("taiwan_id", match.start(), match.end(), confidence))
    for match in _HONG_KONG.finditer(text):
        bracketed = match.group(3) is not None
        found = identifiers.hk_id(
            match.group(1), match.group(2), match.group(3) or match.group(4), bracketed=bracketed
        )
        if found:
            hits.append(_hit("hk_id", match.start(), match.end(), found))
    for match in _MACAU.finditer(text):
        hits.append(_hit("macau_id", match.start(), match.end(), "pattern"))
    for match in _PASSPORT.finditer(text):
        hits.append(_hit("passport", match.start(), match.end(), "pattern"))
    for match in _PERMIT.finditer(text):
        hits.append(_hit("travel_permit", match.start(), match.end(), "pattern"))
    for match in _PLATE.finditer(text):
        hits.append(_hit("licence_plate", match.start(), match.end(), "pattern"))
    for match in _EMAIL.finditer(text):
        hits.append(_hit("email", match.start(), match.end(), "pattern"))
    for match in _TRACKING.finditer(text):
        code = match.group(0)
        upu = identifiers.upu_tracking(code) if len(code) == 13 and code[-2:].isalpha() else None
        if upu or not code[-2:].isalpha():
            hits.append(_hit("tracking_number", match.start(), match.end(), upu or "pattern"))
    return hits


# --- context: what the words just before a value say it is ----------------------


def _alternatives(*terms: str) -> str:
    forms: dict[str, None] = {}
    for term in terms:
        forms.setdefault(term, None)
        if not term.isascii():
            forms.setdefault(to_traditional(term), None)
    return "|".join(sorted(forms, key=len, reverse=True))


_SEP = r"\s*(?:是|为|為|:|：|#|No\.?|no\.?)?\s*"
_REFERENCE_CUES: tuple[tuple[Kind, str], ...] = (
    (
        "tracking_number",
        _alternatives("运单号", "运单编号", "快递单号", "物流单号", "快递号", "面单号")
        + r"|tracking\s*(?:no\.?|number|id|#)",
    ),
    (
        "transaction_number",
        _alternatives(
            "交易号", "交易单号", "交易流水号", "流水号", "支付单号", "支付流水号", "商户单号"
        )
        + r"|transaction\s*(?:no\.?|number|id|#)",
    ),
    (
        "order_number",
        _alternatives("订单号", "订单编号")
        + r"|(?<![运運递遞流面易付水户戶])(?:单号|單號)|order\s*(?:no\.?|number|id|#)",
    ),
)
_REFERENCE = [
    (
        kind,
        re.compile(
            rf"(?:{cue}){_SEP}([A-Za-z0-9][A-Za-z0-9\-]{{5,39}})(?![A-Za-z0-9])", re.IGNORECASE
        ),
    )
    for kind, cue in _REFERENCE_CUES
]
_ACCOUNT = re.compile(
    rf"(?:{_alternatives('账号', '账户名', '账户', '用户名', '昵称', '网名', '微信号', '微信', 'QQ号', '旺旺号', '旺旺', '支付宝账号', '支付宝', '淘宝账号', '淘宝号', 'QQ')}"
    r"|(?i:user\s?name|account\s(?:name|id)|wechat(?:\sid)?|handle|account))"
    r"\s*(?:是|为|為|:|：|\bis\b)\s*@?([A-Za-z0-9_][A-Za-z0-9_.\-]{3,31})(?![A-Za-z0-9_.\-])"
    rf"|(?:{_alternatives('账号', '微信号', 'QQ号', '旺旺号', '用户名', '昵称', 'QQ', '微信')})\s*([A-Za-z0-9_][A-Za-z0-9_.\-]{{3,31}})(?![A-Za-z0-9_.\-])"
)

_C = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters that do not occur in a given name right after a label (的, 已, 说…).
_NOT_GIVEN = set(
    "的了在是和与與及或于於从從到把被将將不也都就又还還已您你我他她它们們这這那些个個为為对對向给給等说說问問答请請让讓叫某先女小同老师師傅生士姐"
)
_NAME_LABELS = _alternatives(
    "姓名",
    "收件人",
    "收货人",
    "联系人",
    "寄件人",
    "签收人",
    "户名",
    "开户名",
    "开户人",
    "持卡人",
    "收款人",
    "付款人",
    "账户名",
    "申请人",
    "投诉人",
    "被投诉人",
    "当事人",
    "我叫",
    "我的名字是",
    "本人姓名",
    "经办人",
)
_NAME_AFTER_LABEL = re.compile(
    rf"(?:{_NAME_LABELS})\s*(?:是|为|為|:|：)?\s*([{_C}]{{2,5}}(?:·[{_C}]{{2,10}})?)"
)
_NAME_BEFORE_TITLE = re.compile(rf"([{_C}]{{2,4}})(?=先生|女士|小姐)")
_EN_TITLE = re.compile(
    r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)(?![A-Za-z])"
)
_EN_LABEL = re.compile(
    r"(?<![A-Za-z])(?:[Nn]ame|[Dd]ear|[Mm]y name is|[Rr]ecipient|[Cc]ardholder|[Aa]ccount holder|[Ss]igned by|[Cc]ontact person)"
    r"\s*[:,]?\s*([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})(?![A-Za-z])"
)
_EN_NOT_NAMES = frozenset(
    [
        "Customer",
        "Customers",
        "Sir",
        "Madam",
        "Team",
        "Support",
        "Seller",
        "Buyer",
        "Mediator",
        "Merchant",
        "All",
        "Service",
        "Shop",
        "Store",
        "Platform",
        "Friend",
        "Colleague",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
    ]
)


def _trim_given(candidate: str) -> str | None:
    """``candidate`` cut to a surname and a given name of one or two characters."""
    surname = surname_of(candidate)
    if surname is None:
        return None
    given = ""
    for char in candidate[len(surname) :]:
        if char in _NOT_GIVEN or len(given) == 2:
            break
        given += char
    return surname + given if given else None


def _context(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for kind, pattern in _REFERENCE:
        for match in pattern.finditer(text):
            value = match.group(1)
            if value.isalpha():
                continue  # "order number is missing", not a number
            hits.append(_hit(kind, match.start(1), match.end(1), "context"))
    for match in _ACCOUNT.finditer(text):
        group = 1 if match.group(1) else 2
        value = match.group(group)
        if value.isalpha() and value.islower() and group == 2:
            continue
        hits.append(_hit("account_name", match.start(group), match.end(group), "context"))
    for match in _NAME_AFTER_LABEL.finditer(text):
        candidate = match.group(1)
        name = candidate if "·" in candidate else _trim_given(candidate)
        if name:
            hits.append(_name_hit(match.start(1), match.start(1) + len(name), name))
    for match in _NAME_BEFORE_TITLE.finditer(text):
        candidate = match.group(1)
        for offset in range(len(candidate) - 1):
            tail = candidate[offset:]
            surname = surname_of(tail)
            if surname and 1 <= len(tail) - len(surname) <= 2:
                if not set(tail[len(surname) :]) & _NOT_GIVEN:
                    hits.append(_name_hit(match.start(1) + offset, match.end(1), tail))
                break
    for pattern in (_EN_TITLE, _EN_LABEL):
        for match in pattern.finditer(text):
            name = match.group(1)
            if pattern is _EN_LABEL and _EN_TITLE.match(text, match.start(1)):
                continue  # "Dear Ms Carter": the title's pattern has it
            parts = [part for part in re.split(r"[\s-]", name) if part not in _EN_NOT_NAMES]
            if not parts or parts[0] != name.split()[0].split("-")[0]:
                continue
            hits.append(_name_hit(match.start(1), match.end(1), name))
    return hits


def _name_hit(start: int, end: int, name: str) -> Hit:
    return Hit("person_name", start, end, "context", name_form(name).rule, name)


# --- health --------------------------------------------------------------------

_HEALTH_TERMS = (
    "诊断",
    "确诊",
    "病历",
    "病歷",
    "就医",
    "就诊",
    "住院",
    "门诊",
    "急诊",
    "过敏",
    "皮炎",
    "湿疹",
    "烫伤",
    "烧伤",
    "骨折",
    "中毒",
    "腹泻",
    "呕吐",
    "发烧",
    "发热",
    "怀孕",
    "孕期",
    "孕妇",
    "哺乳期",
    "病史",
    "糖尿病",
    "高血压",
    "心脏病",
    "哮喘",
    "癌症",
    "肿瘤",
    "抑郁症",
    "残疾",
    "艾滋",
    "乙肝",
    "处方",
    "医院",
    "诊所",
    "体检",
    "化验",
    "病情",
    "手术",
    "伤口",
    "红肿",
    "疾病",
    "患有",
    "患者",
)
_HEALTH = re.compile(
    rf"[^,。;!?\n]*?(?:{_alternatives(*_HEALTH_TERMS)}"
    r"|(?i:diagnos\w*|allerg\w*|rash|dermatitis|hospital\w*|clinic\w*|injur\w*|burn(?:s|ed)?\b|pregnan\w*|prescription\w*|medical record\w*|medical condition\w*|asthma|diabet\w*|eczema|A&E))"
    r"[^,。;!?\n]*"
)
_EN_CLAUSE_END = re.compile(r"[.,;:!?]\s|[.;!?]$")


def _health(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for match in _HEALTH.finditer(text):
        start, end = match.start(), match.end()
        segment = text[start:end]
        if segment.isascii():
            # English: the clause, not the whole line.
            inner = match.group(0)
            term = re.search(
                r"(?i)diagnos|allerg|rash|dermatitis|hospital|clinic|injur|burn|pregnan|prescription|medical|asthma|diabet|eczema|A&E",
                inner,
            )
            if term is None:
                continue
            left = max(
                (m.end() for m in _EN_CLAUSE_END.finditer(inner, 0, term.start())), default=0
            )
            right_match = _EN_CLAUSE_END.search(inner, term.end())
            right = right_match.start() if right_match else len(inner)
            start, end = start + left, start + right
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            hits.append(_hit("health", start, end, "context"))
    return hits


# --- all of them ------------------------------------------------------------------


def detect_normalised(text: str) -> list[Hit]:
    """Every detector over ``text``, which is already in normal form."""
    hits = _numbers(text) + _letter_identifiers(text) + _context(text) + _health(text)
    hits += [_hit("address", span.start, span.end, "pattern") for span in find_addresses(text)]
    return sorted(hits, key=lambda hit: (hit.start, -hit.end))


def detect(text: str) -> list[Hit]:
    """Every detector over any text (a field, a PDF's extracted text): the hits, in
    order, with spans in ``text`` itself. No hit carries the value it found."""
    return detect_normalised(normalise(text))
