"""Names of places that the anonymizer and the statistics both read, so they agree on
what an address says: Taiwan's cities and counties (in Simplified script, as the
stored documents write them), and the endings of a mainland province's full name."""

from __future__ import annotations

TAIWAN_CITIES: tuple[str, ...] = (
    "台北市",
    "新北市",
    "桃园市",
    "台中市",
    "台南市",
    "高雄市",
    "基隆市",
    "新竹市",
    "嘉义市",
    "新竹县",
    "苗栗县",
    "彰化县",
    "南投县",
    "云林县",
    "嘉义县",
    "屏东县",
    "宜兰县",
    "花莲县",
    "台东县",
    "澎湖县",
    "金门县",
    "连江县",
)
# 新疆维吾尔自治区 → 新疆, 广东省 → 广东: free text also uses the short names.
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
