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
    <name>CartChangesPanel</name>
    <message>
        <source>Your cart has changed</source>
        <translation>购物车有变动</translation>
    </message>
    <message>
        <source>The shop changed these since you chose them. Please check before you pay:</source>
        <translation>以下商品已有变动，请在付款前确认：</translation>
    </message>
    <message>
        <source>That is every change.</source>
        <translation>以上为全部变动。</translation>
    </message>
    <message>
        <source>Scroll the list to see every change (%1 in all).</source>
        <translation>请滑动列表查看全部变动（共 %1 项）。</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送费</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>到店自提</translation>
    </message>
    <message>
        <source>New amount to pay</source>
        <translation>新的应付金额</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>返回购物车</translation>
    </message>
    <message>
        <source>Confirm and pay</source>
        <translation>确认并支付</translation>
    </message>
</context>
<context>
    <name>CartScreen</name>
    <message>
        <source>Your cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>购物车是空的</translation>
    </message>
    <message>
        <source>Browse the categories, search, or scan a barcode to add products.</source>
        <translation>浏览分类、搜索或扫描条码即可添加商品。</translation>
    </message>
    <message>
        <source>Start shopping</source>
        <translation>去购物</translation>
    </message>
    <message>
        <source>%1 each</source>
        <translation>单价 %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Often bought together</source>
        <translation>经常一起购买</translation>
    </message>
    <message numerus="yes">
        <source>Total (%n item(s))</source>
        <translation>
            <numerusform>合计（%n 件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation>去结算</translation>
    </message>
    <message>
        <source>No longer available: please remove it</source>
        <translation>该商品已无货，请移除</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left: please lower the quantity</source>
        <translation>
            <numerusform>仅剩 %n 件，请减少数量</numerusform>
        </translation>
    </message>
    <message>
        <source>Now %1: you confirm the new price when you pay</source>
        <translation>现价 %1，付款时请确认新价格</translation>
    </message>
    <message numerus="yes">
        <source>Only %n in stock</source>
        <translation>
            <numerusform>库存仅剩 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n of one product</source>
        <translation>
            <numerusform>每件商品最多 %n 件</numerusform>
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
    <name>DigitKeypad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Thank you</source>
        <translation>感谢惠顾</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支付成功</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>实付 %1（%2）</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>您的订单号</translation>
    </message>
    <message>
        <source>Lookup code %1</source>
        <translation>查询码 %1</translation>
    </message>
    <message>
        <source>Paper receipt</source>
        <translation>纸质小票</translation>
    </message>
    <message>
        <source>Receipt on my phone</source>
        <translation>小票存到手机</translation>
    </message>
    <message>
        <source>See your receipt below</source>
        <translation>查看下方小票</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Collect your order at the service desk: show them this number.</source>
        <translation>请凭此订单号到服务台取货。</translation>
    </message>
    <message>
        <source>We will deliver to %1 (%2):
%3</source>
        <translation>我们将送货给 %1（%2）：
%3</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印小票…</translation>
    </message>
    <message>
        <source>Your receipt has been printed: please take it.</source>
        <translation>小票已打印，请取走。</translation>
    </message>
    <message>
        <source>Please take your receipt. If none came out, scan the code below for your receipt on your phone.</source>
        <translation>请取走小票。如未出票，请扫描下方二维码，在手机上查看电子小票。</translation>
    </message>
    <message>
        <source>Scan the code below with your phone for your receipt.</source>
        <translation>请用手机扫描下方二维码获取电子小票。</translation>
    </message>
    <message>
        <source>The printer is out of paper: scan the code below for your receipt on your phone.</source>
        <translation>打印机缺纸，请扫描下方二维码，在手机上查看电子小票。</translation>
    </message>
    <message>
        <source>The printer is not working: scan the code below for your receipt on your phone.</source>
        <translation>打印机暂时无法使用，请扫描下方二维码，在手机上查看电子小票。</translation>
    </message>
    <message>
        <source>The paper receipt did not print: scan the code below for your receipt on your phone.</source>
        <translation>纸质小票未能打印，请扫描下方二维码，在手机上查看电子小票。</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera: your receipt opens as a web page you can keep.</source>
        <translation>用手机相机扫码，即可打开电子小票网页并保存。</translation>
    </message>
