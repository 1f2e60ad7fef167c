"""Bilingual word lists the synthetic catalog is composed from, one vocabulary per demo category.

Every entry is a (zh, en) pair so a composed name reads naturally in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]


@dataclass(frozen=True)
class Noun:
    zh: str
    en: str
    sizes: tuple[Pair, ...]  # sizes that make sense for this kind of product


@dataclass(frozen=True)
class Vocabulary:
    brands: tuple[Pair, ...]
    nouns: tuple[Noun, ...]
    modifiers: tuple[Pair, ...]
    size_key: Pair
    specs: tuple[tuple[Pair, tuple[Pair, ...]], ...]  # (key, possible values)
    price_fen: tuple[int, int]


SERIES: tuple[Pair, ...] = (
    ("", ""),
    ("", ""),
    ("经典款", "Classic"),
    ("升级款", "Plus"),
    ("家庭装", "Family Pack"),
    ("便携装", "Travel Size"),
    ("限定款", "Limited Edition"),
    ("礼盒装", "Gift Box"),
    ("新品", "New"),
    ("特惠装", "Value Pack"),
    ("二代", "Gen 2"),
    ("Pro", "Pro"),
)

SELLING: tuple[Pair, ...] = (
    ("品质甄选，放心购买", "Carefully selected quality you can trust"),
    ("热销爆款，回购率高", "A best seller that shoppers buy again"),
    ("自助机下单，就近取货", "Order at the kiosk and pick up nearby"),
    ("新品上市，限时优惠", "New arrival with a limited-time offer"),
    ("家庭常备，经济实惠", "A household staple at an everyday price"),
    ("做工精细，经久耐用", "Finely made and built to last"),
    ("官方正品，假一赔十", "Genuine goods, guaranteed"),
    ("小巧便携，出行必备", "Compact and handy for travel"),
)

_ORIGINS: tuple[Pair, ...] = (
    ("广东", "Guangdong"),
    ("浙江", "Zhejiang"),
    ("江苏", "Jiangsu"),
    ("山东", "Shandong"),
    ("福建", "Fujian"),
    ("四川", "Sichuan"),
    ("上海", "Shanghai"),
    ("湖北", "Hubei"),
    ("河南", "Henan"),
    ("云南", "Yunnan"),
)
_SHELF: tuple[Pair, ...] = (
    ("6 个月", "6 months"),
    ("9 个月", "9 months"),
    ("12 个月", "12 months"),
    ("18 个月", "18 months"),
    ("24 个月", "24 months"),
)
_WARRANTY: tuple[Pair, ...] = (("1 年", "1 year"), ("2 年", "2 years"), ("3 年", "3 years"))
_COLOURS: tuple[Pair, ...] = (
    ("黑色", "Black"),
    ("白色", "White"),
    ("灰色", "Grey"),
    ("蓝色", "Blue"),
    ("粉色", "Pink"),
    ("绿色", "Green"),
    ("红色", "Red"),
    ("米色", "Beige"),
)
_ORIGIN: tuple[Pair, tuple[Pair, ...]] = (("产地", "Origin"), _ORIGINS)
_MODELS = ("S1", "S2", "X3", "Air", "Max", "Lite", "Go")


def _n(zh: str, en: str, *sizes: str) -> Noun:
    """A noun with its sizes, each "zh|en" (or one string when both read the same)."""
    pairs = tuple((s.partition("|")[0], s.partition("|")[2] or s.partition("|")[0]) for s in sizes)
    return Noun(zh, en, pairs)


VOCABULARIES: dict[str, Vocabulary] = {
    "drinks": Vocabulary(
        brands=(
            ("清泉", "Qingquan"),
            ("畅爽", "Changshuang"),
            ("茶语", "Chayu"),
            ("果园时光", "Orchard Time"),
            ("醒时", "Xingshi"),
            ("冰峰", "Bingfeng"),
            ("椰林", "Yelin"),
            ("动能", "Dongneng"),
        ),
        nouns=(
            _n("矿泉水", "Mineral Water", "550ml|550 ml", "1.5L|1.5 L", "550ml×24|550 ml × 24"),
            _n("苏打水", "Soda Water", "330ml|330 ml", "330ml×12|330 ml × 12"),
            _n("可乐", "Cola", "330ml|330 ml", "330ml×6|330 ml × 6", "2L|2 L"),
            _n("绿茶", "Green Tea", "500ml|500 ml", "500ml×15|500 ml × 15"),
            _n("红茶", "Black Tea", "500ml|500 ml", "500ml×15|500 ml × 15"),
            _n("乌龙茶", "Oolong Tea", "350ml|350 ml", "500ml|500 ml"),
            _n("果汁", "Juice", "1L|1 L", "250ml×12|250 ml × 12"),
            _n("椰子水", "Coconut Water", "330ml|330 ml", "1L|1 L"),
            _n("咖啡", "Coffee", "240ml×6|240 ml × 6", "280ml|280 ml"),
            _n("运动饮料", "Sports Drink", "600ml|600 ml", "600ml×15|600 ml × 15"),
            _n("柠檬茶", "Lemon Tea", "500ml|500 ml", "250ml×24|250 ml × 24"),
            _n("酸梅汤", "Plum Drink", "500ml|500 ml", "1.5L|1.5 L"),
        ),
        modifiers=(
            ("无糖", "Sugar-Free"),
            ("低糖", "Low-Sugar"),
            ("柠檬味", "Lemon"),
            ("蜜桃味", "Peach"),
            ("荔枝味", "Lychee"),
            ("冰爽", "Icy"),
            ("原味", "Original"),
            ("青柠味", "Lime"),
            ("冷萃", "Cold Brew"),
        ),
        size_key=("容量", "Capacity"),
        specs=(
            (("保质期", "Shelf life"), _SHELF),
            _ORIGIN,
            (
                ("包装", "Packaging"),
                (("瓶装", "Bottle"), ("罐装", "Can"), ("盒装", "Carton"), ("整箱", "Case")),
            ),
            (("储存条件", "Storage"), (("阴凉干燥处", "Cool, dry place"), ("冷藏", "Refrigerated"))),
            (
                ("含糖量", "Sugar"),
                (
                    ("0 g/100 ml", "0 g/100 ml"),
                    ("4.5 g/100 ml", "4.5 g/100 ml"),
                    ("9.8 g/100 ml", "9.8 g/100 ml"),
                ),
            ),
        ),
        price_fen=(200, 6000),
    ),
    "fresh": Vocabulary(
        brands=(
            ("果鲜生", "Guoxiansheng"),
            ("绿野", "Lüye"),
            ("牧场优选", "Pasture Select"),
            ("农家乐", "Nongjiale"),
            ("乳香", "Ruxiang"),
            ("麦香坊", "Maixiangfang"),
            ("田园", "Tianyuan"),
        ),
        nouns=(
            _n("苹果", "Apples", "1kg|1 kg", "2.5kg|2.5 kg"),
            _n("香蕉", "Bananas", "1kg|1 kg"),
            _n("橙子", "Oranges", "1kg|1 kg", "3kg|3 kg"),
            _n("猕猴桃", "Kiwi Fruit", "12个|× 12", "1kg|1 kg"),
            _n("草莓", "Strawberries", "500g|500 g"),
            _n("牛奶", "Milk", "250ml×12|250 ml × 12", "950ml|950 ml"),
            _n("酸奶", "Yoghurt", "100g×8|100 g × 8", "1kg|1 kg"),
            _n("鸡蛋", "Eggs", "12枚|× 12", "30枚|× 30"),
            _n("吐司", "Toast", "400g|400 g"),
            _n("西兰花", "Broccoli", "500g|500 g"),
            _n("土豆", "Potatoes", "1kg|1 kg", "2.5kg|2.5 kg"),
            _n("蓝莓", "Blueberries", "125g×4|125 g × 4"),
        ),
        modifiers=(
            ("有机", "Organic"),
            ("精选", "Select"),
            ("新鲜", "Fresh"),
            ("当季", "Seasonal"),
            ("特级", "Premium"),
            ("低脂", "Low-Fat"),
            ("全脂", "Whole"),
            ("散养", "Free-Range"),
        ),
        size_key=("规格", "Size"),
        specs=(
            _ORIGIN,
            (("储存条件", "Storage"), (("冷藏 0–4℃", "Chilled 0–4 °C"), ("常温", "Room temperature"))),
            (("保质期", "Shelf life"), (("3 天", "3 days"), ("7 天", "7 days"), ("21 天", "21 days"))),
            (("等级", "Grade"), (("一级", "Grade 1"), ("特级", "Premium"))),
            (("认证", "Certification"), (("绿色食品", "Green Food"), ("有机认证", "Certified organic"))),
        ),
        price_fen=(590, 9900),
    ),
    "snacks": Vocabulary(
        brands=(
            ("脆享", "Cuixiang"),
            ("可可屋", "Cocoa House"),
            ("坚果乐", "Jianguole"),
            ("麦趣", "Maiqu"),
            ("果果乐", "Guoguole"),
            ("海之味", "Haizhiwei"),
            ("香辣王", "Xianglawang"),
            ("甜心", "Sweetheart"),
        ),
        nouns=(
            _n("薯片", "Potato Chips", "75g|75 g", "110g|110 g"),
            _n("饼干", "Biscuits", "200g|200 g", "390g|390 g"),
            _n("巧克力", "Chocolate", "100g|100 g", "250g|250 g"),
            _n("坚果", "Mixed Nuts", "25g×30|25 g × 30", "500g|500 g"),
            _n("牛肉干", "Beef Jerky", "100g|100 g", "250g|250 g"),
            _n("海苔", "Seaweed Snacks", "4g×12|4 g × 12"),
            _n("软糖", "Gummies", "200g|200 g"),
            _n("果干", "Dried Fruit", "200g|200 g", "500g|500 g"),
            _n("瓜子", "Sunflower Seeds", "500g|500 g"),
            _n("辣条", "Spicy Strips", "260g|260 g"),
            _n("蛋卷", "Egg Rolls", "300g|300 g"),
            _n("山楂片", "Hawthorn Flakes", "200g|200 g"),
        ),
        modifiers=(
            ("原味", "Original"),
            ("香辣", "Spicy"),
            ("海盐", "Sea Salt"),
            ("芝士", "Cheese"),
            ("烧烤味", "BBQ"),
            ("草莓味", "Strawberry"),
            ("抹茶", "Matcha"),
            ("焦糖", "Caramel"),
            ("黑糖", "Brown Sugar"),
        ),
        size_key=("净含量", "Net content"),
        specs=(
            (("保质期", "Shelf life"), _SHELF),
            _ORIGIN,
            (("包装", "Packaging"), (("袋装", "Bag"), ("盒装", "Box"), ("罐装", "Canister"))),
            (("辣度", "Spiciness"), (("不辣", "Not spicy"), ("微辣", "Mild"), ("中辣", "Medium"))),
            (("储存条件", "Storage"), (("阴凉干燥处", "Cool, dry place"),)),
        ),
        price_fen=(350, 12900),
    ),
    "pantry": Vocabulary(
        brands=(
            ("面大师", "Mian Dashi"),
            ("金谷", "Jingu"),
            ("稻花香", "Daohuaxiang"),
            ("鲜味坊", "Xianweifang"),
            ("团圆", "Tuanyuan"),
            ("晨光谷", "Chenguanggu"),
            ("老陈家", "Laochenjia"),
        ),
        nouns=(
            _n("方便面", "Instant Noodles", "5连包|5-pack", "12桶|12 cups"),
            _n("大米", "Rice", "2.5kg|2.5 kg", "5kg|5 kg"),
            _n("面粉", "Flour", "1kg|1 kg", "2.5kg|2.5 kg"),
            _n("挂面", "Noodles", "1kg|1 kg"),
            _n("酱油", "Soy Sauce", "500ml|500 ml", "1.28L|1.28 L"),
            _n("醋", "Vinegar", "500ml|500 ml"),
            _n("食用油", "Cooking Oil", "1.8L|1.8 L", "5L|5 L"),
            _n("燕麦片", "Oats", "1kg|1 kg"),
            _n("速冻饺子", "Frozen Dumplings", "1kg|1 kg"),
            _n("火锅底料", "Hot Pot Base", "200g|200 g", "500g|500 g"),
            _n("罐头", "Canned Food", "425g|425 g"),
            _n("螺蛳粉", "River Snail Rice Noodles", "335g×3|335 g × 3"),
        ),
        modifiers=(
            ("红烧牛肉", "Braised Beef"),
            ("香菇炖鸡", "Mushroom Chicken"),
            ("特级", "Premium"),
            ("有机", "Organic"),
            ("五常", "Wuchang"),
            ("压榨", "Pressed"),
            ("麻辣", "Mala"),
            ("原味", "Original"),
            ("全麦", "Wholemeal"),
        ),
        size_key=("规格", "Size"),
        specs=(
            (("保质期", "Shelf life"), _SHELF),
            _ORIGIN,
            (
                ("烹饪方式", "Preparation"),
                (
                    ("煮 3 分钟", "Boil 3 minutes"),
                    ("冲泡 4 分钟", "Steep 4 minutes"),
                    ("即食", "Ready to eat"),
                ),
            ),
            (("储存条件", "Storage"), (("阴凉干燥处", "Cool, dry place"), ("-18℃ 冷冻", "Frozen at -18 °C"))),
            (("等级", "Grade"), (("一级", "Grade 1"), ("特级", "Premium"))),
        ),
        price_fen=(300, 15900),
    ),
    "personal_care": Vocabulary(
        brands=(
            ("洁齿", "Jiechi"),
            ("青丝", "Qingsi"),
            ("水漾", "Shuiyang"),
            ("若雪", "Ruoxue"),
            ("柔护", "Rouhu"),
            ("安护", "Anhu"),
            ("清风", "Qingfeng"),
        ),
        nouns=(
            _n("牙膏", "Toothpaste", "120g|120 g", "120g×3|120 g × 3"),
            _n("牙刷", "Toothbrushes", "4支|× 4"),
            _n("洗发水", "Shampoo", "400ml|400 ml", "750ml|750 ml"),
            _n("护发素", "Conditioner", "500ml|500 ml"),
            _n("沐浴露", "Body Wash", "750ml|750 ml", "1L|1 L"),
            _n("洗面奶", "Facial Cleanser", "100g|100 g"),
            _n("面霜", "Face Cream", "50g|50 g"),
            _n("防晒霜", "Sunscreen", "50ml|50 ml"),
            _n("护手霜", "Hand Cream", "30g×3|30 g × 3"),
            _n("漱口水", "Mouthwash", "500ml|500 ml"),
            _n("香皂", "Soap", "100g×4|100 g × 4"),
            _n("身体乳", "Body Lotion", "400ml|400 ml"),
        ),
        modifiers=(
            ("薄荷", "Mint"),
            ("清爽", "Fresh"),
            ("保湿", "Moisturising"),
            ("控油", "Oil-Control"),
            ("修护", "Repair"),
            ("氨基酸", "Amino Acid"),
            ("玫瑰", "Rose"),
            ("温和", "Gentle"),
            ("美白", "Brightening"),
        ),
        size_key=("净含量", "Net content"),
        specs=(
            (("保质期", "Shelf life"), (("36 个月", "36 months"),)),
            _ORIGIN,
            (
                ("适用肤质", "Skin type"),
                (("所有肤质", "All skin types"), ("干性", "Dry"), ("油性", "Oily"), ("敏感肌", "Sensitive")),
            ),
            (
                ("香型", "Scent"),
                (("薄荷", "Mint"), ("花香", "Floral"), ("无香", "Unscented"), ("海洋", "Ocean")),
            ),
            (("适用人群", "Suitable for"), (("成人", "Adults"), ("儿童", "Children"), ("男士", "Men"))),
        ),
        price_fen=(690, 19900),
    ),
    "household": Vocabulary(
        brands=(
            ("云柔", "Yunrou"),
            ("净白", "Jingbai"),
            ("洁家", "Jiejia"),
            ("整理控", "Zhenglikong"),
            ("光明", "Guangming"),
            ("能量星", "Nengliangxing"),
            ("居家宝", "Jujiabao"),
        ),
        nouns=(
            _n("抽纸", "Facial Tissues", "3层120抽×24包|3-ply 120 × 24"),
            _n("卷纸", "Toilet Rolls", "27卷|× 27"),
            _n("湿巾", "Wet Wipes", "80抽×5包|80 × 5"),
            _n("洗衣液", "Laundry Liquid", "1.5kg|1.5 kg", "3kg|3 kg"),
            _n("洗洁精", "Dish Soap", "1.5kg|1.5 kg"),
            _n("垃圾袋", "Bin Bags", "100只|× 100"),
            _n("收纳箱", "Storage Box", "35L|35 L", "60L|60 L"),
            _n("衣架", "Hangers", "20个|× 20"),
            _n("电池", "Batteries", "12粒|× 12"),
            _n("灯泡", "Light Bulbs", "3只|× 3"),
            _n("拖把", "Mop", "1个|1 pc"),
            _n("清洁剂", "Cleaner", "500ml|500 ml"),
        ),
        modifiers=(
            ("加厚", "Extra Thick"),
            ("薰衣草", "Lavender"),
            ("柠檬", "Lemon"),
            ("无香", "Unscented"),
            ("抗菌", "Antibacterial"),
            ("可折叠", "Foldable"),
            ("大容量", "Large"),
            ("节能", "Energy-Saving"),
        ),
        size_key=("规格", "Size"),
        specs=(
            _ORIGIN,
            (("材质", "Material"), (("原生木浆", "Virgin pulp"), ("PP", "PP"), ("PE", "PE"), ("ABS", "ABS"))),
            (("颜色", "Colour"), _COLOURS),
            (("适用场景", "Use"), (("客厅", "Living room"), ("厨房", "Kitchen"), ("卫生间", "Bathroom"))),
            (("保质期", "Shelf life"), (("36 个月", "36 months"), ("长期", "No expiry"))),
        ),
        price_fen=(590, 12900),
    ),
    "electronics": Vocabulary(
        brands=(
            ("声悦", "Shengyue"),
            ("星云", "Xingyun"),
            ("腕动", "Wandong"),
            ("键客", "Jianke"),
            ("视界", "Shijie"),
            ("墨读", "Modu"),
            ("暖居", "Nuanju"),
            ("雷霆", "Leiting"),
        ),
        nouns=(
            _n("蓝牙耳机", "Wireless Earbuds", *_MODELS),
            _n("头戴耳机", "Headphones", *_MODELS),
            _n("蓝牙音箱", "Bluetooth Speaker", *_MODELS),
            _n("智能手表", "Smartwatch", *_MODELS),
            _n("平板电脑", "Tablet", *_MODELS),
            _n("机械键盘", "Mechanical Keyboard", *_MODELS),
            _n("无线鼠标", "Wireless Mouse", *_MODELS),
            _n("运动相机", "Action Camera", *_MODELS),
            _n("台灯", "Desk Lamp", *_MODELS),
            _n("电热水壶", "Electric Kettle", *_MODELS),
            _n("电吹风", "Hair Dryer", *_MODELS),
            _n("投影仪", "Projector", *_MODELS),
        ),
        modifiers=(
            ("降噪", "ANC"),
            ("无线", "Wireless"),
            ("便携", "Portable"),
            ("智能", "Smart"),
            ("高清", "HD"),
            ("静音", "Silent"),
            ("快充", "Fast-Charge"),
            ("迷你", "Mini"),
        ),
        size_key=("型号", "Model"),
        specs=(
            (("保修", "Warranty"), _WARRANTY),
            (("颜色", "Colour"), _COLOURS),
            (("蓝牙版本", "Bluetooth"), (("5.0", "5.0"), ("5.2", "5.2"), ("5.3", "5.3"))),
            (
                ("续航", "Battery life"),
                (("8 小时", "8 hours"), ("24 小时", "24 hours"), ("14 天", "14 days")),
            ),
            (("接口", "Connector"), (("USB-C", "USB-C"), ("Lightning", "Lightning"))),
            (("防水等级", "Water resistance"), (("IPX4", "IPX4"), ("IPX7", "IPX7"), ("IP67", "IP67"))),
        ),
        price_fen=(4900, 299900),
    ),
    "phone_accessories": Vocabulary(
        brands=(
            ("电小二", "Dianxiao'er"),
            ("壳艺", "Keyi"),
            ("稳拍", "Wenpai"),
            ("存储侠", "Cunchuxia"),
            ("畅联", "Changlian"),
            ("速充", "Suchong"),
        ),
        nouns=(
            _n("数据线", "Cable", "1m|1 m", "2m|2 m"),
            _n("充电器", "Charger", "20W|20 W", "65W|65 W"),
            _n("充电宝", "Power Bank", "10000mAh|10000 mAh", "20000mAh|20000 mAh"),
            _n("手机壳", "Phone Case", "iPhone 15", "Mate 60", "小米 14|Xiaomi 14"),
            _n("钢化膜", "Screen Protector", "2片装|× 2"),
            _n("手机支架", "Phone Stand", "1个|1 pc"),
            _n("自拍杆", "Selfie Stick", "1个|1 pc"),
            _n("存储卡", "Memory Card", "64GB|64 GB", "128GB|128 GB"),
            _n("无线充电器", "Wireless Charger", "15W|15 W"),
            _n("车载充电器", "Car Charger", "30W|30 W"),
            _n("手机挂绳", "Phone Lanyard", "1个|1 pc"),
        ),
        modifiers=(
            ("快充", "Fast-Charge"),
            ("磁吸", "Magnetic"),
            ("氮化镓", "GaN"),
            ("透明", "Clear"),
            ("防摔", "Drop-Proof"),
            ("编织", "Braided"),
            ("超薄", "Slim"),
            ("液态硅胶", "Silicone"),
        ),
        size_key=("规格", "Size"),
        specs=(
            (
                ("适用机型", "Compatible with"),
                (
                    ("iPhone 15", "iPhone 15"),
                    ("华为 Mate 60", "Huawei Mate 60"),
                    ("小米 14", "Xiaomi 14"),
                    ("通用", "Universal"),
                ),
            ),
            (("颜色", "Colour"), _COLOURS),
            (("保修", "Warranty"), _WARRANTY),
            (("接口", "Connector"), (("USB-C", "USB-C"), ("Lightning", "Lightning"), ("USB-A", "USB-A"))),
            (("认证", "Certification"), (("3C", "CCC"), ("MFi", "MFi"))),
        ),
        price_fen=(990, 29900),
    ),
    "stationery": Vocabulary(
        brands=(
            ("墨香", "Moxiang"),
            ("书写者", "Shuxiezhe"),
            ("童画", "Tonghua"),
            ("雪白", "Xuebai"),
            ("算盘", "Suanpan"),
            ("学霸", "Xueba"),
        ),
        nouns=(
            _n("笔记本", "Notebooks", "80页×3本|80 pages × 3"),
            _n("中性笔", "Gel Pens", "12支|× 12"),
            _n("铅笔", "Pencils", "50支|× 50"),
            _n("彩色铅笔", "Coloured Pencils", "48色|48 colours"),
            _n("马克笔", "Markers", "60色|60 colours"),
            _n("便利贴", "Sticky Notes", "12本|× 12"),
            _n("文件夹", "File Folders", "10个|× 10"),
            _n("计算器", "Calculator", "1个|1 pc"),
            _n("订书机", "Stapler", "1个|1 pc"),
            _n("橡皮", "Erasers", "10块|× 10"),
            _n("复印纸", "Copy Paper", "500张×5包|500 × 5"),
            _n("荧光笔", "Highlighters", "6色|6 colours"),
        ),
        modifiers=(
            ("A5", "A5"),
            ("B5", "B5"),
            ("按动", "Retractable"),
            ("速干", "Quick-Dry"),
            ("水溶", "Watercolour"),
            ("护眼", "Eye-Care"),
            ("线圈", "Spiral"),
            ("大容量", "Large"),
        ),
        size_key=("规格", "Size"),
        specs=(
            (("颜色", "Colour"), _COLOURS),
            (("笔尖", "Tip"), (("0.5 mm", "0.5 mm"), ("0.38 mm", "0.38 mm"))),
            (
                ("纸张", "Paper"),
                (("70 g", "70 gsm"), ("80 g 道林纸", "80 gsm woodfree"), ("100 g", "100 gsm")),
            ),
            (("适用人群", "Suitable for"), (("学生", "Students"), ("办公", "Office"))),
            _ORIGIN,
        ),
        price_fen=(290, 6900),
    ),
    "toys": Vocabulary(
        brands=(
            ("创想", "Chuangxiang"),
            ("暖暖", "Nuannuan"),
            ("极速", "Jisu"),
            ("智趣", "Zhiqu"),
            ("跃动", "Yuedong"),
            ("萌趣", "Mengqu"),
        ),
        nouns=(
            _n("积木", "Building Blocks", "100颗粒|100 pcs", "520颗粒|520 pcs"),
            _n("毛绒玩具", "Plush Toy", "30cm|30 cm"),
            _n("遥控车", "RC Car", "1:16"),
            _n("拼图", "Jigsaw Puzzle", "1000片|1000 pieces"),
            _n("桌游", "Board Game", "2–6人|2–6 players"),
            _n("魔方", "Puzzle Cube", "三阶|3 × 3"),
            _n("篮球", "Basketball", "7号|size 7"),
            _n("足球", "Football", "5号|size 5"),
            _n("盲盒", "Blind Box", "1只|1 pc"),
            _n("泡泡机", "Bubble Machine", "1个|1 pc"),
            _n("合金车", "Die-Cast Cars", "6辆装|× 6"),
            _n("娃娃", "Doll", "30cm|30 cm"),
        ),
        modifiers=(
            ("城市系列", "City"),
            ("太空", "Space"),
            ("恐龙", "Dinosaur"),
            ("公主", "Princess"),
            ("益智", "Learning"),
            ("迷你", "Mini"),
            ("豪华", "Deluxe"),
            ("经典", "Classic"),
        ),
        size_key=("规格", "Size"),
        specs=(
            (
                ("适用年龄", "Age"),
                (("3 岁以上", "3 years +"), ("6 岁以上", "6 years +"), ("14 岁以上", "14 years +")),
            ),
            (
                ("材质", "Material"),
                (("ABS", "ABS"), ("PP 棉", "PP fibre fill"), ("合金", "Alloy"), ("纸质", "Paper")),
            ),
            (("认证", "Certification"), (("3C", "CCC"),)),
            (("颜色", "Colour"), _COLOURS),
            _ORIGIN,
        ),
        price_fen=(990, 59900),
    ),
    "kitchen": Vocabulary(
        brands=(
            ("厨神", "Chushen"),
            ("暖居", "Nuanju"),
            ("陶然", "Taoran"),
            ("整理控", "Zhenglikong"),
            ("洁家", "Jiejia"),
            ("好厨", "Haochu"),
        ),
        nouns=(
            _n("保温杯", "Vacuum Flask", "500ml|500 ml"),
            _n("马克杯", "Mug", "380ml|380 ml"),
            _n("炒锅", "Wok", "32cm|32 cm"),
            _n("汤锅", "Casserole", "24cm|24 cm"),
            _n("电饭煲", "Rice Cooker", "4L|4 L"),
            _n("空气炸锅", "Air Fryer", "5L|5 L"),
            _n("菜刀", "Chef's Knife", "1把|1 pc"),
            _n("砧板", "Cutting Board", "40cm|40 cm"),
            _n("保鲜盒", "Food Containers", "4件套|× 4"),
            _n("筷子", "Chopsticks", "10双|× 10"),
            _n("碗", "Bowls", "4只|× 4"),
            _n("保鲜膜", "Cling Film", "30cm×100m|30 cm × 100 m"),
        ),
        modifiers=(
            ("不粘", "Non-Stick"),
            ("不锈钢", "Stainless Steel"),
            ("陶瓷", "Ceramic"),
            ("玻璃", "Glass"),
            ("智能", "Smart"),
            ("大容量", "Large"),
            ("竹制", "Bamboo"),
            ("珐琅", "Enamel"),
        ),
        size_key=("规格", "Size"),
        specs=(
            (
                ("材质", "Material"),
                (
                    ("304 不锈钢", "304 stainless steel"),
                    ("陶瓷", "Ceramic"),
                    ("高硼硅玻璃", "Borosilicate glass"),
                    ("铝合金", "Aluminium"),
                ),
            ),
            (("适用炉灶", "Hob"), (("燃气灶、电磁炉通用", "Gas and induction"), ("全炉灶通用", "All hobs"))),
            (("可洗碗机", "Dishwasher safe"), (("是", "Yes"), ("否", "No"))),
            (("颜色", "Colour"), _COLOURS),
            (("保修", "Warranty"), _WARRANTY),
        ),
        price_fen=(990, 59900),
    ),
}

REVIEWS_ZH: tuple[str, ...] = (
    "东西很好，跟描述的一样。",
    "性价比很高，推荐购买。",
    "取货方便，包装完好。",
    "第二次买了，一如既往的好。",
    "还可以，中规中矩。",
    "物流很快，当天就到了。",
    "质量一般，凑合能用。",
    "家里人都很喜欢。",
)
REVIEWS_EN: tuple[str, ...] = (
    "Exactly as described.",
    "Great value for money.",
    "Well packed, quick pickup.",
    "Bought it again, still good.",
    "It's OK.",
    "Arrived the same day.",
    "Average quality.",
    "The whole family likes it.",
)
SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
)
EN_MASKS: tuple[str, ...] = (
    "L***y",
    "K***n",
    "A***y",
    "T***m",
    "G***e",
    "L***o",
    "E***y",
    "J***n",
    "S***e",
    "D***d",
)
