<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>AccessibilityPanel</name>
    <message>
        <source>Accessibility</source>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Controls within reach (lower screen)</source>
        <translation>Controls within reach (lower screen)</translation>
    </message>
    <message>
        <source>On</source>
        <translation>On</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>CartChangesPanel</name>
    <message>
        <source>Your cart has changed</source>
        <translation>Your cart has changed</translation>
    </message>
    <message>
        <source>The shop changed these since you chose them. Please check before you pay:</source>
        <translation>The shop changed these since you chose them. Please check before you pay:</translation>
    </message>
    <message>
        <source>That is every change.</source>
        <translation>That is every change.</translation>
    </message>
    <message>
        <source>Scroll the list to see every change (%1 in all).</source>
        <translation>Scroll the list to see every change (%1 in all).</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Goods</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <source>New amount to pay</source>
        <translation>New amount to pay</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>Back to cart</translation>
    </message>
    <message>
        <source>Confirm and pay</source>
        <translation>Confirm and pay</translation>
    </message>
</context>
<context>
    <name>CartScreen</name>
    <message>
        <source>Your cart</source>
        <translation>Your cart</translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>Your cart is empty</translation>
    </message>
    <message>
        <source>Browse the categories, search, or scan a barcode to add products.</source>
        <translation>Browse the categories, search, or scan a barcode to add products.</translation>
    </message>
    <message>
        <source>Start shopping</source>
        <translation>Start shopping</translation>
    </message>
    <message>
        <source>%1 each</source>
        <translation>%1 each</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message numerus="yes">
        <source>Total (%n item(s))</source>
        <translation>
            <numerusform>Total (%n item)</numerusform>
            <numerusform>Total (%n items)</numerusform>
        </translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation>Checkout</translation>
    </message>
    <message>
        <source>No longer available: please remove it</source>
        <translation>No longer available: please remove it</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left: please lower the quantity</source>
        <translation>
            <numerusform>Only %n left: please lower the quantity</numerusform>
            <numerusform>Only %n left: please lower the quantity</numerusform>
        </translation>
    </message>
    <message>
        <source>Now %1: you confirm the new price when you pay</source>
        <translation>Now %1: you confirm the new price when you pay</translation>
    </message>
    <message numerus="yes">
        <source>Only %n in stock</source>
        <translation>
            <numerusform>Only %n in stock</numerusform>
            <numerusform>Only %n in stock</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n of one product</source>
        <translation>
            <numerusform>At most %n of one product</numerusform>
            <numerusform>At most %n of one product</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message>
        <source>Popular</source>
        <translation>Popular</translation>
    </message>
    <message>
        <source>Price ↑</source>
        <translation>Price ↑</translation>
    </message>
    <message>
        <source>Price ↓</source>
        <translation>Price ↓</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <source>Ships today, arrives by %1</source>
        <translation>Ships today, arrives by %1</translation>
    </message>
    <message>
        <source>Ships in 1 business day, arrives by %1</source>
        <translation>Ships in 1 business day, arrives by %1</translation>
    </message>
    <message>
        <source>Ships in %1 business days, arrives by %2</source>
        <translation>Ships in %1 business days, arrives by %2</translation>
    </message>
    <message>
        <source>Ships in %1–%2 business days, arrives by %3</source>
        <translation>Ships in %1–%2 business days, arrives by %3</translation>
    </message>
    <message>
        <source>Pre-order</source>
        <translation>Pre-order</translation>
    </message>
    <message>
        <source>Made to order</source>
        <translation>Made to order</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Thank you</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>Your order number</translation>
    </message>
    <message>
        <source>Paper receipt</source>
        <translation>Paper receipt</translation>
    </message>
    <message>
        <source>Receipt on my phone</source>
        <translation>Receipt on my phone</translation>
    </message>
    <message>
        <source>See your receipt below</source>
        <translation>See your receipt below</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Collect your order at the service desk: show them this number.</source>
        <translation>Collect your order at the service desk: show them this number.</translation>
    </message>
    <message>
        <source>We will deliver to %1 (%2):
%3</source>
        <translation>We will deliver to %1 (%2):