</context>
<context>
    <name>FulfilmentScreen</name>
    <message>
        <source>Pickup or delivery</source>
        <translation>取货方式</translation>
    </message>
    <message>
        <source>How would you like to get your order?</source>
        <translation>您希望如何取货？</translation>
    </message>
    <message>
        <source>Pick up in store</source>
        <translation>到店自提</translation>
    </message>
    <message>
        <source>Free. Collect it at the service desk with your order number.</source>
        <translation>免费。凭订单号到服务台取货。</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>送货上门</translation>
    </message>
    <message>
        <source>Receiver&apos;s name</source>
        <translation>收货人姓名</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>例如：张伟</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>11 digits, e.g. 13800138000</source>
        <translation>11 位数字，例如 13800138000</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>District, street, building, room</source>
        <translation>区、街道、楼栋、门牌号</translation>
    </message>
    <message>
        <source>After paying you get an order number on screen and on your receipt. Show it at the service desk to collect your order.</source>
        <translation>付款后，屏幕和小票上会显示订单号。请凭订单号到服务台取货。</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送费</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>到店自提</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Please enter the receiver&apos;s name</source>
        <translation>请输入收货人姓名</translation>
    </message>
    <message>
        <source>Please enter a mobile number</source>
        <translation>请输入手机号码</translation>
    </message>
    <message>
        <source>Please enter the delivery address</source>
        <translation>请输入收货地址</translation>
    </message>
    <message>
        <source>Enter an 11-digit mobile number starting with 1, e.g. 13800138000</source>
        <translation>请输入以 1 开头的 11 位手机号码，例如 13800138000</translation>
    </message>
    <message>
        <source>Please enter the full address: at least %1 characters</source>
        <translation>请输入完整地址，至少 %1 个字</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters</source>
        <translation>太长了：最多 %1 个字</translation>
    </message>
    <message>
        <source>Please use letters only: no emoji, digits or symbols</source>
        <translation>请只输入文字，不要使用表情、数字或符号</translation>
    </message>
    <message>
        <source>Please remove emoji and special symbols</source>
        <translation>请删除表情和特殊符号</translation>
    </message>
    <message>
        <source>Price changed from %1 to %2</source>
        <translation>价格由 %1 调整为 %2</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left, so the quantity is now %n</source>
        <translation>
            <numerusform>仅剩 %n 件，数量改为 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n left, so this line was removed</source>
        <translation>
            <numerusform>仅剩 %n 件，此项已从购物车移除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n left, so this line will be removed</source>
        <translation>
            <numerusform>仅剩 %n 件，此项将从购物车移除</numerusform>
        </translation>
    </message>
    <message>
        <source>Sold out, so it was removed from your cart</source>
        <translation>已售罄，已从购物车移除</translation>
    </message>
    <message>
        <source>Sold out, so it will be removed from your cart</source>
        <translation>已售罄，将从购物车移除</translation>
    </message>
    <message>
        <source>No longer sold, so it was removed from your cart</source>
        <translation>已下架，已从购物车移除</translation>
    </message>
    <message>
        <source>No longer sold, so it will be removed from your cart</source>
        <translation>已下架，将从购物车移除</translation>
    </message>
    <message>
        <source>Nothing in your cart can be bought now, and nothing was charged:</source>
        <translation>购物车中的商品现已无法购买，未产生任何扣款：</translation>
    </message>
    <message>
        <source>Prices or stock changed since you chose these, so your cart was updated:</source>
        <translation>商品价格或库存有变，您的购物车已更新：</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Free delivery for orders from %1</source>
        <translation>满 %1 免运费</translation>
    </message>
    <message>
        <source>%1, free for orders from %2</source>
        <translation>运费 %1，满 %2 免运费</translation>
    </message>
    <message>
        <source>was %1</source>
        <translation>原为 %1</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>My payment failed. What should I do?</source>
        <translation>支付失败了，怎么办？</translation>
    </message>
    <message>
        <source>Nothing was charged for a payment the kiosk says failed. Try again, or choose another way to pay. If your bank or wallet shows a charge anyway, keep the order number shown on screen and call an attendant: the store checks the payment and refunds any double charge.</source>
        <translation>终端显示支付失败时不会扣款。请重试或换一种支付方式。如果银行或钱包仍显示扣款，请保留屏幕上的订单号并呼叫店员：商城会核对支付并退还重复扣款。</translation>
    </message>
    <message>
        <source>When will my order ship or arrive?</source>
        <translation>订单何时发货或送达？</translation>
    </message>
    <message>
        <source>Pickup orders are ready at the counter when your order number is called. Delivery orders are packed and shipped by the store, usually within one to two days; the tracking number appears on your order page (scan the QR code on your receipt) once it has shipped.</source>
        <translation>自提订单在叫到您的订单号时到服务台领取。配送订单由门店打包发货，通常在一到两天内发出；发货后快递单号会显示在订单页面上（扫描小票上的二维码）。</translation>
    </message>
    <message>
        <source>How can I change my order?</source>
        <translation>如何修改订单？</translation>
    </message>
    <message>
        <source>Not paid yet: change the contact, address or pickup/delivery yourself and pay. Paid but not shipped: ask for a change; the merchant approves or rejects it and you see the answer when you look up the order. Already shipped: the order can no longer be changed; please contact the merchant.</source>
        <translation>未支付：可自行修改联系人、地址或取货方式后支付。已支付未发货：可申请修改，由商家审核通过或拒绝，查询订单时可看到结果。已发货：订单无法再修改，请联系商家。</translation>
    </message>
    <message>
        <source>My receipt did not print.</source>
        <translation>小票没有打印出来。</translation>
    </message>
    <message>
        <source>Scan the QR code on the order screen with your phone for an e-receipt, or ask a member of staff with your order number.</source>
        <translation>用手机扫描订单页面上的二维码获取电子小票，或凭订单号询问店员。</translation>
    </message>
    <message>
        <source>I cannot find an item.</source>
        <translation>找不到商品。</translation>
    </message>
    <message>
        <source>Tap Search and type the item&apos;s name, its pinyin or the barcode number. You can also browse the categories on the home screen.</source>
        <translation>点击搜索，输入商品名称、拼音或条码号。也可以在首页浏览分类。</translation>
    </message>
    <message>
        <source>The scanner will not read my barcode.</source>
        <translation>扫码枪无法识别我的条码。</translation>
    </message>
    <message>
        <source>Hold the barcode steady, 10 to 20 cm from the scanner window, and make sure it is flat and not covered. If it still does not read, search for the item by name instead.</source>
        <translation>请将条码平整、无遮挡地保持在距扫码窗口 10 至 20 厘米处。如果仍无法识别，请按名称搜索商品。</translation>
    </message>
    <message>
        <source>Can the screen be easier to read or reach?</source>
        <translation>屏幕能否更易阅读或触及？</translation>
    </message>
    <message>
        <source>Tap Accessibility at the bottom of the screen for larger text, high contrast and reach mode, which moves the controls to the lower part of the screen.</source>
        <translation>点击屏幕底部的“无障碍”，可使用大字体、高对比度和按钮下移模式（所有按钮移到屏幕下方）。</translation>
    </message>
    <message>
        <source>How do I shop here?</source>
        <translation>如何在这里购物？</translation>
    </message>
    <message>
        <source>Tap a category or search, open a product and add it to the cart. Then open the cart, choose pickup or delivery, and pay with your phone. Keep your receipt or its QR code to follow your order.</source>
        <translation>点击分类或搜索，打开商品并加入购物车。然后打开购物车，选择自提或配送，用手机支付。请保留小票或其二维码以便查询订单。</translation>
    </message>
    <message>
        <source>Your call is already on its way.</source>
        <translation>您的呼叫已发出。</translation>
    </message>
    <message>
        <source>Staff have just been called. Please wait a moment.</source>
        <translation>刚刚已呼叫店员，请稍候。</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Search the questions</source>
        <translation>搜索问题</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Calling a member of staff…</source>
        <translation>正在呼叫店员…</translation>
    </message>
    <message>
        <source>Help is on the way (asked at %1). Please stay at the kiosk.</source>
        <translation>店员马上就到（%1 呼叫）。请留在终端旁。</translation>
    </message>
    <message>
        <source>We could not reach the store; please ask at the counter.</source>
        <translation>无法连接商城；请到服务台咨询。</translation>
    </message>
    <message>
        <source>A member of staff has seen your call (at %1).</source>
        <translation>店员已收到您的呼叫（%1）。</translation>
    </message>
    <message>
        <source>Need a person? Call a member of staff to this kiosk.</source>
        <translation>需要人工帮助？请呼叫店员到本终端。</translation>
    </message>
    <message>
        <source>Call attendant</source>
        <translation>呼叫店员</translation>
    </message>
    <message>
        <source>No question matches “%1”. A member of staff can help you:</source>
        <translation>没有与“%1”相关的问题。店员可以帮助您：</translation>
    </message>
    <message>
        <source>Look up my order</source>
        <translation>查询我的订单</translation>
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
    <message>
        <source>Popular at this hour</source>
        <translation>此时段热销</translation>
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
    <name>Maintenance</name>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%2 人中 %1 人（%3%）</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>访问</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Carted</source>
        <translation>加购</translation>
    </message>
    <message>
        <source>QR shown</source>
        <translation>显示二维码</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>The figures could not be read (%1). Try again; if it keeps failing, export a diagnostic bundle from the settings page.</source>
        <translation>无法读取数据（%1）。请重试；如果一直失败，请在设置页导出诊断包。</translation>
    </message>
    <message>
        <source>Kiosk exports folder</source>
        <translation>终端导出文件夹</translation>
    </message>
    <message>
        <source>No folder to write to: %1</source>
        <translation>没有可写入的文件夹：%1</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>The files could not be written to %1 (%2). Check the USB stick and try again.</source>
        <translation>无法将文件写入 %1（%2）。请检查 U 盘后重试。</translation>
    </message>
    <message>
        <source>%1 files written to %2.</source>
        <translation>已写入 %1 个文件到 %2。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>Needs a look</source>
        <translation>需要检查</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>Paper near end</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation>机盖打开</translation>
    </message>
    <message>
        <source>Cutter error</source>
        <translation>切刀故障</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Printer error (clears by itself)</source>
        <translation>打印机错误（可自动恢复）</translation>
    </message>
    <message>
        <source>Printer fault (needs service)</source>
        <translation>打印机故障（需要维修）</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <source>Receipts print on paper.</source>
        <translation>小票打印在纸上。</translation>
    </message>
    <message>
        <source>Receipts still print; change the paper roll soon.</source>
        <translation>小票仍可打印；请尽快更换纸卷。</translation>
    </message>
    <message>
        <source>Receipts are sent but cannot be checked: the shopper also gets the receipt on their phone.</source>
        <translation>小票已发送但无法确认：顾客同时在手机上获取小票。</translation>
    </message>
    <message>
        <source>Receipts go to the shopper&apos;s phone.</source>
        <translation>小票发送到顾客手机。</translation>
    </message>
    <message>
        <source>Receipts go to the shopper&apos;s phone until the printer is ready.</source>
        <translation>打印机就绪前，小票发送到顾客手机。</translation>
    </message>
    <message>
        <source>No printer is configured: every receipt goes to the shopper&apos;s phone.</source>
        <translation>未配置打印机：所有小票都发送到顾客手机。</translation>
    </message>
    <message>
        <source>Shoppers can scan products.</source>
        <translation>顾客可以扫码。</translation>
    </message>
    <message>
        <source>Scanning does nothing: shoppers find products by touch and search.</source>
        <translation>扫码无效：顾客通过触摸和搜索查找商品。</translation>
    </message>
    <message>
        <source>Scanning is off until the scanner is back: shoppers find products by touch and search.</source>
        <translation>扫码枪恢复前无法扫码：顾客通过触摸和搜索查找商品。</translation>
    </message>
    <message>
        <source>No scanner is configured: shoppers find products by touch and search.</source>
        <translation>未配置扫码枪：顾客通过触摸和搜索查找商品。</translation>
    </message>
    <message>
        <source>Simulator (demo)</source>
        <translation>模拟器（演示）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Keyboard wedge</source>
        <translation>键盘模拟</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>USB vendor:product</source>
        <translation>USB 厂商:产品</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Customer display (screen %1)</source>
        <translation>顾客显示屏（屏幕 %1）</translation>
    </message>
    <message>
        <source>The payment QR shows on the customer display.</source>
        <translation>支付二维码显示在顾客显示屏上。</translation>
    </message>
    <message>
        <source>Customer display (screen %1): not found</source>
        <translation>顾客显示屏（屏幕 %1）：未找到</translation>
    </message>
    <message>
        <source>The payment QR shows on the kiosk screen instead.</source>
        <translation>支付二维码改为显示在终端屏幕上。</translation>
    </message>
    <message>
        <source>On the kiosk screen</source>
        <translation>在终端屏幕上</translation>
    </message>
    <message>
        <source>The payment QR shows in the payment screen.</source>
        <translation>支付二维码显示在支付页面。</translation>
    </message>
    <message>
        <source>Paying is not possible yet: the store is not connected.</source>
        <translation>暂时无法支付：未连接商城。</translation>
    </message>
    <message>
        <source>Printing the test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <source>Test page printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <source>Test page sent, but the printer did not confirm it: look at the paper.</source>
        <translation>测试页已发送，但打印机未确认：请查看纸张。</translation>
    </message>
    <message>
        <source>Not printed: %1.</source>
        <translation>未打印：%1。</translation>
    </message>
    <message>
        <source>Printing stopped part way: %1.</source>
        <translation>打印中途停止：%1。</translation>
    </message>
    <message>
        <source>Not printed: the printer could not take the job (%1).</source>
        <translation>未打印：打印机无法接收任务（%1）。</translation>
    </message>
    <message>
        <source>Not printed: no printer is configured.</source>
        <translation>未打印：未配置打印机。</translation>
    </message>
    <message>
        <source>Reconnected: %1.</source>
        <translation>已重新连接：%1。</translation>
    </message>
    <message>
        <source>Could not reconnect: %1.</source>
        <translation>重新连接失败：%1。</translation>
    </message>
    <message>
        <source>Choose a technician PIN of 6 to 12 digits.</source>
        <translation>请设置 6 至 12 位数字的维护密码。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>密码错误次数过多。请 %1 秒后再试。</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left before the pad locks.</source>
        <translation>密码错误。还可尝试 %1 次，之后将锁定。</translation>
    </message>
    <message>
        <source>Use 6 to 12 digits, not one repeated digit or a run such as 123456.</source>
        <translation>请使用 6 至 12 位数字，不要全部相同或连续（如 123456）。</translation>
    </message>
    <message>
        <source>Type the same PIN again to confirm it.</source>
        <translation>请再次输入相同的密码以确认。</translation>
    </message>
    <message>
        <source>The two PINs differ. Choose a PIN again.</source>
        <translation>两次输入的密码不同。请重新设置。</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>待支付</translation>
    </message>
    <message>
        <source>Paid, at the store</source>
        <translation>已支付，已上传商城</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>支付失败</translation>
    </message>
    <message>
        <source>Payment unknown</source>
        <translation>支付结果未知</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Paid after the shopper left</source>
        <translation>顾客离开后支付</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>待取货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <source>Return requested</source>
        <translation>已申请退货</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Unknown to the store</source>
        <translation>商城无记录</translation>
    </message>
    <message>
        <source>No receipt (not paid)</source>
        <translation>无小票（未支付）</translation>
    </message>
    <message>
        <source>Not printed yet</source>
        <translation>尚未打印</translation>
    </message>
    <message>
        <source>Was printing as the kiosk stopped</source>
        <translation>终端停止时正在打印</translation>
    </message>
    <message>
        <source>Maybe printed (the kiosk stopped)</source>
        <translation>可能已打印（终端曾停止）</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>Sent; the printer did not confirm</source>
        <translation>已发送，打印机未确认</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>Interrupted part way</source>
        <translation>打印中断</translation>
    </message>
    <message>
        <source>Already sent once</source>
        <translation>已发送过一次</translation>
    </message>
    <message>
        <source>Order numbers ending in %1</source>
        <translation>以 %1 结尾的订单号</translation>
    </message>
    <message>
        <source>Today&apos;s orders</source>
        <translation>今日订单</translation>
    </message>
    <message>
        <source>No order number ends in %1.</source>
        <translation>没有以 %1 结尾的订单号。</translation>
    </message>
    <message>
        <source>No orders yet today.</source>
        <translation>今天还没有订单。</translation>
    </message>
    <message>
        <source>settled by staff</source>
        <translation>已由店员处理</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>到店自提</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>取货方式</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Cannot be read on this kiosk</source>
        <translation>本终端无法读取</translation>
    </message>
    <message>
        <source>Erased after its retention</source>
        <translation>已在保留期后删除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>配送费</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>The orders could not be read: %1</source>
        <translation>无法读取订单：%1</translation>
    </message>
    <message>
        <source>The order could not be read: %1</source>
        <translation>无法读取订单：%1</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>The copy could not be printed: %1</source>
        <translation>副本无法打印：%1</translation>
    </message>
    <message>
        <source>A copy was printed.</source>
        <translation>副本已打印。</translation>
    </message>
    <message>
        <source>No printer is connected: nothing was printed.</source>
        <translation>未连接打印机：未打印任何内容。</translation>
    </message>
    <message>
        <source>A copy of this order is already printing.</source>
        <translation>此订单的副本正在打印。</translation>
    </message>
    <message>
        <source>Only a paid order has a receipt.</source>
        <translation>只有已支付的订单才有小票。</translation>
    </message>
    <message>
        <source>The printer refused the copy (paper? cover?): nothing printed.</source>
        <translation>打印机拒绝打印副本（纸？机盖？）：未打印。</translation>
    </message>
    <message>
        <source>The copy was sent; the printer did not confirm it.</source>
        <translation>副本已发送，打印机未确认。</translation>
    </message>
    <message>
        <source>The copy was interrupted: check the paper before trying again.</source>
        <translation>副本打印中断：请先检查纸张再重试。</translation>
    </message>
    <message>
        <source>The store could not be asked: %1</source>
        <translation>无法询问商城：%1</translation>
    </message>
    <message>
        <source>the store could not be asked; try again when it is reachable</source>
        <translation>无法询问商城；请在可连接时重试</translation>
    </message>
    <message>
        <source>the store still has the payment open, so its outcome is unknown</source>
        <translation>商城的支付仍未完成，结果未知</translation>
    </message>
    <message>
        <source>a shopper&apos;s checkout is working on this order</source>
        <translation>顾客正在为此订单结账</translation>
    </message>
    <message>
        <source>the kiosk is settling other payments; try again</source>
        <translation>终端正在核对其他支付；请重试</translation>
    </message>
    <message>
        <source>no store is configured</source>
        <translation>未配置商城</translation>
    </message>
    <message>
        <source>this is not possible for the order as it is now</source>
        <translation>订单当前状态不允许此操作</translation>
    </message>
    <message>
        <source>Nothing was changed: %1. The order is: %2.</source>
        <translation>未作更改：%1。订单状态：%2。</translation>
    </message>
    <message>
        <source>Not cancelled: the store has this order as paid. It is now: %1.</source>
        <translation>未取消：商城显示此订单已支付。当前状态：%1。</translation>
    </message>
    <message>
        <source>The store answered. The order is now: %1.</source>
        <translation>商城已应答。订单当前状态：%1。</translation>
    </message>
    <message>
        <source>Could not record it: %1</source>
        <translation>无法记录：%1</translation>
    </message>
    <message>
        <source>Recorded as handed over.</source>
        <translation>已记录为已交货。</translation>
    </message>
    <message>
        <source>Recorded as refunded at the store.</source>
        <translation>已记录为在门店退款。</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Idle times</source>
        <translation>无操作时间</translation>
    </message>
    <message>
        <source>Payment &amp; receipt</source>
        <translation>支付与小票</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务状态</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Store name (Chinese)</source>
        <translation>门店名称（中文）</translation>
    </message>
    <message>
        <source>Store name (English; empty: the same)</source>
        <translation>门店名称（英文；留空则相同）</translation>
    </message>
    <message>
        <source>Language of a new shopper</source>
        <translation>新顾客的默认语言</translation>
    </message>
    <message>
        <source>Languages offered (comma-separated)</source>
        <translation>提供的语言（逗号分隔）</translation>
    </message>
    <message>
        <source>Idle on the home screen (s)</source>
        <translation>首页无操作（秒）</translation>
    </message>
    <message>
        <source>Idle on a category (s)</source>
        <translation>分类页无操作（秒）</translation>
    </message>
    <message>
        <source>Idle on a product (s)</source>
        <translation>商品页无操作（秒）</translation>
    </message>
    <message>
        <source>Idle on search (s)</source>
        <translation>搜索页无操作（秒）</translation>
    </message>
    <message>
        <source>Idle on other screens (s)</source>
        <translation>其他页面无操作（秒）</translation>
    </message>
    <message>
        <source>&quot;Still there?&quot; countdown (s)</source>
        <translation>“还在吗？”倒计时（秒）</translation>
    </message>
    <message>
        <source>Time to pay a QR code (s)</source>
        <translation>扫码支付时限（秒）</translation>
    </message>
    <message>
        <source>Receipt shown first</source>
        <translation>默认小票方式</translation>
    </message>
    <message>
        <source>Offer the e-receipt QR</source>
        <translation>提供电子小票二维码</translation>
    </message>
    <message>
        <source>Receipt paper width (mm)</source>
        <translation>小票纸宽（毫米）</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>每周营业时间</translation>
    </message>
    <message>
        <source>Holidays and special hours</source>
        <translation>节假日与特殊营业时间</translation>
    </message>
    <message>
        <source>Printer connection</source>
        <translation>打印机连接</translation>
    </message>
    <message>
        <source>Network printer address</source>
        <translation>网络打印机地址</translation>
    </message>
    <message>
        <source>Network printer port</source>
        <translation>网络打印机端口</translation>
    </message>
    <message>
        <source>USB vendor id</source>
        <translation>USB 厂商 ID</translation>
    </message>
    <message>
        <source>USB product id</source>
        <translation>USB 产品 ID</translation>
    </message>
    <message>
        <source>Device file</source>
        <translation>设备文件</translation>
    </message>
    <message>
        <source>Scanner connection</source>
        <translation>扫码枪连接</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>e.g. mon-fri 09:00-21:00; sat,sun 10:00-18:00 (empty: always open)</source>
        <translation>例如 mon-fri 09:00-21:00; sat,sun 10:00-18:00（留空：全天营业）</translation>
    </message>
    <message>
        <source>e.g. 2026-10-01..2026-10-07 closed; 2026-12-24 10:00-16:00</source>
        <translation>例如 2026-10-01..2026-10-07 closed; 2026-12-24 10:00-16:00</translation>
    </message>
    <message>
        <source>Off: paper is required; the kiosk goes out of service when the printer cannot print.</source>
        <translation>关闭时必须打印纸质小票；打印机无法打印时终端暂停服务。</translation>
    </message>
    <message>
        <source>Set by %1 in the environment: change it there.</source>
        <translation>由环境变量 %1 设置：请在那里修改。</translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation>下次启动时生效。</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>没有需要保存的内容。</translation>
    </message>
    <message>
        <source>Not saved: %1 must be %2.</source>
        <translation>未保存：%1 必须是 %2。</translation>
    </message>
    <message>
        <source>Not saved: the settings file could not be written (%1).</source>
        <translation>未保存：无法写入设置文件（%1）。</translation>
    </message>
    <message>
        <source>Saved and applied now: %1.</source>
        <translation>已保存并立即生效：%1。</translation>
    </message>
    <message>
        <source>Saved; applies at the next start: %1.</source>
        <translation>已保存，下次启动时生效：%1。</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
    <message>
        <source>Out of service: shoppers see the out-of-service screen until you switch it back.</source>
        <translation>已暂停服务：在您恢复之前，顾客看到暂停服务页面。</translation>
    </message>
    <message>
        <source>Back in service.</source>
        <translation>已恢复服务。</translation>
    </message>
    <message>
        <source>Writing the diagnostic bundle…</source>
        <translation>正在写入诊断包…</translation>
    </message>
    <message>
        <source>Written to %1: %2</source>
        <translation>已写入 %1：%2</translation>
    </message>
    <message>
        <source>Not written to %1 (%2). Try another folder.</source>
        <translation>未写入 %1（%2）。请换一个文件夹。</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>The store&apos;s certificate is not trusted (since %1): orders are kept on the kiosk. A store with its own CA needs store.ca_file.</source>
        <translation>商城的证书不受信任（自 %1 起）：订单保留在本终端。使用自有 CA 的商城需要配置 store.ca_file。</translation>
    </message>
    <message>
        <source>The store&apos;s certificate has expired (since %1): orders are kept on the kiosk.</source>
        <translation>商城的证书已过期（自 %1 起）：订单保留在本终端。</translation>
    </message>
    <message>
        <source>The store&apos;s certificate is for another address (since %1): orders are kept on the kiosk.</source>
        <translation>商城的证书属于其他地址（自 %1 起）：订单保留在本终端。</translation>
    </message>
    <message>
        <source>No secure connection to the store (since %1): orders are kept on the kiosk.</source>
        <translation>无法与商城建立安全连接（自 %1 起）：订单保留在本终端。</translation>
    </message>
    <message>
        <source>The store already has this order with different contents.</source>
        <translation>商城已有此订单，但内容不同。</translation>
    </message>
    <message>
        <source>The store already has another order under this sequence number.</source>
        <translation>商城已有另一个使用此序号的订单。</translation>
    </message>
    <message>
        <source>The store already has this order from another kiosk or number.</source>
        <translation>商城已有来自其他终端或序号的此订单。</translation>
    </message>
    <message>
        <source>The order&apos;s data does not match its checksum: it was damaged.</source>
        <translation>订单数据与校验值不符：数据已损坏。</translation>
    </message>
    <message>
        <source>The contact details cannot be decrypted with this kiosk&apos;s key.</source>
        <translation>无法用本终端的密钥解密联系信息。</translation>
    </message>
    <message>
        <source>The stored order cannot be read.</source>
        <translation>无法读取已保存的订单。</translation>
    </message>
    <message>
        <source>The store refused the order as invalid.</source>
        <translation>商城认为订单无效并拒绝。</translation>
    </message>
    <message>
        <source>The store refused the order.</source>
        <translation>商城拒绝了此订单。</translation>
    </message>
    <message>
        <source>Reading the sync status…</source>
        <translation>正在读取同步状态…</translation>
    </message>
    <message>
        <source>No store is set up for this kiosk: orders stay on the kiosk.</source>
        <translation>本终端未设置商城：订单保存在终端上。</translation>
    </message>
    <message>
        <source>The store refuses this kiosk (revoked): orders are kept on the kiosk.</source>
        <translation>商城拒绝本终端（已吊销）：订单保存在终端上。</translation>
    </message>
    <message>
        <source>Store reachable since %1</source>
        <translation>商城自 %1 起可连接</translation>
    </message>
    <message>
        <source>Store unreachable since %1</source>
        <translation>商城自 %1 起无法连接</translation>
    </message>
    <message>
        <source>No answer from the store yet</source>
        <translation>商城尚未应答</translation>
    </message>
    <message>
        <source>In step with the store</source>
        <translation>与商城时间一致</translation>
    </message>
    <message>
        <source>Store is %1 ahead</source>
        <translation>商城快 %1</translation>
    </message>
    <message>
        <source>Store is %1 behind</source>
        <translation>商城慢 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>last try failed at %1</source>
        <translation>上次尝试于 %1 失败</translation>
    </message>
    <message>
        <source>version %1 (store cursor %2)</source>
        <translation>版本 %1（商城游标 %2）</translation>
    </message>
    <message>
        <source>version %1 (bundled, never pulled)</source>
        <translation>版本 %1（内置，从未更新）</translation>
    </message>
    <message>
        <source>not since the kiosk started</source>
        <translation>终端启动以来没有</translation>
    </message>
    <message>
        <source>failed at %1: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>The sync status could not be read: %1</source>
        <translation>无法读取同步状态：%1</translation>
    </message>
    <message>
        <source>No store is set up for this kiosk, so there is nothing to sync.</source>
        <translation>本终端未设置商城，无需同步。</translation>
    </message>
    <message>
        <source>Sending the waiting orders to the store…</source>
        <translation>正在将等待的订单发送到商城…</translation>
    </message>
    <message>
        <source>Asking the store for catalog changes…</source>
        <translation>正在向商城获取商品目录更新…</translation>
    </message>
    <message>
        <source>Done: %1 sent, %2 quarantined, %3 still waiting.</source>
        <translation>完成：已发送 %1，隔离 %2，仍在等待 %3。</translation>
    </message>
    <message>
        <source>The store refuses this kiosk (revoked). Kept on the kiosk: %1. Ask the store&apos;s operator to register it again.</source>
        <translation>商城拒绝本终端（已吊销）。保存在终端上：%1。请联系商城管理员重新注册。</translation>
    </message>
    <message>
        <source>Sending failed: %1. Still waiting: %2; the kiosk keeps trying by itself.</source>
        <translation>发送失败：%1。仍在等待：%2；终端会自动重试。</translation>
    </message>
    <message>
        <source>The catalog is up to date.</source>
        <translation>商品目录已是最新。</translation>
    </message>
    <message>
        <source>Catalog updated: %1 changed, %2 removed.</source>
        <translation>商品目录已更新：%1 项变更，%2 项删除。</translation>
    </message>
    <message>
        <source>The catalog could not be pulled: %1</source>
        <translation>无法更新商品目录：%1</translation>
    </message>
    <message>
        <source>The sync worker did not answer. Try again; if it keeps failing, restart the kiosk.</source>
        <translation>同步程序没有响应。请重试；如果一直失败，请重启终端。</translation>
    </message>
    <message>
        <source>Order %1 is queued again.</source>
        <translation>订单 %1 已重新排队。</translation>
    </message>
    <message>
        <source>That order is not quarantined any more.</source>
        <translation>该订单已不在隔离中。</translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation>已将 %1 保存到 %2。</translation>
    </message>
    <message>
        <source>Could not write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <source>Technician</source>
        <translation>维护</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>MyOrder</name>
    <message>
        <source>Looking up your order…</source>
        <translation>正在查询您的订单…</translation>
    </message>
    <message>
        <source>Asking the store…</source>
        <translation>正在询问商城…</translation>
    </message>
    <message>
        <source>Sending your request…</source>
        <translation>正在提交您的申请…</translation>
    </message>
    <message>
        <source>Saving your details…</source>
        <translation>正在保存您的信息…</translation>
    </message>
    <message>
        <source>Please type the whole order number from your receipt</source>
        <translation>请输入小票上完整的订单号</translation>
    </message>
    <message>
        <source>Please type 4 digits</source>
        <translation>请输入 4 位数字</translation>
    </message>
    <message>
        <source>The order of this receipt was not found. Please type its order number and code instead.</source>
        <translation>未找到这张小票的订单，请改为输入订单号和查询码。</translation>
    </message>
    <message>
        <source>No order matches this number and code. Please check both and try again.</source>
        <translation>没有与该订单号和号码匹配的订单，请核对后重试。</translation>
    </message>
    <message>
        <source>This is not an order number and code we can look up. Please check your receipt.</source>
        <translation>无法用此订单号和号码查询，请核对您的小票。</translation>
    </message>
    <message>
        <source>We cannot reach the store right now, so your order cannot be looked up. Please try again in a few minutes, or ask a member of staff.</source>
        <translation>暂时无法连接商城，无法查询订单。请几分钟后再试，或咨询工作人员。</translation>
    </message>
    <message numerus="yes">
        <source>Too many tries. Please try again in %n minute(s).</source>
        <translation>
            <numerusform>尝试次数过多，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>As of %1 (%n min ago): the store cannot be reached right now.</source>
        <translation>
            <numerusform>截至 %1（%n 分钟前）：暂时无法连接商城。</numerusform>
        </translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Shipped, tracking number %1</source>
        <translation>已发货，运单号 %1</translation>
    </message>
    <message>
        <source>The store&apos;s note: %1</source>
        <translation>商家备注：%1</translation>
    </message>
    <message>
        <source>The return window ended on %1, so a return can no longer be requested.</source>
        <translation>退货期限已于 %1 结束，无法再申请退货。</translation>
    </message>
    <message>
        <source>A return request is already waiting for the store.</source>
        <translation>已有一个退货申请在等待商家处理。</translation>
    </message>
    <message>
        <source>You can request a return or exchange until %1.</source>
        <translation>您可以在 %1 之前申请退货或换货。</translation>
    </message>
    <message>
        <source>Too many tries. Please try again later.</source>
        <translation>尝试次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>The store no longer finds this order. Please ask a member of staff.</source>
        <translation>商城已查不到此订单，请咨询工作人员。</translation>
    </message>
    <message>
        <source>We cannot reach the store right now. What you see may not be the latest.</source>
        <translation>暂时无法连接商城，显示的可能不是最新状态。</translation>
    </message>
    <message>
        <source>Nothing is changed yet: type a new detail, or choose the other way to get your order.</source>
        <translation>还没有任何修改：请输入新的信息，或选择另一种取货方式。</translation>
    </message>
    <message>
        <source>Delivery fee: %1. To pay: %2</source>
        <translation>运费：%1。需支付：%2</translation>
    </message>
    <message>
        <source>Delivery fee: %1 (no change)</source>
        <translation>运费：%1（不变）</translation>
    </message>
    <message>
        <source>Free for this order</source>
        <translation>本单免运费</translation>
    </message>
    <message>
        <source>Please check the details marked in red. Nothing was charged.</source>
        <translation>请检查标红的信息。未扣任何款项。</translation>
    </message>
    <message>
        <source>This order can no longer be changed here. Here is where it stands now.</source>
        <translation>此订单已无法在这里修改，以下是它的最新状态。</translation>
    </message>
    <message>
        <source>Your details could not be saved, and nothing was charged. Please try again.</source>
        <translation>信息未能保存，未扣任何款项，请重试。</translation>
    </message>
    <message>
        <source>The payment was not completed and nothing was charged. Your order is still waiting to be paid.</source>
        <translation>支付未完成，未扣任何款项。您的订单仍在等待支付。</translation>
    </message>
    <message>
        <source>Request sent. The store will confirm; look up your order again to see the answer.</source>
        <translation>申请已提交。商家确认后，再次查询订单即可看到结果。</translation>
    </message>
    <message>
        <source>The store did not accept these details. Please check them.</source>
        <translation>商城未接受这些信息，请检查。</translation>
    </message>
    <message>
        <source>The store cannot accept this request any more: the order has moved on. Here is where it stands now.</source>
        <translation>订单状态已变化，商城无法再接受此申请。以下是它的最新状态。</translation>
    </message>
    <message>
        <source>We cannot reach the store right now, and nothing was sent. Please try again in a moment.</source>
        <translation>暂时无法连接商城，申请未发送。请稍后再试。</translation>
    </message>
    <message>
        <source>Please choose a reason.</source>
        <translation>请选择原因。</translation>
    </message>
    <message>
        <source>Please choose at least one item with +.</source>
        <translation>请用 + 至少选择一件商品。</translation>
    </message>
    <message>
        <source>Please shorten the note to %1 characters and remove special symbols.</source>
        <translation>请将备注缩短到 %1 个字以内，并去掉特殊符号。</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>等待支付</translation>
    </message>
    <message>
        <source>Payment being checked</source>
        <translation>正在核实支付</translation>
    </message>
    <message>
        <source>Not paid: the payment failed</source>
        <translation>未支付：支付失败</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <source>Paid, not yet received by the store</source>
        <translation>已支付，商城尚未收到</translation>
    </message>
    <message>
        <source>Paid, sent to the store</source>
        <translation>已支付，已上传商城</translation>
    </message>
    <message>
        <source>Order placed</source>
        <translation>已下单</translation>
    </message>
    <message>
        <source>Accepted by the store</source>
        <translation>商家已接单</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>待取货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已取货</translation>
    </message>
    <message>
        <source>Return requested</source>
        <translation>退货申请中</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Status not known here; please ask a member of staff</source>
        <translation>此处无法识别该状态，请咨询工作人员</translation>
    </message>
    <message>
        <source>the store</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Your order has shipped, so it can no longer be changed. You can refuse the parcel, or contact %1 at %2.</source>
        <translation>您的订单已发货，无法再修改。您可以拒收包裹，或致电 %2 联系%1。</translation>
    </message>
    <message>
        <source>Your order has shipped, so it can no longer be changed. You can refuse the parcel, or contact %1.</source>
        <translation>您的订单已发货，无法再修改。您可以拒收包裹，或联系%1。</translation>
    </message>
    <message>
        <source>Your order has been handed over, so it can no longer be changed; you can request a return.</source>
        <translation>您的订单已交付，无法再修改；您可以申请退货。</translation>
    </message>
    <message>
        <source>Your order has been handed over, so it can no longer be changed.</source>
        <translation>您的订单已交付，无法再修改。</translation>
    </message>
    <message>
        <source>Your order is being returned, so it can no longer be changed.</source>
        <translation>您的订单正在退货，无法再修改。</translation>
    </message>
    <message>
        <source>Your change request is waiting for the store.</source>
        <translation>您的修改申请正在等待商家处理。</translation>
    </message>
    <message>
        <source>A payment for this order is still being checked. Please wait a moment, then tap Refresh.</source>
        <translation>此订单的一笔支付仍在核实中，请稍候再点“刷新”。</translation>
    </message>
    <message>
        <source>This order was not paid, and its prices held only on the day it was placed. Please shop again.</source>
        <translation>此订单未支付，其价格仅在下单当天有效。请重新选购。</translation>
    </message>
    <message>
        <source>This order cannot be changed here. Please contact %1 at %2.</source>
        <translation>此订单无法在这里修改，请致电 %2 联系%1。</translation>
    </message>
    <message>
        <source>This order cannot be changed here. Please ask a member of staff.</source>
        <translation>此订单无法在这里修改，请咨询工作人员。</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Waiting for the store</source>
        <translation>等待商家处理</translation>
    </message>
    <message>
        <source>Quality problem</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>发错商品</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>商品破损</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>送货上门</translation>
    </message>
    <message>
        <source>Pick up in store</source>
        <translation>到店自提</translation>
    </message>
    <message>
        <source>+%1 delivery fee to pay on delivery</source>
        <translation>需在收货时补付运费 %1</translation>
    </message>
    <message>
        <source>%1 to be refunded</source>
        <translation>将退还 %1</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 件商品</numerusform>
        </translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of changed fields</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>new %1</source>
        <translation>新%1</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the parts of one change</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Change: %1</source>
        <translation>修改：%1</translation>
    </message>
