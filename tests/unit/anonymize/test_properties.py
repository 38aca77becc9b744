"""Hypothesis: valid ID numbers, bank cards and phone numbers, written any usual way,
inside random Chinese text, are all found — and removed from the published text."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.anonymize import anonymize, detect
from tests.unit.anonymize.corpus import left_in, stranger_case

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_REGIONS = ("110105", "310115", "440305", "330106", "510107", "650102", "810000", "230102")

chinese = st.text(
    alphabet=st.sampled_from(
        "的了是我你他在有这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵尺纷抬恋阻奶郎鸡"
    ),
    min_size=0,
    max_size=40,
)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(_REGIONS))
    born = date(1940, 1, 1) + timedelta(days=draw(st.integers(0, 365 * 65)))
    sequence = draw(st.integers(0, 999))
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]
    number = first17 + check
    style = draw(st.sampled_from(("plain", "6-8-4", "4s", "lower")))
    if style == "6-8-4":
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if style == "4s":
        return " ".join(number[i : i + 4] for i in range(0, 18, 4))
    return number.lower() if style == "lower" else number


def _luhn(body: str) -> str:
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str((10 - total % 10) % 10)


@st.composite
def bank_cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(("622202", "621700", "622848", "621483", "621661", "436742")))
    length = draw(st.sampled_from((16, 17, 18, 19)))
    body = prefix + draw(st.text("0123456789", min_size=length - 7, max_size=length - 7))
    number = _luhn(body)
    separator = draw(st.sampled_from(("", " ", "-")))
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


@st.composite
def phones(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(("13", "14", "15", "16", "17", "18", "19")))
    rest = draw(st.text("0123456789", min_size=9, max_size=9))
    number = prefix + rest
    style = draw(st.sampled_from(("plain", "3-4-4", "spaces", "+86", "0086", "fullwidth")))
    if style == "3-4-4":
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if style == "spaces":
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if style == "+86":
        return f"+86 {number}"
    if style == "0086":
        return f"0086-{number[:3]}-{number[3:7]}-{number[7:]}"
    return number.translate({ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789"})


def _found(before: str, value: str, after: str, kind: str) -> None:
    text = before + value + after
    start, end = len(before), len(before) + len(value)
    hits = [hit for hit in detect(text) if hit.start <= start and hit.end >= end]
    assert kind in [hit.kind for hit in hits], text
    published = anonymize(stranger_case(), {"t": text}).texts["t"]
    digits = "".join(char for char in value if char.isalnum())[-8:]
    assert not left_in(published, digits), published


@settings(max_examples=300, deadline=None)
@given(chinese, resident_ids(), chinese)
def test_valid_resident_ids_inside_chinese_text_are_all_found(
    before: str, number: str, after: str
) -> None:
    _found(before, number, after, "resident_id")


@settings(max_examples=300, deadline=None)
@given(chinese, bank_cards(), chinese)
def test_valid_bank_cards_inside_chinese_text_are_all_found(
    before: str, card: str, after: str
) -> None:
    _found(before, card, after, "bank_card")


@settings(max_examples=300, deadline=None)
@given(chinese, phones(), chinese)
def test_mobile_numbers_inside_chinese_text_are_all_found(
    before: str, phone: str, after: str
) -> None:
    _found(before, phone, after, "phone")


@settings(max_examples=200, deadline=None)
@given(resident_ids(), st.integers(1, 9))
def test_a_wrong_check_digit_still_removes_the_number(number: str, shift: int) -> None:
    compact = number.replace(" ", "").upper()
    right = compact[-1]
    digits = "0123456789X"
    wrong = digits[(digits.index(right) + shift) % 11]
    mistyped = compact[:-1] + wrong
    hits = detect(f"身份证号{mistyped}已核对")
    assert [(hit.kind, hit.confidence) for hit in hits] == [("resident_id", "pattern")]
