"""Believable personal data: names, nicknames, phones, addresses and ID numbers.

Everything is invented, but shaped like the real thing, because this is exactly what
the anonymised notices must later remove: resident ID numbers carry a valid GB 11643
check digit and a real region code, business licence numbers a valid GB 32100 check
character, bank cards a valid Luhn digit, phone numbers real mobile prefixes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官")
GIVEN_MALE = "伟强磊军洋勇杰涛明超辉鹏华飞刚浩宇俊峰建文斌波志国晨凯鑫博昊天宁岩然睿哲"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲婷雪琳颖慧倩莹洁晶佳欣悦妍蕾薇萍红梅琴燕璐瑶涵彤嘉怡"

TRAD_MAP = str.maketrans(
    {
        "刘": "劉",
        "陈": "陳",
        "杨": "楊",
        "黄": "黃",
        "赵": "趙",
        "吴": "吳",
        "孙": "孫",
        "马": "馬",
        "郭": "郭",
        "罗": "羅",
        "郑": "鄭",
        "梁": "梁",
        "谢": "謝",
        "许": "許",
        "韩": "韓",
        "冯": "馮",
        "邓": "鄧",
        "萧": "蕭",
        "肖": "蕭",
        "董": "董",
        "袁": "袁",
        "叶": "葉",
        "苏": "蘇",
        "吕": "呂",
        "姜": "姜",
        "钟": "鍾",
        "谭": "譚",
        "陆": "陸",
        "贾": "賈",
        "韦": "韋",
        "邹": "鄒",
        "熊": "熊",
        "邱": "邱",
        "尹": "尹",
        "薛": "薛",
        "闫": "閆",
        "雷": "雷",
        "龙": "龍",
        "陶": "陶",
        "贺": "賀",
        "顾": "顧",
        "毛": "毛",
        "龚": "龔",
        "邵": "邵",
        "万": "萬",
        "钱": "錢",
        "严": "嚴",
        "覃": "覃",
        "汤": "湯",
        "伟": "偉",
        "强": "強",
        "军": "軍",
        "洋": "洋",
        "杰": "傑",
        "涛": "濤",
        "辉": "輝",
        "鹏": "鵬",
        "华": "華",
        "飞": "飛",
        "刚": "剛",
        "浩": "浩",
        "俊": "俊",
        "峰": "峰",
        "建": "建",
        "斌": "斌",
        "波": "波",
        "志": "志",
        "国": "國",
        "凯": "凱",
        "鑫": "鑫",
        "昊": "昊",
        "宁": "寧",
        "睿": "睿",
        "娜": "娜",
        "敏": "敏",
        "静": "靜",
        "丽": "麗",
        "艳": "艷",
        "娟": "娟",
        "霞": "霞",
        "秀": "秀",
        "玲": "玲",
        "婷": "婷",
        "雪": "雪",
        "琳": "琳",
        "颖": "穎",
        "慧": "慧",
        "倩": "倩",
        "莹": "瑩",
        "洁": "潔",
        "晶": "晶",
        "佳": "佳",
        "欣": "欣",
        "悦": "悅",
        "妍": "妍",
        "蕾": "蕾",
        "薇": "薇",
        "萍": "萍",
        "红": "紅",
        "梅": "梅",
        "琴": "琴",
        "燕": "燕",
        "璐": "璐",
        "瑶": "瑤",
        "涵": "涵",
        "彤": "彤",
        "嘉": "嘉",
        "怡": "怡",
        "张": "張",
        "胡": "胡",
        "何": "何",
        "高": "高",
        "林": "林",
        "宋": "宋",
        "唐": "唐",
        "曹": "曹",
        "彭": "彭",
        "曾": "曾",
        "田": "田",
        "潘": "潘",
        "于": "於",
        "蒋": "蔣",
        "蔡": "蔡",
        "余": "余",
        "杜": "杜",
        "程": "程",
        "魏": "魏",
        "丁": "丁",
        "任": "任",
        "沈": "沈",
        "姚": "姚",
        "卢": "盧",
        "崔": "崔",
        "汪": "汪",
        "范": "范",
        "金": "金",
        "石": "石",
        "廖": "廖",
        "夏": "夏",
        "付": "付",
        "方": "方",
        "白": "白",
        "孟": "孟",
        "秦": "秦",
        "江": "江",
        "段": "段",
        "侯": "侯",
        "史": "史",
        "黎": "黎",
        "郝": "郝",
        "武": "武",
        "戴": "戴",
        "莫": "莫",
        "孔": "孔",
        "向": "向",
        "欧": "歐",
        "阳": "陽",
        "诸": "諸",
        "葛": "葛",
        "磊": "磊",
        "勇": "勇",
        "明": "明",
        "超": "超",
        "宇": "宇",
        "文": "文",
        "晨": "晨",
        "博": "博",
        "天": "天",
        "岩": "岩",
        "然": "然",
        "哲": "哲",
        "芳": "芳",
    }
)


@dataclass(frozen=True)
class Region:
    """A county-level district: its GB/T 2260 code and how an address names it."""

    code: str
    province: str
    city: str
    district: str
    streets: tuple[str, ...]
    area_code: str


REGIONS: tuple[Region, ...] = (
    Region(
        "330106", "浙江省", "杭州市", "西湖区", ("文三路", "教工路", "天目山路", "古墩路"), "0571"
    ),
    Region("330110", "浙江省", "杭州市", "余杭区", ("文一西路", "五常大道", "良睦路"), "0571"),
    Region(
        "110105",
        "北京市",
        "北京市",
        "朝阳区",
        ("建国路", "望京西路", "朝阳北路", "酒仙桥路"),
        "010",
    ),
    Region("110108", "北京市", "北京市", "海淀区", ("中关村大街", "学院路", "西三环北路"), "010"),
    Region(
        "310115",
        "上海市",
        "上海市",
        "浦东新区",
        ("张杨路", "世纪大道", "锦绣路", "杨高南路"),
        "021",
    ),
    Region("310104", "上海市", "上海市", "徐汇区", ("漕溪北路", "田林路", "宜山路"), "021"),
    Region("440305", "广东省", "深圳市", "南山区", ("科技南路", "南海大道", "桃园路"), "0755"),
    Region("440106", "广东省", "广州市", "天河区", ("天河北路", "体育西路", "中山大道西"), "020"),
    Region("441900", "广东省", "东莞市", "东莞市", ("东城中路", "莞太路", "鸿福路"), "0769"),
    Region("510107", "四川省", "成都市", "武侯区", ("人民南路四段", "科华北路", "玉林南路"), "028"),
    Region("420106", "湖北省", "武汉市", "武昌区", ("中北路", "武珞路", "友谊大道"), "027"),
    Region("320102", "江苏省", "南京市", "玄武区", ("中山路", "珠江路", "北京东路"), "025"),
    Region("320505", "江苏省", "苏州市", "虎丘区", ("长江路", "狮山路", "竹园路"), "0512"),
    Region("370202", "山东省", "青岛市", "市南区", ("香港中路", "东海西路", "闽江路"), "0532"),
    Region("610113", "陕西省", "西安市", "雁塔区", ("小寨东路", "科技路", "长安南路"), "029"),
    Region("500103", "重庆市", "重庆市", "渝中区", ("解放碑民族路", "中山三路", "大坪正街"), "023"),
    Region("430104", "湖南省", "长沙市", "岳麓区", ("麓山南路", "桐梓坡路", "枫林三路"), "0731"),
    Region("350203", "福建省", "厦门市", "思明区", ("湖滨南路", "莲前西路", "厦禾路"), "0592"),
    Region("120101", "天津市", "天津市", "和平区", ("南京路", "滨江道", "西康路"), "022"),
    Region("210102", "辽宁省", "沈阳市", "和平区", ("南京北街", "三好街", "太原街"), "024"),
    Region("530102", "云南省", "昆明市", "五华区", ("人民中路", "西昌路", "学府路"), "0871"),
    Region("450105", "河南省", "郑州市", "金水区", ("花园路", "经三路", "农业路"), "0371"),
    Region("340104", "安徽省", "合肥市", "蜀山区", ("长江西路", "黄山路", "潜山路"), "0551"),
    Region("360102", "江西省", "南昌市", "东湖区", ("八一大道", "阳明路", "北京西路"), "0791"),
    Region(
        "130102", "河北省", "石家庄市", "长安区", ("中山东路", "建设北大街", "广安大街"), "0311"
    ),
    Region("520102", "贵州省", "贵阳市", "南明区", ("中华南路", "遵义路", "花果园大街"), "0851"),
    Region("460106", "海南省", "海口市", "龙华区", ("国贸大道", "金龙路", "滨海大道"), "0898"),
    Region("230102", "黑龙江省", "哈尔滨市", "道里区", ("中央大街", "友谊路", "安静街"), "0451"),
)

COMMUNITIES = (
    "花园小区",
    "锦绣苑",
    "阳光家园",
    "翠湖公寓",
    "金色港湾",
    "和谐家园",
    "紫荆花园",
    "海棠湾",
)

MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)

NICKNAME_PARTS_A = (
    "冬天的",
    "爱吃",
    "不吃",
    "会飞的",
    "安静的",
    "快乐的",
    "迷路的",
    "熬夜的",
    "早起的",
    "小小",
    "加油",
    "努力的",
    "慢慢",
    "今天也要",
)
NICKNAME_PARTS_B = (
    "风",
    "橘子",
    "猫",
    "小鱼",
    "兔子",
    "鹿",
    "星星",
    "胖达",
    "面包",
    "奶茶",
    "向日葵",
    "打工人",
    "土豆",
    "云朵",
    "小熊",
)

EN_FIRST = (
    "Emily",
    "James",
    "Olivia",
    "Daniel",
    "Sophie",
    "Thomas",
    "Grace",
    "Michael",
    "Hannah",
    "Ryan",
    "Chloe",
    "David",
    "Laura",
    "Samuel",
    "Megan",
    "Priya",
    "Arjun",
    "Mei",
    "Kenji",
)
EN_LAST = (
    "Carter",
    "Walsh",
    "Patel",
    "Nguyen",
    "Harris",
    "Bennett",
    "Khan",
    "Murphy",
    "Clarke",
    "Lewis",
    "Turner",
    "Wright",
    "Hughes",
    "Ward",
    "Morgan",
    "Evans",
    "Tanaka",
    "Chen",
)
EN_PLACES = (
    ("Mill Lane", "York", "YO1 7HH"),
    ("Church Street", "Leeds", "LS1 4BR"),
    ("Park Road", "Bristol", "BS8 1TH"),
    ("High Street", "Oxford", "OX1 4AP"),
    ("Victoria Road", "Manchester", "M14 5RQ"),
    ("Queen Street", "Cardiff", "CF10 2BH"),
    ("King Street", "Glasgow", "G1 5QT"),
)

HK_DISTRICTS = (
    ("香港", "九龍", "旺角彌敦道"),
    ("香港", "香港島", "銅鑼灣軒尼詩道"),
    ("香港", "新界", "沙田大圍道"),
)
TW_DISTRICTS = (
    ("臺北市", "大安區", "忠孝東路四段"),
    ("新北市", "板橋區", "文化路一段"),
    ("臺中市", "西屯區", "臺灣大道三段"),
    ("高雄市", "苓雅區", "四維三路"),
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 check character of the first 17 digits of a resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id(rng: random.Random, region: Region, born: date, male: bool) -> str:
    sequence = rng.randrange(0, 100) * 10 + (
        rng.choice((1, 3, 5, 7, 9)) if male else rng.choice((0, 2, 4, 6, 8))
    )
    first17 = f"{region.code}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_digit(first17)


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(rng: random.Random, region: Region) -> str:
    """An 18-character unified social credit code (GB 32100) with a valid check char."""
    body = "91" + region.code + "".join(rng.choice(_USCC_CHARS) for _ in range(9))
    total = sum(
        _USCC_CHARS.index(char) * weight for char, weight in zip(body, _USCC_WEIGHTS, strict=True)
    )
    return body + _USCC_CHARS[(31 - total % 31) % 31]


def luhn_complete(prefix_digits: str) -> str:
    """Append the Luhn check digit."""
    total = 0
    for index, char in enumerate(reversed(prefix_digits)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return prefix_digits + str((10 - total % 10) % 10)


BANK_BINS = (
    ("622202", "工商银行"),
    ("621700", "建设银行"),
    ("622848", "农业银行"),
    ("621483", "招商银行"),
    ("621661", "中国银行"),
)


def bank_card(rng: random.Random) -> tuple[str, str]:
    bin_, bank = rng.choice(BANK_BINS)
    length = rng.choice((16, 19))
    body = bin_ + "".join(str(rng.randrange(10)) for _ in range(length - len(bin_) - 1))
    return luhn_complete(body), bank


PLATE_PROVINCES = "京沪粤浙苏川鄂湘鲁豫"


def licence_plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return f"{rng.choice(PLATE_PROVINCES)}{rng.choice(letters[:8])}·{''.join(rng.choice('0123456789' + letters[:6]) for _ in range(5))}"


@dataclass(frozen=True)
class Person:
    legal_name: str
    nickname: str
    phone: str
    email: str
    address: str
    id_number: str | None
    region: Region | None
    male: bool
    city: str


def chinese_name(rng: random.Random, male: bool) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    given = rng.choice(pool) if rng.random() < 0.45 else rng.choice(pool) + rng.choice(pool)
    return surname + given


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(str(rng.randrange(10)) for _ in range(8))


def person(rng: random.Random, language: str, anchor: date) -> Person:
    male = rng.random() < 0.5
    age_days = rng.randrange(19 * 365, 62 * 365)
    born = anchor - timedelta(days=age_days)
    if language == "en":
        first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
        street, town, postcode = rng.choice(EN_PLACES)
        handle = f"{first.lower()}_{last[0].lower()}{rng.randrange(1, 99)}"
        return Person(
            legal_name=f"{first} {last}",
            nickname=handle if rng.random() < 0.7 else f"{first}{rng.randrange(80, 99)}",
            phone=f"+44 7700 900{rng.randrange(0, 1000):03d}",
            email=f"{first.lower()}.{last.lower()}@example.co.uk",
            address=f"{rng.randrange(1, 120)} {street}, {town} {postcode}",
            id_number=None,
            region=None,
            male=male,
            city=town,
        )
    region = rng.choice(REGIONS)
    name = chinese_name(rng, male)
    nickname = (
        rng.choice(NICKNAME_PARTS_A) + rng.choice(NICKNAME_PARTS_B)
        if rng.random() < 0.7
        else f"tb{rng.randrange(100000, 999999)}_{rng.choice('abcdefghkmnpqrstwxyz')}{rng.randrange(10, 99)}"
    )
    email_user = f"{rng.choice(('xiao', 'a', 'lucky', 'sunny', 'hz', 'bj', 'sh'))}{rng.randrange(1000, 99999)}"
    if language == "zh-Hant":
        if rng.random() < 0.5:
            place = rng.choice(HK_DISTRICTS)
            address = f"{place[0]}{place[1]}{place[2]}{rng.randrange(1, 500)}號{rng.randrange(2, 30)}樓{rng.choice('ABCDEF')}室"
            phone = f"+852 {rng.choice('569')}{rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
            city = place[1]
        else:
            place = rng.choice(TW_DISTRICTS)
            address = (
                f"{place[0]}{place[1]}{place[2]}{rng.randrange(1, 300)}號{rng.randrange(2, 20)}樓"
            )
            phone = (
                f"+886 9{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
            )
            city = place[0]
        return Person(
            legal_name=name.translate(TRAD_MAP),
            nickname=nickname.translate(TRAD_MAP) if not nickname.startswith("tb") else nickname,
            phone=phone,
            email=f"{email_user}@example.com.hk",
            address=address,
            id_number=None,
            region=None,
            male=male,
            city=city,
        )
    building = f"{rng.randrange(1, 30)}幢{rng.randrange(1, 6)}单元{rng.randrange(1, 33)}{rng.randrange(1, 5):02d}室"
    address = (
        f"{region.province}{region.city if region.city != region.province else ''}"
        f"{region.district if region.district != region.city else ''}"
        f"{rng.choice(region.streets)}{rng.randrange(1, 999)}号{rng.choice(COMMUNITIES)}{building}"
    )
    return Person(
        legal_name=name,
        nickname=nickname,
        phone=mobile(rng),
        email=f"{email_user}@example.cn",
        address=address,
        id_number=resident_id(rng, region, born, male),
        region=region,
        male=male,
        city=region.city,
    )