</context>
<context>
    <name>OrderChangeScreen</name>
    <message>
        <source>Change details and pay</source>
        <translation>修改信息并支付</translation>
    </message>
    <message>
        <source>Request a change</source>
        <translation>申请修改</translation>
    </message>
    <message>
        <source>Order %1 is not paid yet: change what you need, then pay.</source>
        <translation>订单 %1 尚未支付：修改所需信息后即可支付。</translation>
    </message>
    <message>
        <source>Order %1: type only what should change. The store confirms or declines your request.</source>
        <translation>订单 %1：只需填写要修改的内容。商家会同意或拒绝您的申请。</translation>
    </message>
    <message>
        <source>Pick up in store</source>
        <translation>到店自提</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>送货上门</translation>
    </message>
    <message>
        <source>Receiver&apos;s name</source>
        <translation>收货人姓名</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>当前：%1</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>例如 张伟</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>11 digits, e.g. 13800138000</source>
        <translation>11 位数字，例如 13800138000</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>District, street, building, room</source>
        <translation>区、街道、楼栋、门牌号</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
</context>
<context>
    <name>OrderLookupScreen</name>
    <message>
        <source>My order</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <source>Scan the QR code on your receipt</source>
        <translation>扫描小票上的二维码</translation>
    </message>
    <message>
        <source>Hold it 10 to 20 cm in front of the scanner window.</source>
        <translation>将小票放在扫码窗口前 10 到 20 厘米处。</translation>
    </message>
    <message>
        <source>Or type your order number and code:</source>
        <translation>或输入订单号和号码：</translation>
    </message>
    <message>
        <source>Order number (the digits are enough)</source>
        <translation>订单号（输入数字即可）</translation>
    </message>
    <message>
        <source>e.g. 01 1207 0042</source>
        <translation>例如 01 1207 0042</translation>
    </message>
    <message>
        <source>Last 4 digits of your phone, or the lookup code on your receipt</source>
        <translation>手机号后 4 位，或小票上的查询码</translation>
    </message>
    <message>
        <source>4 digits</source>
        <translation>4 位数字</translation>
    </message>
    <message>
        <source>Find my order</source>
        <translation>查找我的订单</translation>
    </message>