%3</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <source>Your receipt has been printed: please take it.</source>
        <translation>Your receipt has been printed: please take it.</translation>
    </message>
    <message>
        <source>Please take your receipt. If none came out, scan the code below for your receipt on your phone.</source>
        <translation>Please take your receipt. If none came out, scan the code below for your receipt on your phone.</translation>
    </message>
    <message>
        <source>Scan the code below with your phone for your receipt.</source>
        <translation>Scan the code below with your phone for your receipt.</translation>
    </message>
    <message>
        <source>The printer is out of paper: scan the code below for your receipt on your phone.</source>
        <translation>The printer is out of paper: scan the code below for your receipt on your phone.</translation>
    </message>
    <message>
        <source>The printer is not working: scan the code below for your receipt on your phone.</source>
        <translation>The printer is not working: scan the code below for your receipt on your phone.</translation>
    </message>
    <message>
        <source>The paper receipt did not print: scan the code below for your receipt on your phone.</source>
        <translation>The paper receipt did not print: scan the code below for your receipt on your phone.</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera: your receipt opens as a web page you can keep.</source>
        <translation>Scan with your phone&apos;s camera: your receipt opens as a web page you can keep.</translation>
    </message>
</context>
<context>
    <name>FulfilmentScreen</name>
    <message>
        <source>Pickup or delivery</source>
        <translation>Pickup or delivery</translation>
    </message>
    <message>
        <source>How would you like to get your order?</source>
        <translation>How would you like to get your order?</translation>
    </message>
    <message>
        <source>Pick up in store</source>
        <translation>Pick up in store</translation>
    </message>
    <message>
        <source>Free. Collect it at the service desk with your order number.</source>
        <translation>Free. Collect it at the service desk with your order number.</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>Home delivery</translation>
    </message>
    <message>
        <source>Receiver&apos;s name</source>
        <translation>Receiver&apos;s name</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>e.g. Zhang Wei</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>11 digits, e.g. 13800138000</source>
        <translation>11 digits, e.g. 13800138000</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <source>District, street, building, room</source>
        <translation>District, street, building, room</translation>
    </message>
    <message>
        <source>After paying you get an order number on screen and on your receipt. Show it at the service desk to collect your order.</source>
        <translation>After paying you get an order number on screen and on your receipt. Show it at the service desk to collect your order.</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Goods</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>Please enter the receiver&apos;s name</source>
        <translation>Please enter the receiver&apos;s name</translation>
    </message>
    <message>
        <source>Please enter a mobile number</source>
        <translation>Please enter a mobile number</translation>
    </message>
    <message>
        <source>Please enter the delivery address</source>
        <translation>Please enter the delivery address</translation>
    </message>
    <message>
        <source>Enter an 11-digit mobile number starting with 1, e.g. 13800138000</source>
        <translation>Enter an 11-digit mobile number starting with 1, e.g. 13800138000</translation>
    </message>
    <message>
        <source>Please enter the full address: at least %1 characters</source>
        <translation>Please enter the full address: at least %1 characters</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters</source>
        <translation>Too long: at most %1 characters</translation>
    </message>
    <message>
        <source>Please use letters only: no emoji, digits or symbols</source>
        <translation>Please use letters only: no emoji, digits or symbols</translation>
    </message>
    <message>
        <source>Please remove emoji and special symbols</source>
        <translation>Please remove emoji and special symbols</translation>
    </message>
    <message>
        <source>Price changed from %1 to %2</source>
        <translation>Price changed from %1 to %2</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left, so the quantity is now %n</source>
        <translation>
            <numerusform>Only %n left, so the quantity is now %n</numerusform>
            <numerusform>Only %n left, so the quantity is now %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n left, so this line was removed</source>
        <translation>
            <numerusform>Only %n left, so this line was removed</numerusform>
            <numerusform>Only %n left, so this line was removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n left, so this line will be removed</source>
        <translation>
            <numerusform>Only %n left, so this line will be removed</numerusform>
            <numerusform>Only %n left, so this line will be removed</numerusform>
        </translation>
    </message>
    <message>
        <source>Sold out, so it was removed from your cart</source>
        <translation>Sold out, so it was removed from your cart</translation>
    </message>
    <message>
        <source>Sold out, so it will be removed from your cart</source>
        <translation>Sold out, so it will be removed from your cart</translation>
    </message>
    <message>
        <source>No longer sold, so it was removed from your cart</source>
        <translation>No longer sold, so it was removed from your cart</translation>
    </message>
    <message>
        <source>No longer sold, so it will be removed from your cart</source>
        <translation>No longer sold, so it will be removed from your cart</translation>
    </message>
    <message>
        <source>Nothing in your cart can be bought now, and nothing was charged:</source>
        <translation>Nothing in your cart can be bought now, and nothing was charged:</translation>
    </message>
    <message>
        <source>Prices or stock changed since you chose these, so your cart was updated:</source>
        <translation>Prices or stock changed since you chose these, so your cart was updated:</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Free delivery for orders from %1</source>
        <translation>Free delivery for orders from %1</translation>
    </message>
    <message>
        <source>%1, free for orders from %2</source>
        <translation>%1, free for orders from %2</translation>
    </message>
    <message>
        <source>was %1</source>
        <translation>was %1</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>How to shop here</source>
        <translation>How to shop here</translation>
    </message>
    <message>
        <source>Browse: tap a category on the home screen, then a product to see its details.</source>
        <translation>Browse: tap a category on the home screen, then a product to see its details.</translation>
    </message>
    <message>
        <source>Search: tap the search field and type a name, brand, pinyin or barcode.</source>
        <translation>Search: tap the search field and type a name, brand, pinyin or barcode.</translation>
    </message>
    <message>
        <source>Scan: hold a product&apos;s barcode under the scanner to open it.</source>
        <translation>Scan: hold a product&apos;s barcode under the scanner to open it.</translation>
    </message>
    <message>
        <source>Accessibility: larger text, high contrast and controls within reach.</source>
        <translation>Accessibility: larger text, high contrast and controls within reach.</translation>
    </message>
    <message>
        <source>Need a person? Please ask a member of staff.</source>
        <translation>Need a person? Please ask a member of staff.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Search products, brands, pinyin or barcodes</source>
        <translation>Search products, brands, pinyin or barcodes</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>Best sellers</source>
        <translation>Best sellers</translation>
    </message>
    <message>
        <source>Popular now</source>
        <translation>Popular now</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>For your privacy, your cart and choices will be cleared in %1 seconds.</source>
        <translation>For your privacy, your cart and choices will be cleared in %1 seconds.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>I&apos;m still here</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Reach mode: every control is in the lower part of the screen.</source>
        <translation>Reach mode: every control is in the lower part of the screen.</translation>
    </message>
