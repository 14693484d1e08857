"""Brands, products and places named in a text, and the interest each brand/product hints at.

Brands and products come from the lists below (each with the taxonomy interest it suggests);
places from the city gazetteer (schema/geo.py) plus a few regions and countries. A first-character
index keeps this cheap (termscan.py); Latin names must stand as whole words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tools.analyzers.termscan import TermScanner

# canonical name -> (aliases, interest id it hints at)
BRANDS = {
    "Apple": (["apple", "苹果公司", "苹果官网", "果粉"], "mobile_phones"),
    "华为": (["华为", "huawei"], "mobile_phones"),
    "小米": (["小米", "xiaomi", "redmi", "红米"], "mobile_phones"),
    "OPPO": (["oppo"], "mobile_phones"),
    "vivo": (["vivo"], "mobile_phones"),
    "荣耀": (["荣耀手机", "honor"], "mobile_phones"),
    "三星": (["三星", "samsung"], "mobile_phones"),
    "一加": (["一加", "oneplus"], "mobile_phones"),
    "联想": (["联想", "lenovo", "thinkpad"], "computers"),
    "戴尔": (["戴尔", "dell"], "computers"),
    "华硕": (["华硕", "asus"], "computers"),
    "微软": (["微软", "microsoft"], "computers"),
    "索尼": (["索尼", "sony"], "digital_electronics"),
    "佳能": (["佳能", "canon"], "digital_electronics"),
    "尼康": (["尼康", "nikon"], "digital_electronics"),
    "大疆": (["大疆", "dji"], "digital_electronics"),
    "任天堂": (["任天堂", "nintendo"], "gaming"),
    "Nike": (["nike", "耐克"], "sportswear"),
    "Adidas": (["adidas", "阿迪达斯", "阿迪"], "sportswear"),
    "李宁": (["李宁", "li-ning", "li ning"], "sportswear"),
    "安踏": (["安踏", "anta"], "sportswear"),
    "特步": (["特步", "xtep"], "sportswear"),
    "New Balance": (["new balance", "新百伦"], "sportswear"),
    "Asics": (["asics", "亚瑟士"], "running"),
    "Hoka": (["hoka", "hoka one one"], "running"),
    "Lululemon": (["lululemon", "露露乐蒙"], "fitness"),
    "Under Armour": (["under armour", "安德玛"], "sportswear"),
    "Puma": (["puma", "彪马"], "sportswear"),
    "始祖鸟": (["始祖鸟", "arc'teryx", "arcteryx", "arc teryx"], "outdoor_sports"),
    "Salomon": (["salomon", "萨洛蒙"], "outdoor_sports"),
    "The North Face": (["the north face", "north face", "北面", "北脸"], "outdoor_sports"),
    "Patagonia": (["patagonia", "巴塔哥尼亚"], "outdoor_sports"),
    "Columbia": (["columbia", "哥伦比亚户外"], "outdoor_sports"),
    "迪卡侬": (["迪卡侬", "decathlon"], "outdoor_sports"),
    "凯乐石": (["凯乐石", "kailas"], "outdoor_sports"),
    "探路者": (["探路者", "toread"], "outdoor_sports"),
    "Garmin": (["garmin", "佳明"], "running"),
    "兰蔻": (["兰蔻", "lancome", "lancôme"], "skincare"),
    "雅诗兰黛": (["雅诗兰黛", "estee lauder", "estée lauder"], "skincare"),
    "欧莱雅": (["欧莱雅", "l'oreal", "loreal", "l'oréal"], "skincare"),
    "资生堂": (["资生堂", "shiseido"], "skincare"),
    "SK-II": (["sk-ii", "sk2", "skii"], "skincare"),
    "海蓝之谜": (["海蓝之谜", "la mer"], "skincare"),
    "珀莱雅": (["珀莱雅", "proya"], "skincare"),
    "薇诺娜": (["薇诺娜", "winona"], "skincare"),
    "完美日记": (["完美日记", "perfect diary"], "beauty_makeup"),
    "花西子": (["花西子", "florasis"], "beauty_makeup"),
    "迪奥": (["迪奥", "dior"], "beauty_makeup"),
    "香奈儿": (["香奈儿", "chanel"], "beauty_makeup"),
    "MAC": (["魅可"], "beauty_makeup"),
    "优衣库": (["优衣库", "uniqlo"], "fashion"),
    "Zara": (["zara"], "fashion"),
    "H&M": (["h&m"], "fashion"),
    "星巴克": (["星巴克", "starbucks"], "coffee"),
    "瑞幸": (["瑞幸", "luckin"], "coffee"),
    "喜茶": (["喜茶", "heytea"], "beverages"),
    "蒙牛": (["蒙牛", "mengniu"], "dairy"),
    "伊利": (["伊利", "yili"], "dairy"),
    "三只松鼠": (["三只松鼠"], "snacks"),
    "良品铺子": (["良品铺子"], "snacks"),
    "元气森林": (["元气森林"], "beverages"),
    "农夫山泉": (["农夫山泉"], "beverages"),
    "麦当劳": (["麦当劳", "mcdonald's", "mcdonalds"], "food_drink"),
    "肯德基": (["肯德基", "kfc"], "food_drink"),
    "海尔": (["海尔", "haier"], "home_appliances"),
    "美的": (["美的电器", "美的空调", "midea"], "home_appliances"),
    "格力": (["格力", "gree"], "home_appliances"),
    "戴森": (["戴森", "dyson"], "home_appliances"),
    "飞利浦": (["飞利浦", "philips"], "home_appliances"),
    "宜家": (["宜家", "ikea"], "home_living"),
    "无印良品": (["无印良品", "muji"], "home_living"),
    "皇家": (["皇家猫粮", "皇家狗粮", "royal canin"], "pets"),
    "渴望": (["渴望猫粮", "orijen"], "pets"),
    "特斯拉": (["特斯拉", "tesla"], "automotive"),
    "比亚迪": (["比亚迪", "byd"], "automotive"),
    "蔚来": (["蔚来", "nio"], "automotive"),
    "宝马": (["宝马", "bmw"], "automotive"),
    "奔驰": (["奔驰", "mercedes", "benz"], "automotive"),
    "丰田": (["丰田", "toyota"], "automotive"),
    "大众": (["大众汽车", "volkswagen", "vw"], "automotive"),
    "京东": (["京东", "jd.com"], None),
    "淘宝": (["淘宝", "taobao"], None),
    "天猫": (["天猫", "tmall"], None),
    "拼多多": (["拼多多", "pinduoduo", "pdd"], None),
    "Amazon": (["amazon", "亚马逊"], None),
    "Costco": (["costco", "开市客"], None),
}

# product word -> interest id it hints at
PRODUCTS = {
    "iphone": "iphone", "ipad": "tablets", "macbook": "laptops", "airpods": "audio", "apple watch": "wearables",
    "手机": "mobile_phones", "耳机": "audio", "蓝牙耳机": "audio", "笔记本": "laptops", "笔记本电脑": "laptops",
    "平板": "tablets", "相机": "cameras", "手表": "wearables", "手环": "wearables", "充电宝": "digital_accessories",
    "键盘": "peripherals", "鼠标": "peripherals", "显示器": "peripherals", "游戏机": "console_games",
    "冲锋衣": "outdoor_sports", "登山鞋": "hiking", "徒步鞋": "hiking", "登山杖": "hiking", "帐篷": "camping",
    "睡袋": "camping", "跑鞋": "running_gear", "跑步鞋": "running_gear", "瑜伽垫": "yoga", "哑铃": "home_workout",
    "口红": "lipstick", "粉底液": "base_makeup", "眼影": "eye_makeup", "香水": "fragrance", "面霜": "moisturizer",
    "精华": "serum", "防晒霜": "sunscreen", "面膜": "face_mask", "洗面奶": "cleanser", "洗发水": "hair_care",
    "猫粮": "pet_cat_owner", "猫砂": "pet_cat_owner", "狗粮": "pet_dog_owner", "奶粉": "infant_formula",
    "纸尿裤": "diapers", "尿不湿": "diapers", "婴儿车": "infant_care", "咖啡": "coffee", "牛奶": "dairy",
    "酸奶": "dairy", "热水器": "water_heaters", "空气炸锅": "kitchen_appliances", "扫地机器人": "cleaning_appliances",
    "沙发": "furniture", "床垫": "furniture", "行李箱": "travel_gear", "吉他": "instruments", "电动牙刷": "oral_care",
    "鞋子": "shoes", "羽绒服": "fashion", "连衣裙": "womens_clothing", "卫衣": "mens_clothing", "书包": "bags",
    "laptop": "laptops", "headphones": "audio", "earbuds": "audio", "smartphone": "mobile_phones",
    "phone": "mobile_phones", "tablet": "tablets", "camera": "cameras", "smartwatch": "wearables",
    "hiking boots": "hiking", "trekking poles": "hiking", "tent": "camping", "sleeping bag": "camping",
    "running shoes": "running_gear", "yoga mat": "yoga", "lipstick": "lipstick", "foundation": "base_makeup",
    "perfume": "fragrance", "moisturizer": "moisturizer", "serum": "serum", "sunscreen": "sunscreen",
    "shampoo": "hair_care", "cat food": "pet_cat_owner", "cat litter": "pet_cat_owner", "dog food": "pet_dog_owner",
    "diapers": "diapers", "stroller": "infant_care", "coffee": "coffee", "water heater": "water_heaters",
    "air fryer": "kitchen_appliances", "sofa": "furniture", "suitcase": "travel_gear", "guitar": "instruments",
    "jacket": "mens_clothing", "sneakers": "shoes", "backpack": "bags",
}

# A model after a product line ("iPhone 15 Pro", "Mate 60", "小米14") is one product entity.
_MODEL_RE = re.compile(
    r"(?:iphone|ipad|macbook|airpods|galaxy|pixel|mate|nova|redmi|小米|华为|荣耀|switch|ps)\s?\d{1,3}"
    r"(?:\s?(?:pro|max|plus|ultra|mini|air|se|lite|oled))*",
)

# Regions and countries the city gazetteer does not hold (it knows cities).
REGIONS = {
    "西藏": "西藏", "新疆": "新疆", "云南": "云南", "海南": "海南", "内蒙古": "内蒙古", "青海": "青海", "四川": "四川",
    "日本": "日本", "japan": "日本", "泰国": "泰国", "thailand": "泰国", "韩国": "韩国", "korea": "韩国",
    "美国": "美国", "usa": "美国", "英国": "英国", "法国": "法国", "france": "法国", "意大利": "意大利",
    "italy": "意大利", "澳大利亚": "澳大利亚", "australia": "澳大利亚", "新西兰": "新西兰", "冰岛": "冰岛",
    "iceland": "冰岛", "瑞士": "瑞士", "switzerland": "瑞士", "马尔代夫": "马尔代夫", "巴厘岛": "巴厘岛",
    "bali": "巴厘岛", "欧洲": "欧洲", "europe": "欧洲", "东南亚": "东南亚",
}


@dataclass
class Found:
    kind: str            # brand | product | place
    text: str            # canonical brand / place name, or the product as written
    start: int
    end: int
    interest: str | None


def find_entities(text: str, norm: str, names: list | None = None) -> list[Found]:
    """Brands, products and places in ``text`` (``norm`` is its lower-cased twin), in order.

    ``names``: ``name_scanner().scan(norm)``, when the caller has it already (analyze_text scans
    for all its dictionaries in one pass).
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for match in _MODEL_RE.finditer(norm):
        found.append(Found("product", text[match.start():match.end()].strip(), match.start(), match.end(),
                           PRODUCTS.get(match.group().split()[0].rstrip("0123456789"))))
        taken.append(match.span())
    for (kind, canonical, interest), words, start in (name_scanner().scan(norm) if names is None else names):
        end = start + len(words)
        if any(s < end and start < e for s, e in taken):
            continue
        found.append(Found(kind, canonical or text[start:end], start, end, interest))
        taken.append((start, end))
    found.sort(key=lambda f: f.start)
    return found


@lru_cache(maxsize=1)
def name_scanner() -> TermScanner:
    """Place, product and brand names -> (kind, canonical name or None, interest or None)."""
    from schema.geo import city_names
    from tools.analyzers.text import taxonomy

    tax = taxonomy()

    def known(interest: str | None) -> str | None:
        return interest if interest and tax.has(interest) else None

    terms: dict[str, tuple[str, str | None, str | None]] = {}
    for alias, canonical in {**city_names(), **REGIONS}.items():
        if len(alias) >= 2:
            terms[alias.lower()] = ("place", canonical, None)
    for word, interest in PRODUCTS.items():
        terms[word] = ("product", None, known(interest))
    for canonical, (aliases, interest) in BRANDS.items():
        for alias in aliases:
            terms[alias.lower()] = ("brand", canonical, known(interest))
    return TermScanner(terms)