</context>
<context>
    <name>OrderReturnScreen</name>
    <message>
        <source>Return or exchange</source>
        <translation>退货或换货</translation>
    </message>
    <message>
        <source>What would you like?</source>
        <translation>您想要：</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Money back</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>The same item again</source>
        <translation>换一件同样的商品</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Quality problem</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>发错商品</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>商品破损</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>Which items?</source>
        <translation>哪些商品？</translation>
    </message>
    <message>
        <source>Anything the store should know? (optional)</source>
        <translation>需要告诉商家的情况（选填）</translation>
    </message>
    <message>
        <source>e.g. the lid was broken</source>
        <translation>例如 盖子破了</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>提交申请</translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <source>My order</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Your requests</source>
        <translation>您的申请</translation>
    </message>
    <message>
        <source>Change details and pay</source>
        <translation>修改信息并支付</translation>
    </message>
    <message>
        <source>Request a change</source>
        <translation>申请修改</translation>
    </message>
    <message>
        <source>Return or exchange</source>
        <translation>退货或换货</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>PaymentProblemScreen</name>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>您的订单号</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Help with payment</source>
        <translation>支付帮助</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>返回购物车</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Need help?</source>
        <translation>需要帮助？</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>支付流水号</translation>
    </message>
    <message>
        <source>Call attendant</source>
        <translation>呼叫店员</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pay with WeChat Pay instead</source>
        <translation>改用微信支付</translation>
    </message>
    <message>
        <source>Pay with Alipay instead</source>
        <translation>改用支付宝</translation>
    </message>
    <message>
        <source>Nothing was charged for this payment. If you need help, show this to a member of staff: with these two numbers they can find your order and your payment.</source>
        <translation>这笔支付未扣款。如需帮助，请向工作人员出示此页面：凭这两个号码即可查到您的订单和支付记录。</translation>
    </message>
    <message>
        <source>Show this to a member of staff: with these two numbers they can find your order and check your payment.</source>
        <translation>请向工作人员出示此页面：凭这两个号码即可查到您的订单并核对支付情况。</translation>
    </message>
    <message>
        <source>The payment was declined</source>
        <translation>支付被拒绝</translation>
    </message>
    <message>
        <source>Paying is not available right now</source>
        <translation>暂时无法支付</translation>
    </message>
    <message>
        <source>We could not confirm your payment</source>
        <translation>无法确认您的支付结果</translation>
    </message>
    <message>
        <source>Nothing was charged. You can try again, pay another way, or go back to your cart.</source>
        <translation>未扣款。您可以重试、换一种方式支付，或返回购物车。</translation>
    </message>
    <message>
        <source>Nothing was charged and your cart is kept. Please try again in a moment, or ask a member of staff.</source>
        <translation>未扣款，购物车已为您保留。请稍后重试，或联系店员。</translation>
    </message>
    <message>
        <source>If you paid, your order is safe: a member of staff will confirm the payment. Please note your order number and show it at the service desk.</source>
        <translation>如果您已付款，订单不会丢失：店员会为您确认支付结果。请记下订单号，并到服务台出示。</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Pay by QR code</source>
        <translation>扫码支付</translation>
    </message>
    <message>
        <source>Scan the code on the screen facing you</source>
        <translation>请扫描面向您的屏幕上的二维码</translation>
    </message>
    <message>
        <source>Order number: %1</source>
        <translation>订单号：%1</translation>
    </message>
    <message>
        <source>Amount: %1 (%2)</source>
        <translation>金额：%1（%2）</translation>
    </message>
    <message>
        <source>Time is up: checking the payment one last time…</source>
        <translation>时间已到，正在最后确认支付结果…</translation>
    </message>
    <message>
        <source>Time left to pay: %1</source>
        <translation>剩余支付时间：%1</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>This payment was not completed and nothing was charged. Your cart is still here.</source>
        <translation>这笔支付没有完成，未扣款。购物车已为您保留。</translation>
    </message>
    <message>
        <source>The time to pay ran out and nothing was charged. Your cart is still here.</source>
        <translation>支付已超时，未扣款。购物车已为您保留。</translation>
    </message>
    <message>
        <source>Payment cancelled and nothing was charged. Your cart is still here.</source>
        <translation>支付已取消，未扣款。购物车已为您保留。</translation>
    </message>
    <message>
        <source>Open Alipay on your phone and scan the code</source>
        <translation>请打开手机支付宝扫码支付</translation>
    </message>
    <message>
        <source>Open WeChat on your phone and scan the code</source>
        <translation>请打开手机微信扫一扫支付</translation>
    </message>
    <message>
        <source>Preparing your payment…</source>
        <translation>正在准备支付…</translation>
    </message>
    <message>
        <source>Cancelling the payment…</source>
        <translation>正在取消支付…</translation>
    </message>
    <message>
        <source>Checking your payment with the payment service… If you have paid, please stay: it will count.</source>
        <translation>正在向支付服务确认您的支付结果…如果您已付款，请稍候，付款不会丢失。</translation>
    </message>
    <message>
        <source>We cannot reach the payment service right now. If you have paid, keep this screen: we keep checking and your payment will count.</source>
        <translation>暂时无法连接支付服务。如果您已付款，请停留在此页面：我们会继续查询，您的付款一定有效。</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Confirm the new PIN</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>New technician PIN</source>
        <translation>新维护密码</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>维护密码</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
        <source>Buy now</source>
        <translation>立即购买</translation>
    </message>
    <message>
        <source>In your cart: %1</source>
        <translation>购物车中已有：%1</translation>
    </message>
    <message>
        <source>Often bought together</source>
        <translation>经常一起购买</translation>
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
    <name>ReceiptNotice</name>
    <message>
        <source>The printer is out of paper: you will get your receipt on your phone.</source>
        <translation>打印机缺纸：支付后请用手机扫码获取电子小票。</translation>
    </message>
    <message>
        <source>The receipt printer is not working right now: you will get your receipt on your phone.</source>
        <translation>小票打印机暂时无法使用：支付后请用手机扫码获取电子小票。</translation>
    </message>
