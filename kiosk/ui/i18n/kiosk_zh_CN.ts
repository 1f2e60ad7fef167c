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
</TS>