</context>
<context>
    <name>PaymentProblemScreen</name>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>Your order number</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Help with payment</source>
        <translation>Help with payment</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>Back to cart</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Need help?</source>
        <translation>Need help?</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>Payment reference</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pay with WeChat Pay instead</source>
        <translation>Pay with WeChat Pay instead</translation>
    </message>
    <message>
        <source>Pay with Alipay instead</source>
        <translation>Pay with Alipay instead</translation>
    </message>
    <message>
        <source>Nothing was charged for this payment. If you need help, show this to a member of staff: with these two numbers they can find your order and your payment.</source>
        <translation>Nothing was charged for this payment. If you need help, show this to a member of staff: with these two numbers they can find your order and your payment.</translation>
    </message>
    <message>
        <source>Show this to a member of staff: with these two numbers they can find your order and check your payment.</source>
        <translation>Show this to a member of staff: with these two numbers they can find your order and check your payment.</translation>
    </message>
    <message>
        <source>The payment was declined</source>
        <translation>The payment was declined</translation>
    </message>
    <message>
        <source>Paying is not available right now</source>
        <translation>Paying is not available right now</translation>
    </message>
    <message>
        <source>We could not confirm your payment</source>
        <translation>We could not confirm your payment</translation>
    </message>
    <message>
        <source>Nothing was charged. You can try again, pay another way, or go back to your cart.</source>
        <translation>Nothing was charged. You can try again, pay another way, or go back to your cart.</translation>
    </message>
    <message>
        <source>Nothing was charged and your cart is kept. Please try again in a moment, or ask a member of staff.</source>
        <translation>Nothing was charged and your cart is kept. Please try again in a moment, or ask a member of staff.</translation>
    </message>
    <message>
        <source>If you paid, your order is safe: a member of staff will confirm the payment. Please note your order number and show it at the service desk.</source>
        <translation>If you paid, your order is safe: a member of staff will confirm the payment. Please note your order number and show it at the service desk.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Pay by QR code</source>
        <translation>Pay by QR code</translation>
    </message>
    <message>
        <source>Scan the code on the screen facing you</source>
        <translation>Scan the code on the screen facing you</translation>
    </message>
    <message>
        <source>Order number: %1</source>
        <translation>Order number: %1</translation>
    </message>
    <message>
        <source>Amount: %1 (%2)</source>
        <translation>Amount: %1 (%2)</translation>
    </message>
    <message>
        <source>Time is up: checking the payment one last time…</source>
        <translation>Time is up: checking the payment one last time…</translation>
    </message>
    <message>
        <source>Time left to pay: %1</source>
        <translation>Time left to pay: %1</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>Cancel payment</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>This payment was not completed and nothing was charged. Your cart is still here.</source>
        <translation>This payment was not completed and nothing was charged. Your cart is still here.</translation>
    </message>
    <message>
        <source>The time to pay ran out and nothing was charged. Your cart is still here.</source>
        <translation>The time to pay ran out and nothing was charged. Your cart is still here.</translation>
    </message>
    <message>
        <source>Payment cancelled and nothing was charged. Your cart is still here.</source>
        <translation>Payment cancelled and nothing was charged. Your cart is still here.</translation>
    </message>
    <message>
        <source>Open Alipay on your phone and scan the code</source>
        <translation>Open Alipay on your phone and scan the code</translation>
    </message>
    <message>
        <source>Open WeChat on your phone and scan the code</source>
        <translation>Open WeChat on your phone and scan the code</translation>
    </message>
    <message>
        <source>Preparing your payment…</source>
        <translation>Preparing your payment…</translation>
    </message>
    <message>
        <source>Cancelling the payment…</source>
        <translation>Cancelling the payment…</translation>
    </message>
    <message>
        <source>Checking your payment with the payment service… If you have paid, please stay: it will count.</source>
        <translation>Checking your payment with the payment service… If you have paid, please stay: it will count.</translation>
    </message>
    <message>
        <source>We cannot reach the payment service right now. If you have paid, keep this screen: we keep checking and your payment will count.</source>
        <translation>We cannot reach the payment service right now. If you have paid, keep this screen: we keep checking and your payment will count.</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>Product details</source>
        <translation>Product details</translation>
    </message>
    <message>
        <source>Brand: %1</source>
        <translation>Brand: %1</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>Add to cart</translation>
    </message>
    <message>
        <source>Buy now</source>
        <translation>Buy now</translation>
    </message>
    <message>
        <source>In your cart: %1</source>
        <translation>In your cart: %1</translation>
    </message>
    <message>
        <source>Specifications</source>
        <translation>Specifications</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>No reviews yet</source>
        <translation>No reviews yet</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n review</numerusform>
            <numerusform>%n reviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QrCustomerWindow</name>
    <message>
        <source>Scan with your phone to pay</source>
        <translation>Scan with your phone to pay</translation>
    </message>