</context>
<context>
    <name>Scan</name>
    <message>
        <source>Could not read the code, please scan again</source>
        <translation>无法识别该条码，请重新扫描</translation>
    </message>
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
<context>
    <name>TechAnalyticsPage</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reading the figures…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Repeat shoppers</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Sales by hour of day</source>
        <translation>各时段销售额</translation>
    </message>
    <message>
        <source>Sales by day</source>
        <translation>每日销售额</translation>
    </message>
    <message>
        <source>Sales by category</source>
        <translation>各分类销售额</translation>
    </message>
    <message>
        <source>Shopping funnel (sessions at each step)</source>
        <translation>购物漏斗（各步骤的访问数）</translation>
    </message>
    <message>
        <source>Top products</source>
        <translation>热销商品</translation>
    </message>
    <message>
        <source>No sales in this period.</source>
        <translation>此期间没有销售。</translation>
    </message>
    <message>
        <source>Export these figures as CSV files to:</source>
        <translation>将这些数据导出为 CSV 文件到：</translation>
    </message>
    <message>
        <source>Look for USB sticks</source>
        <translation>查找 U 盘</translation>
    </message>
</context>
<context>
    <name>TechDevicesPage</name>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Change in Settings</source>
        <translation>在设置中修改</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Payment QR display</source>
        <translation>支付二维码显示</translation>
    </message>
    <message>
        <source>Live scans</source>
        <translation>实时扫码</translation>
    </message>
    <message>
        <source>Scan a code to test the scanner: scans here do not reach the shopper screens. The last 20 are kept until the area locks. Control bytes show by name, such as &lt;CR&gt; or &lt;GS&gt;.</source>
        <translation>扫描任意条码以测试扫码枪：此处的扫码不会影响顾客页面。保留最近 20 条，锁定后清除。控制字符以名称显示，如 &lt;CR&gt; 或 &lt;GS&gt;。</translation>
    </message>
    <message>
        <source>No scans yet.</source>
        <translation>还没有扫码。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>TechKeypad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>TechOrderDetail</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>支付记录</translation>
    </message>
    <message>
        <source>No payment was created.</source>
        <translation>未创建支付。</translation>
    </message>
    <message>
        <source>Contact (masked)</source>
        <translation>联系信息（已打码）</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <source>Asking the store…</source>
        <translation>正在询问商城…</translation>
    </message>
    <message>
        <source>Mark as settled…</source>
        <translation>标记为已处理…</translation>
    </message>
    <message>
        <source>Settle with the store</source>
        <translation>与商城核对</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Cancel order %1? The store is asked to close its payment first. If the store has it as paid, the order stays paid.</source>
        <translation>取消订单 %1？会先请商城关闭其支付。如果商城显示已支付，订单保持已支付。</translation>
    </message>
    <message>
        <source>Order %1 was paid after the shopper had left. How did staff settle it?</source>
        <translation>订单 %1 在顾客离开后才支付。店员是如何处理的？</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>The goods were handed over</source>
        <translation>已交付商品</translation>
    </message>
    <message>
        <source>It was refunded at the store</source>
        <translation>已在门店退款</translation>
    </message>
