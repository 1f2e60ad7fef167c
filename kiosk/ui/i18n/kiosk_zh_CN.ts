<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en_US">
<context>
    <name>AccessibilityPanel</name>
    <message>
        <source>Accessibility</source>
        <translation>无障碍</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>大字体</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Controls within reach (lower screen)</source>
        <translation>按钮下移（便于够到）</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>Cart</name>
    <message>
        <source>Your cart is empty</source>
        <translation>购物车是空的</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in your cart</source>
        <translation>
            <numerusform>购物车中有 %n 件商品</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>共 %n 件商品</numerusform>
        </translation>
    </message>
    <message>
        <source>Popular</source>
        <translation>人气</translation>
    </message>
    <message>
        <source>Price ↑</source>
        <translation>价格 ↑</translation>
    </message>
    <message>
        <source>Price ↓</source>
        <translation>价格 ↓</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <source>Ships today, arrives by %1</source>
        <translation>今日发货，预计%1前送达</translation>
    </message>
    <message>
        <source>Ships in 1 business day, arrives by %1</source>
        <translation>1 个工作日内发货，预计%1前送达</translation>
    </message>
    <message>
        <source>Ships in %1 business days, arrives by %2</source>
        <translation>%1 个工作日内发货，预计%2前送达</translation>
    </message>
    <message>
        <source>Ships in %1–%2 business days, arrives by %3</source>
        <translation>%1–%2 个工作日内发货，预计%3前送达</translation>
    </message>
    <message>
        <source>Pre-order</source>
        <translation>预售商品</translation>
    </message>
    <message>
        <source>Made to order</source>
        <translation>定制商品</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>How to shop here</source>
        <translation>购物指南</translation>
    </message>
    <message>
        <source>Browse: tap a category on the home screen, then a product to see its details.</source>
        <translation>浏览：在首页点选分类，再点选商品查看详情。</translation>
    </message>
    <message>
        <source>Search: tap the search field and type a name, brand, pinyin or barcode.</source>
        <translation>搜索：点击搜索框，输入商品名、品牌、拼音或条码。</translation>
    </message>
    <message>
        <source>Scan: hold a product&apos;s barcode under the scanner to open it.</source>
        <translation>扫码：将商品条码对准扫码器，即可查看该商品。</translation>
    </message>
    <message>
        <source>Accessibility: larger text, high contrast and controls within reach.</source>
        <translation>无障碍：大字体、高对比度，以及触手可及的按钮位置。</translation>
    </message>
    <message>
        <source>Need a person? Please ask a member of staff.</source>
        <translation>需要人工帮助？请联系店员。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Search products, brands, pinyin or barcodes</source>
        <translation>搜索商品、品牌、拼音或条码</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>商品分类</translation>
    </message>
    <message>
        <source>Best sellers</source>
        <translation>热销推荐</translation>
    </message>
    <message>
        <source>Popular now</source>
        <translation>当下热门</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <source>For your privacy, your cart and choices will be cleared in %1 seconds.</source>
        <translation>为保护您的隐私，购物车和所选内容将在 %1 秒后清除。</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Reach mode: every control is in the lower part of the screen.</source>
        <translation>便捷操作模式：所有按钮都在屏幕下半部分。</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>Product details</source>
        <translation>商品详情</translation>
    </message>
    <message>
        <source>Brand: %1</source>
        <translation>品牌：%1</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>已售罄</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <source>In your cart: %1</source>
        <translation>购物车中已有：%1</translation>
    </message>
    <message>
        <source>Specifications</source>
        <translation>规格参数</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>用户评价</translation>
    </message>
    <message>
        <source>No reviews yet</source>
        <translation>暂无评价</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n 条评价</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QrCustomerWindow</name>
    <message>
        <source>Scan with your phone to pay</source>
        <translation>请用手机扫码支付</translation>
    </message>
</context>
<context>
    <name>Scan</name>
    <message>
        <source>Barcode %1 is not in our catalog</source>
        <translation>未找到条码为 %1 的商品</translation>
    </message>
</context>
<context>
    <name>ScreenHeader</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Name, brand, pinyin or barcode</source>
        <translation>商品名、品牌、拼音或条码</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Nothing found for “%1”. Check the spelling, or browse a category:</source>
        <translation>未找到“%1”相关商品。请检查输入，或浏览分类：</translation>
    </message>
    <message>
        <source>Type a product name, brand, pinyin (e.g. “kl” for 可乐) or barcode, or browse a category:</source>
        <translation>输入商品名、品牌、拼音（如“kl”可找到可乐）或条码，或浏览分类：</translation>
    </message>
</context>
<context>
    <name>ShopperToolBar</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <translation>无障碍</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
</context>
<context>
    <name>StockLabel</name>
    <message>
        <source>Sold out</source>
        <translation>已售罄</translation>
    </message>
    <message>
        <source>Only %1 left</source>
        <translation>仅剩 %1 件</translation>
    </message>
    <message>
        <source>Few left</source>
        <translation>库存紧张</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>有货</translation>
    </message>
</context>
</TS>
