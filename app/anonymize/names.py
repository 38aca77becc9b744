"""Names of natural persons: the surname and what stands for the person in a notice.

SPC 法释〔2016〕19号 art. 9: keep the surname and replace the given name with 某
(张三 → 张某); a compound surname is a surname (欧阳娜娜 → 欧阳某); a minority or
transliterated name keeps its first character (阿不都热依木·买买提 → 阿某); an English
name keeps its first letter only (Emily Carter → E). Names that would collide are told
apart by a number after them (王某1, 王某2) — see :mod:`app.anonymize.engine`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.anonymize.kinds import Rule
from app.anonymize.normalise import DOTS, normalise
from app.anonymize.script import to_simplified, to_traditional

# Compound surnames (复姓), Simplified: the traditional 百家姓 list and the double
# surnames common in Taiwan and Hong Kong. Traditional forms come from OpenCC.
COMPOUND_SURNAMES: tuple[str, ...] = tuple(
    [
        "欧阳",
        "太史",
        "端木",
        "上官",
        "司马",
        "东方",
        "独孤",
        "南宫",
        "万俟",
        "闻人",
        "夏侯",
        "诸葛",
        "尉迟",
        "公羊",
        "赫连",
        "澹台",
        "皇甫",
        "宗政",
        "濮阳",
        "公冶",
        "太叔",
        "申屠",
        "公孙",
        "慕容",
        "仲孙",
        "钟离",
        "长孙",
        "宇文",
        "司徒",
        "鲜于",
        "司空",
        "闾丘",
        "子车",
        "亓官",
        "司寇",
        "巫马",
        "公西",
        "颛孙",
        "壤驷",
        "公良",
        "漆雕",
        "乐正",
        "宰父",
        "谷梁",
        "拓跋",
        "夹谷",
        "轩辕",
        "令狐",
        "段干",
        "百里",
        "呼延",
        "东郭",
        "南门",
        "羊舌",
        "微生",
        "公户",
        "公玉",
        "公仪",
        "梁丘",
        "公仲",
        "公上",
        "公门",
        "公山",
        "公坚",
        "左丘",
        "公伯",
        "西门",
        "公祖",
        "第五",
        "公乘",
        "贯丘",
        "公皙",
        "南荣",
        "东里",
        "东宫",
        "仲长",
        "子书",
        "子桑",
        "即墨",
        "达奚",
        "褚师",
        "淳于",
        "单于",
        "仉督",
        "归海",
        "东门",
        "商牟",
        "伯赏",
        "呼衍",
        "完颜",
        "爱新觉罗",
        "叶赫那拉",
        "纳兰",
        "张简",
        "张廖",
        "范姜",
        "周黄",
        "陈方",
        "江陈",
        "简杨",
    ]
)

# Single-character surnames (百家姓 and the common modern ones), Simplified.
SINGLE_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章"
    "云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常"
    "乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞"
    "熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍"
    "虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁"
    "荀羊惠甄曲封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰鄂索咸籍赖卓蔺屠蒙"
    "池乔阴胥苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿边扈燕冀郏浦尚农"
    "温庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步耿满弘匡寇禄阙"
    "欧殳沃蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶曾毋沙乜养鞠须丰巢关蒯查荆红"
    "游竺权逯盖益桓闫岳帅缑亢况佘佟阳付肖覃谌揭代蹇菅粟仝邝练冼骞佀钞凃敬伞"
)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'’.\-]*(?:\s+[A-Za-z][A-Za-z'’.\-]*)*")


@cache
def _compound_forms() -> dict[str, str]:
    """Every written form of a compound surname → its Simplified form, longest first."""
    forms: dict[str, str] = {}
    for surname in sorted(COMPOUND_SURNAMES, key=len, reverse=True):
        forms.setdefault(surname, surname)
        forms.setdefault(to_traditional(surname), surname)
    return forms


@cache
def _single_forms() -> frozenset[str]:
    return SINGLE_SURNAMES | frozenset(to_traditional(char) for char in SINGLE_SURNAMES)


@dataclass(frozen=True)
class NameForm:
    """How one name is anonymized: what is kept (the surname, first character or first
    letter), the pseudonym before any collision number, and the rule."""

    kept: str
    pseudonym: str
    rule: Rule
    latin: bool


def surname_of(name: str) -> str | None:
    """The surname a Chinese name starts with, compound surnames whole, or None."""
    for form in sorted(_compound_forms(), key=len, reverse=True):
        if name.startswith(form) and len(name) > len(form):
            return form
    if name[:1] in _single_forms():
        return name[:1]
    return None


def name_form(name: str) -> NameForm:
    """How ``name`` (a natural person's, as written) is anonymized."""
    name = normalise(name).strip()
    if not _IS_CJK.search(name):
        letter = next((char for char in name if char.isalpha()), name[:1] or "?")
        return NameForm(letter.upper(), letter.upper(), "spc_9_3_first_letter_kept", True)
    if DOTS in name:
        # Minority and transliterated names (阿不都热依木·买买提): the first character.
        first = name.replace(DOTS, "")[:1]
        return NameForm(first, first + "某", "spc_9_2_first_character_kept", False)
    # A surname we do not list is still the first character of a Chinese name.
    surname = surname_of(name) or name[:1]
    return NameForm(surname, surname + "某", "spc_9_1_surname_kept", False)


def pseudonym_key(form: NameForm) -> str:
    """Two people collide when their pseudonyms are the same in Simplified."""
    return to_simplified(form.pseudonym) if not form.latin else form.pseudonym


def in_script_of(pseudonym: str, matched: str, context: str = "", traditional: bool = False) -> str:
    """The pseudonym in the script of the text it replaces (張三 → 張某, 张三 → 张某);
    a name the same in both scripts (志明) takes the script of its ``context``, else
    Traditional only when ``traditional`` (the notice's language) says so."""
    if pseudonym.isascii():
        return pseudonym
    for text in (matched, context):
        if to_simplified(text) != text:
            return to_traditional(pseudonym)
        if to_traditional(text) != text:
            return to_simplified(pseudonym)
    return to_traditional(pseudonym) if traditional else to_simplified(pseudonym)


def looks_like_person_name(text: str) -> bool:
    """A display name that is itself a person's name (张伟, 歐陽娜娜, Emily Carter), not
    a nickname or a shop: used only when a party has no legal name."""
    text = normalise(text).strip()
    if _IS_CJK.search(text):
        plain = text.replace(DOTS, "")
        if DOTS in text:
            return 4 <= len(text) <= 20 and plain.isalpha()
        surname = surname_of(plain)
        return surname is not None and 2 <= len(plain) <= len(surname) + 2
    return bool(_LATIN_NAME.fullmatch(text)) and " " in text and text.istitle()


# Honorifics and words after which a capitalised word is not a name.
ORGANISATION_MARKS = (
    "公司",
    "有限",
    "集团",
    "集團",
    "商行",
    "工作室",
    "店",
    "厂",
    "廠",
    "中心",
    "Ltd",
    "Limited",
    "Inc",
    "LLC",
    "Co.",
    "Company",
    "Store",
    "Shop",
)


def looks_like_organisation(text: str) -> bool:
    """A name that reads as a business (…有限公司, …旗舰店, … Ltd)."""
    return any(mark in text for mark in ORGANISATION_MARKS)