</context>
<context>
    <name>TechOrdersPage</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Order number, e.g. 0042</source>
        <translation>订单号，例如 0042</translation>
    </message>
</context>
<context>
    <name>TechSettingsField</name>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>TechSettingsPage</name>
    <message>
        <source>Change the technician PIN</source>
        <translation>修改维护密码</translation>
    </message>
    <message>
        <source>Diagnostic bundle (logs, settings without secrets, device and sync status, versions): choose where to write it.</source>
        <translation>诊断包（日志、不含密钥的设置、设备与同步状态、版本）：请选择保存位置。</translation>
    </message>
    <message>
        <source>USB: </source>
        <translation>U 盘：</translation>
    </message>
    <message>
        <source>Kiosk: </source>
        <translation>终端：</translation>
    </message>
    <message>
        <source>Look for USB sticks</source>
        <translation>查找 U 盘</translation>
    </message>
    <message>
        <source>Exit to the desktop</source>
        <translation>退出到桌面</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not saved yet.</source>
        <translation>
            <numerusform>%n 项更改尚未保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close the kiosk app and show the desktop? Shoppers cannot use the kiosk until it is started again.</source>
        <translation>关闭终端程序并显示桌面？重新启动前顾客无法使用终端。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TechSettingsService</name>
    <message>
        <source>Shoppers see: closed (outside opening hours).</source>
        <translation>顾客看到：已打烊（营业时间外）。</translation>
    </message>
    <message>
        <source>Shoppers see: out of service.</source>
        <translation>顾客看到：暂停服务。</translation>
    </message>
    <message>
        <source>Shoppers see: open.</source>
        <translation>顾客看到：营业中。</translation>
    </message>
    <message>
        <source>Reason shown to shoppers (optional)</source>
        <translation>向顾客显示的原因（可选）</translation>
    </message>
    <message>
        <source>e.g. 补货中 / Restocking</source>
        <translation>例如 补货中 / Restocking</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>The kiosk also goes out of service by itself when the printer cannot print and the e-receipt is off, and comes back when it prints again.</source>
        <translation>当打印机无法打印且电子小票关闭时，终端也会自动暂停服务，恢复打印后自动恢复。</translation>
    </message>