</context>
<context>
    <name>ReceiptNotice</name>
    <message>
        <source>The printer is out of paper: you will get your receipt on your phone.</source>
        <translation>The printer is out of paper: you will get your receipt on your phone.</translation>
    </message>
    <message>
        <source>The receipt printer is not working right now: you will get your receipt on your phone.</source>
        <translation>The receipt printer is not working right now: you will get your receipt on your phone.</translation>
    </message>
</context>
<context>
    <name>Scan</name>
    <message>
        <source>Could not read the code, please scan again</source>
        <translation>Could not read the code, please scan again</translation>
    </message>
    <message>
        <source>Barcode %1 is not in our catalog</source>
        <translation>Barcode %1 is not in our catalog</translation>
    </message>
</context>
<context>
    <name>ScreenHeader</name>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Name, brand, pinyin or barcode</source>
        <translation>Name, brand, pinyin or barcode</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Nothing found for “%1”. Check the spelling, or browse a category:</source>
        <translation>Nothing found for “%1”. Check the spelling, or browse a category:</translation>
    </message>
    <message>
        <source>Type a product name, brand, pinyin (e.g. “kl” for 可乐) or barcode, or browse a category:</source>
        <translation>Type a product name, brand, pinyin (e.g. “kl” for 可乐) or barcode, or browse a category:</translation>
    </message>
</context>
<context>
    <name>ShopperToolBar</name>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Cart</translation>
    </message>
</context>
<context>
    <name>StockLabel</name>
    <message>
        <source>Sold out</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <source>Only %1 left</source>
        <translation>Only %1 left</translation>
    </message>
    <message>
        <source>Few left</source>
        <translation>Few left</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>In stock</translation>
    </message>
</context>
</TS>