</context>
<context>
    <name>TechSyncPage</name>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Orders waiting</source>
        <translation>等待发送的订单</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>最早等待</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>上次发送</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Last catalog pull</source>
        <translation>上次目录更新</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Pulling…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Pull catalog now</source>
        <translation>立即更新目录</translation>
    </message>
    <message>
        <source>Quarantined orders</source>
        <translation>隔离的订单</translation>
    </message>
    <message>
        <source>None: every order the kiosk took is queued or at the store.</source>
        <translation>无：终端的所有订单都在队列中或已到达商城。</translation>
    </message>
    <message>
        <source>seq %1</source>
        <translation>序号 %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>未处理警报</translation>
    </message>
    <message>
        <source>No alerts since the kiosk started.</source>
        <translation>终端启动以来没有警报。</translation>
    </message>
    <message>
        <source>not at the store yet</source>
        <translation>尚未送达商城</translation>
    </message>
    <message>
        <source>Technician log (last 50)</source>
        <translation>维护日志（最近 50 条）</translation>
    </message>
    <message>
        <source>Export order %1 to:</source>
        <translation>将订单 %1 导出到：</translation>
    </message>
    <message>
        <source>USB: %1</source>
        <translation>U 盘：%1</translation>
    </message>
    <message>
        <source>The kiosk&apos;s exports folder</source>
        <translation>终端导出文件夹</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
