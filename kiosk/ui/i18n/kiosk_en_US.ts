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
    <message>
        <source>Often bought together</source>
        <translation>Often bought together</translation>
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
    <name>DigitKeypad</name>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
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
        <source>Lookup code %1</source>
        <translation>Lookup code %1</translation>
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
    <name>Help</name>
    <message>
        <source>My payment failed. What should I do?</source>
        <translation>My payment failed. What should I do?</translation>
    </message>
    <message>
        <source>Nothing was charged for a payment the kiosk says failed. Try again, or choose another way to pay. If your bank or wallet shows a charge anyway, keep the order number shown on screen and call an attendant: the store checks the payment and refunds any double charge.</source>
        <translation>Nothing was charged for a payment the kiosk says failed. Try again, or choose another way to pay. If your bank or wallet shows a charge anyway, keep the order number shown on screen and call an attendant: the store checks the payment and refunds any double charge.</translation>
    </message>
    <message>
        <source>When will my order ship or arrive?</source>
        <translation>When will my order ship or arrive?</translation>
    </message>
    <message>
        <source>Pickup orders are ready at the counter when your order number is called. Delivery orders are packed and shipped by the store, usually within one to two days; the tracking number appears on your order page (scan the QR code on your receipt) once it has shipped.</source>
        <translation>Pickup orders are ready at the counter when your order number is called. Delivery orders are packed and shipped by the store, usually within one to two days; the tracking number appears on your order page (scan the QR code on your receipt) once it has shipped.</translation>
    </message>
    <message>
        <source>How can I change my order?</source>
        <translation>How can I change my order?</translation>
    </message>
    <message>
        <source>Not paid yet: change the contact, address or pickup/delivery yourself and pay. Paid but not shipped: ask for a change; the merchant approves or rejects it and you see the answer when you look up the order. Already shipped: the order can no longer be changed; please contact the merchant.</source>
        <translation>Not paid yet: change the contact, address or pickup/delivery yourself and pay. Paid but not shipped: ask for a change; the merchant approves or rejects it and you see the answer when you look up the order. Already shipped: the order can no longer be changed; please contact the merchant.</translation>
    </message>
    <message>
        <source>My receipt did not print.</source>
        <translation>My receipt did not print.</translation>
    </message>
    <message>
        <source>Scan the QR code on the order screen with your phone for an e-receipt, or ask a member of staff with your order number.</source>
        <translation>Scan the QR code on the order screen with your phone for an e-receipt, or ask a member of staff with your order number.</translation>
    </message>
    <message>
        <source>I cannot find an item.</source>
        <translation>I cannot find an item.</translation>
    </message>
    <message>
        <source>Tap Search and type the item&apos;s name, its pinyin or the barcode number. You can also browse the categories on the home screen.</source>
        <translation>Tap Search and type the item&apos;s name, its pinyin or the barcode number. You can also browse the categories on the home screen.</translation>
    </message>
    <message>
        <source>The scanner will not read my barcode.</source>
        <translation>The scanner will not read my barcode.</translation>
    </message>
    <message>
        <source>Hold the barcode steady, 10 to 20 cm from the scanner window, and make sure it is flat and not covered. If it still does not read, search for the item by name instead.</source>
        <translation>Hold the barcode steady, 10 to 20 cm from the scanner window, and make sure it is flat and not covered. If it still does not read, search for the item by name instead.</translation>
    </message>
    <message>
        <source>Can the screen be easier to read or reach?</source>
        <translation>Can the screen be easier to read or reach?</translation>
    </message>
    <message>
        <source>Tap Accessibility at the bottom of the screen for larger text, high contrast and reach mode, which moves the controls to the lower part of the screen.</source>
        <translation>Tap Accessibility at the bottom of the screen for larger text, high contrast and reach mode, which moves the controls to the lower part of the screen.</translation>
    </message>
    <message>
        <source>How do I shop here?</source>
        <translation>How do I shop here?</translation>
    </message>
    <message>
        <source>Tap a category or search, open a product and add it to the cart. Then open the cart, choose pickup or delivery, and pay with your phone. Keep your receipt or its QR code to follow your order.</source>
        <translation>Tap a category or search, open a product and add it to the cart. Then open the cart, choose pickup or delivery, and pay with your phone. Keep your receipt or its QR code to follow your order.</translation>
    </message>
    <message>
        <source>Your call is already on its way.</source>
        <translation>Your call is already on its way.</translation>
    </message>
    <message>
        <source>Staff have just been called. Please wait a moment.</source>
        <translation>Staff have just been called. Please wait a moment.</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Search the questions</source>
        <translation>Search the questions</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Calling a member of staff…</source>
        <translation>Calling a member of staff…</translation>
    </message>
    <message>
        <source>Help is on the way (asked at %1). Please stay at the kiosk.</source>
        <translation>Help is on the way (asked at %1). Please stay at the kiosk.</translation>
    </message>
    <message>
        <source>We could not reach the store; please ask at the counter.</source>
        <translation>We could not reach the store; please ask at the counter.</translation>
    </message>
    <message>
        <source>A member of staff has seen your call (at %1).</source>
        <translation>A member of staff has seen your call (at %1).</translation>
    </message>
    <message>
        <source>Need a person? Call a member of staff to this kiosk.</source>
        <translation>Need a person? Call a member of staff to this kiosk.</translation>
    </message>
    <message>
        <source>Call attendant</source>
        <translation>Call attendant</translation>
    </message>
    <message>
        <source>No question matches “%1”. A member of staff can help you:</source>
        <translation>No question matches “%1”. A member of staff can help you:</translation>
    </message>
    <message>
        <source>Look up my order</source>
        <translation>Look up my order</translation>
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
    <message>
        <source>Popular at this hour</source>
        <translation>Popular at this hour</translation>
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
    <name>Maintenance</name>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 of %2 (%3%)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>Viewed</translation>
    </message>
    <message>
        <source>Carted</source>
        <translation>Carted</translation>
    </message>
    <message>
        <source>QR shown</source>
        <translation>QR shown</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>The figures could not be read (%1). Try again; if it keeps failing, export a diagnostic bundle from the settings page.</source>
        <translation>The figures could not be read (%1). Try again; if it keeps failing, export a diagnostic bundle from the settings page.</translation>
    </message>
    <message>
        <source>Kiosk exports folder</source>
        <translation>Kiosk exports folder</translation>
    </message>
    <message>
        <source>No folder to write to: %1</source>
        <translation>No folder to write to: %1</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation>Writing the files…</translation>
    </message>
    <message>
        <source>The files could not be written to %1 (%2). Check the USB stick and try again.</source>
        <translation>The files could not be written to %1 (%2). Check the USB stick and try again.</translation>
    </message>
    <message>
        <source>%1 files written to %2.</source>
        <translation>%1 files written to %2.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Needs a look</source>
        <translation>Needs a look</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>Not working</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <source>Paper near end</source>
        <translation>Paper near end</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>Paper out</translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation>Cover open</translation>
    </message>
    <message>
        <source>Cutter error</source>
        <translation>Cutter error</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Printer error (clears by itself)</source>
        <translation>Printer error (clears by itself)</translation>
    </message>
    <message>
        <source>Printer fault (needs service)</source>
        <translation>Printer fault (needs service)</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>Status unknown</translation>
    </message>
    <message>
        <source>Receipts print on paper.</source>
        <translation>Receipts print on paper.</translation>
    </message>
    <message>
        <source>Receipts still print; change the paper roll soon.</source>
        <translation>Receipts still print; change the paper roll soon.</translation>
    </message>
    <message>
        <source>Receipts are sent but cannot be checked: the shopper also gets the receipt on their phone.</source>
        <translation>Receipts are sent but cannot be checked: the shopper also gets the receipt on their phone.</translation>
    </message>
    <message>
        <source>Receipts go to the shopper&apos;s phone.</source>
        <translation>Receipts go to the shopper&apos;s phone.</translation>
    </message>
    <message>
        <source>Receipts go to the shopper&apos;s phone until the printer is ready.</source>
        <translation>Receipts go to the shopper&apos;s phone until the printer is ready.</translation>
    </message>
    <message>
        <source>No printer is configured: every receipt goes to the shopper&apos;s phone.</source>
        <translation>No printer is configured: every receipt goes to the shopper&apos;s phone.</translation>
    </message>
    <message>
        <source>Shoppers can scan products.</source>
        <translation>Shoppers can scan products.</translation>
    </message>
    <message>
        <source>Scanning does nothing: shoppers find products by touch and search.</source>
        <translation>Scanning does nothing: shoppers find products by touch and search.</translation>
    </message>
    <message>
        <source>Scanning is off until the scanner is back: shoppers find products by touch and search.</source>
        <translation>Scanning is off until the scanner is back: shoppers find products by touch and search.</translation>
    </message>
    <message>
        <source>No scanner is configured: shoppers find products by touch and search.</source>
        <translation>No scanner is configured: shoppers find products by touch and search.</translation>
    </message>
    <message>
        <source>Simulator (demo)</source>
        <translation>Simulator (demo)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Keyboard wedge</source>
        <translation>Keyboard wedge</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>USB vendor:product</source>
        <translation>USB vendor:product</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>Serial port</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Customer display (screen %1)</source>
        <translation>Customer display (screen %1)</translation>
    </message>
    <message>
        <source>The payment QR shows on the customer display.</source>
        <translation>The payment QR shows on the customer display.</translation>
    </message>
    <message>
        <source>Customer display (screen %1): not found</source>
        <translation>Customer display (screen %1): not found</translation>
    </message>
    <message>
        <source>The payment QR shows on the kiosk screen instead.</source>
        <translation>The payment QR shows on the kiosk screen instead.</translation>
    </message>
    <message>
        <source>On the kiosk screen</source>
        <translation>On the kiosk screen</translation>
    </message>
    <message>
        <source>The payment QR shows in the payment screen.</source>
        <translation>The payment QR shows in the payment screen.</translation>
    </message>
    <message>
        <source>Paying is not possible yet: the store is not connected.</source>
        <translation>Paying is not possible yet: the store is not connected.</translation>
    </message>
    <message>
        <source>Printing the test page…</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <source>Test page printed.</source>
        <translation>Test page printed.</translation>
    </message>
    <message>
        <source>Test page sent, but the printer did not confirm it: look at the paper.</source>
        <translation>Test page sent, but the printer did not confirm it: look at the paper.</translation>
    </message>
    <message>
        <source>Not printed: %1.</source>
        <translation>Not printed: %1.</translation>
    </message>
    <message>
        <source>Printing stopped part way: %1.</source>
        <translation>Printing stopped part way: %1.</translation>
    </message>
    <message>
        <source>Not printed: the printer could not take the job (%1).</source>
        <translation>Not printed: the printer could not take the job (%1).</translation>
    </message>
    <message>
        <source>Not printed: no printer is configured.</source>
        <translation>Not printed: no printer is configured.</translation>
    </message>
    <message>
        <source>Reconnected: %1.</source>
        <translation>Reconnected: %1.</translation>
    </message>
    <message>
        <source>Could not reconnect: %1.</source>
        <translation>Could not reconnect: %1.</translation>
    </message>
    <message>
        <source>Choose a technician PIN of 6 to 12 digits.</source>
        <translation>Choose a technician PIN of 6 to 12 digits.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>Too many wrong PINs. Try again in %1 s.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left before the pad locks.</source>
        <translation>Wrong PIN. %1 tries left before the pad locks.</translation>
    </message>
    <message>
        <source>Use 6 to 12 digits, not one repeated digit or a run such as 123456.</source>
        <translation>Use 6 to 12 digits, not one repeated digit or a run such as 123456.</translation>
    </message>
    <message>
        <source>Type the same PIN again to confirm it.</source>
        <translation>Type the same PIN again to confirm it.</translation>
    </message>
    <message>
        <source>The two PINs differ. Choose a PIN again.</source>
        <translation>The two PINs differ. Choose a PIN again.</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Paid, at the store</source>
        <translation>Paid, at the store</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Payment failed</translation>
    </message>
    <message>
        <source>Payment unknown</source>
        <translation>Payment unknown</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Paid after the shopper left</source>
        <translation>Paid after the shopper left</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>Ready for pickup</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>Return requested</source>
        <translation>Return requested</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Unknown to the store</source>
        <translation>Unknown to the store</translation>
    </message>
    <message>
        <source>No receipt (not paid)</source>
        <translation>No receipt (not paid)</translation>
    </message>
    <message>
        <source>Not printed yet</source>
        <translation>Not printed yet</translation>
    </message>
    <message>
        <source>Was printing as the kiosk stopped</source>
        <translation>Was printing as the kiosk stopped</translation>
    </message>
    <message>
        <source>Maybe printed (the kiosk stopped)</source>
        <translation>Maybe printed (the kiosk stopped)</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Sent; the printer did not confirm</source>
        <translation>Sent; the printer did not confirm</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <source>Interrupted part way</source>
        <translation>Interrupted part way</translation>
    </message>
    <message>
        <source>Already sent once</source>
        <translation>Already sent once</translation>
    </message>
    <message>
        <source>Order numbers ending in %1</source>
        <translation>Order numbers ending in %1</translation>
    </message>
    <message>
        <source>Today&apos;s orders</source>
        <translation>Today&apos;s orders</translation>
    </message>
    <message>
        <source>No order number ends in %1.</source>
        <translation>No order number ends in %1.</translation>
    </message>
    <message>
        <source>No orders yet today.</source>
        <translation>No orders yet today.</translation>
    </message>
    <message>
        <source>settled by staff</source>
        <translation>settled by staff</translation>
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
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>Fulfilment</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Cannot be read on this kiosk</source>
        <translation>Cannot be read on this kiosk</translation>
    </message>
    <message>
        <source>Erased after its retention</source>
        <translation>Erased after its retention</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>Delivery fee</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
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
        <source>The orders could not be read: %1</source>
        <translation>The orders could not be read: %1</translation>
    </message>
    <message>
        <source>The order could not be read: %1</source>
        <translation>The order could not be read: %1</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>The copy could not be printed: %1</source>
        <translation>The copy could not be printed: %1</translation>
    </message>
    <message>
        <source>A copy was printed.</source>
        <translation>A copy was printed.</translation>
    </message>
    <message>
        <source>No printer is connected: nothing was printed.</source>
        <translation>No printer is connected: nothing was printed.</translation>
    </message>
    <message>
        <source>A copy of this order is already printing.</source>
        <translation>A copy of this order is already printing.</translation>
    </message>
    <message>
        <source>Only a paid order has a receipt.</source>
        <translation>Only a paid order has a receipt.</translation>
    </message>
    <message>
        <source>The printer refused the copy (paper? cover?): nothing printed.</source>
        <translation>The printer refused the copy (paper? cover?): nothing printed.</translation>
    </message>
    <message>
        <source>The copy was sent; the printer did not confirm it.</source>
        <translation>The copy was sent; the printer did not confirm it.</translation>
    </message>
    <message>
        <source>The copy was interrupted: check the paper before trying again.</source>
        <translation>The copy was interrupted: check the paper before trying again.</translation>
    </message>
    <message>
        <source>The store could not be asked: %1</source>
        <translation>The store could not be asked: %1</translation>
    </message>
    <message>
        <source>the store could not be asked; try again when it is reachable</source>
        <translation>the store could not be asked; try again when it is reachable</translation>
    </message>
    <message>
        <source>the store still has the payment open, so its outcome is unknown</source>
        <translation>the store still has the payment open, so its outcome is unknown</translation>
    </message>
    <message>
        <source>a shopper&apos;s checkout is working on this order</source>
        <translation>a shopper&apos;s checkout is working on this order</translation>
    </message>
    <message>
        <source>the kiosk is settling other payments; try again</source>
        <translation>the kiosk is settling other payments; try again</translation>
    </message>
    <message>
        <source>no store is configured</source>
        <translation>no store is configured</translation>
    </message>
    <message>
        <source>this is not possible for the order as it is now</source>
        <translation>this is not possible for the order as it is now</translation>
    </message>
    <message>
        <source>Nothing was changed: %1. The order is: %2.</source>
        <translation>Nothing was changed: %1. The order is: %2.</translation>
    </message>
    <message>
        <source>Not cancelled: the store has this order as paid. It is now: %1.</source>
        <translation>Not cancelled: the store has this order as paid. It is now: %1.</translation>
    </message>
    <message>
        <source>The store answered. The order is now: %1.</source>
        <translation>The store answered. The order is now: %1.</translation>
    </message>
    <message>
        <source>Could not record it: %1</source>
        <translation>Could not record it: %1</translation>
    </message>
    <message>
        <source>Recorded as handed over.</source>
        <translation>Recorded as handed over.</translation>
    </message>
    <message>
        <source>Recorded as refunded at the store.</source>
        <translation>Recorded as refunded at the store.</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Idle times</source>
        <translation>Idle times</translation>
    </message>
    <message>
        <source>Payment &amp; receipt</source>
        <translation>Payment &amp; receipt</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Store name (Chinese)</source>
        <translation>Store name (Chinese)</translation>
    </message>
    <message>
        <source>Store name (English; empty: the same)</source>
        <translation>Store name (English; empty: the same)</translation>
    </message>
    <message>
        <source>Language of a new shopper</source>
        <translation>Language of a new shopper</translation>
    </message>
    <message>
        <source>Languages offered (comma-separated)</source>
        <translation>Languages offered (comma-separated)</translation>
    </message>
    <message>
        <source>Idle on the home screen (s)</source>
        <translation>Idle on the home screen (s)</translation>
    </message>
    <message>
        <source>Idle on a category (s)</source>
        <translation>Idle on a category (s)</translation>
    </message>
    <message>
        <source>Idle on a product (s)</source>
        <translation>Idle on a product (s)</translation>
    </message>
    <message>
        <source>Idle on search (s)</source>
        <translation>Idle on search (s)</translation>
    </message>
    <message>
        <source>Idle on other screens (s)</source>
        <translation>Idle on other screens (s)</translation>
    </message>
    <message>
        <source>&quot;Still there?&quot; countdown (s)</source>
        <translation>&quot;Still there?&quot; countdown (s)</translation>
    </message>
    <message>
        <source>Time to pay a QR code (s)</source>
        <translation>Time to pay a QR code (s)</translation>
    </message>
    <message>
        <source>Receipt shown first</source>
        <translation>Receipt shown first</translation>
    </message>
    <message>
        <source>Offer the e-receipt QR</source>
        <translation>Offer the e-receipt QR</translation>
    </message>
    <message>
        <source>Receipt paper width (mm)</source>
        <translation>Receipt paper width (mm)</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Weekly hours</translation>
    </message>
    <message>
        <source>Holidays and special hours</source>
        <translation>Holidays and special hours</translation>
    </message>
    <message>
        <source>Printer connection</source>
        <translation>Printer connection</translation>
    </message>
    <message>
        <source>Network printer address</source>
        <translation>Network printer address</translation>
    </message>
    <message>
        <source>Network printer port</source>
        <translation>Network printer port</translation>
    </message>
    <message>
        <source>USB vendor id</source>
        <translation>USB vendor id</translation>
    </message>
    <message>
        <source>USB product id</source>
        <translation>USB product id</translation>
    </message>
    <message>
        <source>Device file</source>
        <translation>Device file</translation>
    </message>
    <message>
        <source>Scanner connection</source>
        <translation>Scanner connection</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <source>e.g. mon-fri 09:00-21:00; sat,sun 10:00-18:00 (empty: always open)</source>
        <translation>e.g. mon-fri 09:00-21:00; sat,sun 10:00-18:00 (empty: always open)</translation>
    </message>
    <message>
        <source>e.g. 2026-10-01..2026-10-07 closed; 2026-12-24 10:00-16:00</source>
        <translation>e.g. 2026-10-01..2026-10-07 closed; 2026-12-24 10:00-16:00</translation>
    </message>
    <message>
        <source>Off: paper is required; the kiosk goes out of service when the printer cannot print.</source>
        <translation>Off: paper is required; the kiosk goes out of service when the printer cannot print.</translation>
    </message>
    <message>
        <source>Set by %1 in the environment: change it there.</source>
        <translation>Set by %1 in the environment: change it there.</translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation>Applies at the next start.</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>Nothing to save.</translation>
    </message>
    <message>
        <source>Not saved: %1 must be %2.</source>
        <translation>Not saved: %1 must be %2.</translation>
    </message>
    <message>
        <source>Not saved: the settings file could not be written (%1).</source>
        <translation>Not saved: the settings file could not be written (%1).</translation>
    </message>
    <message>
        <source>Saved and applied now: %1.</source>
        <translation>Saved and applied now: %1.</translation>
    </message>
    <message>
        <source>Saved; applies at the next start: %1.</source>
        <translation>Saved; applies at the next start: %1.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Not changed: %1</translation>
    </message>
    <message>
        <source>Out of service: shoppers see the out-of-service screen until you switch it back.</source>
        <translation>Out of service: shoppers see the out-of-service screen until you switch it back.</translation>
    </message>
    <message>
        <source>Back in service.</source>
        <translation>Back in service.</translation>
    </message>
    <message>
        <source>Writing the diagnostic bundle…</source>
        <translation>Writing the diagnostic bundle…</translation>
    </message>
    <message>
        <source>Written to %1: %2</source>
        <translation>Written to %1: %2</translation>
    </message>
    <message>
        <source>Not written to %1 (%2). Try another folder.</source>
        <translation>Not written to %1 (%2). Try another folder.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>The store&apos;s certificate is not trusted (since %1): orders are kept on the kiosk. A store with its own CA needs store.ca_file.</source>
        <translation>The store&apos;s certificate is not trusted (since %1): orders are kept on the kiosk. A store with its own CA needs store.ca_file.</translation>
    </message>
    <message>
        <source>The store&apos;s certificate has expired (since %1): orders are kept on the kiosk.</source>
        <translation>The store&apos;s certificate has expired (since %1): orders are kept on the kiosk.</translation>
    </message>
    <message>
        <source>The store&apos;s certificate is for another address (since %1): orders are kept on the kiosk.</source>
        <translation>The store&apos;s certificate is for another address (since %1): orders are kept on the kiosk.</translation>
    </message>
    <message>
        <source>No secure connection to the store (since %1): orders are kept on the kiosk.</source>
        <translation>No secure connection to the store (since %1): orders are kept on the kiosk.</translation>
    </message>
    <message>
        <source>The store already has this order with different contents.</source>
        <translation>The store already has this order with different contents.</translation>
    </message>
    <message>
        <source>The store already has another order under this sequence number.</source>
        <translation>The store already has another order under this sequence number.</translation>
    </message>
    <message>
        <source>The store already has this order from another kiosk or number.</source>
        <translation>The store already has this order from another kiosk or number.</translation>
    </message>
    <message>
        <source>The order&apos;s data does not match its checksum: it was damaged.</source>
        <translation>The order&apos;s data does not match its checksum: it was damaged.</translation>
    </message>
    <message>
        <source>The contact details cannot be decrypted with this kiosk&apos;s key.</source>
        <translation>The contact details cannot be decrypted with this kiosk&apos;s key.</translation>
    </message>
    <message>
        <source>The stored order cannot be read.</source>
        <translation>The stored order cannot be read.</translation>
    </message>
    <message>
        <source>The store refused the order as invalid.</source>
        <translation>The store refused the order as invalid.</translation>
    </message>
    <message>
        <source>The store refused the order.</source>
        <translation>The store refused the order.</translation>
    </message>
    <message>
        <source>Reading the sync status…</source>
        <translation>Reading the sync status…</translation>
    </message>
    <message>
        <source>No store is set up for this kiosk: orders stay on the kiosk.</source>
        <translation>No store is set up for this kiosk: orders stay on the kiosk.</translation>
    </message>
    <message>
        <source>The store refuses this kiosk (revoked): orders are kept on the kiosk.</source>
        <translation>The store refuses this kiosk (revoked): orders are kept on the kiosk.</translation>
    </message>
    <message>
        <source>Store reachable since %1</source>
        <translation>Store reachable since %1</translation>
    </message>
    <message>
        <source>Store unreachable since %1</source>
        <translation>Store unreachable since %1</translation>
    </message>
    <message>
        <source>No answer from the store yet</source>
        <translation>No answer from the store yet</translation>
    </message>
    <message>
        <source>In step with the store</source>
        <translation>In step with the store</translation>
    </message>
    <message>
        <source>Store is %1 ahead</source>
        <translation>Store is %1 ahead</translation>
    </message>
    <message>
        <source>Store is %1 behind</source>
        <translation>Store is %1 behind</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>last try failed at %1</source>
        <translation>last try failed at %1</translation>
    </message>
    <message>
        <source>version %1 (store cursor %2)</source>
        <translation>version %1 (store cursor %2)</translation>
    </message>
    <message>
        <source>version %1 (bundled, never pulled)</source>
        <translation>version %1 (bundled, never pulled)</translation>
    </message>
    <message>
        <source>not since the kiosk started</source>
        <translation>not since the kiosk started</translation>
    </message>
    <message>
        <source>failed at %1: %2</source>
        <translation>failed at %1: %2</translation>
    </message>
    <message>
        <source>The sync status could not be read: %1</source>
        <translation>The sync status could not be read: %1</translation>
    </message>
    <message>
        <source>No store is set up for this kiosk, so there is nothing to sync.</source>
        <translation>No store is set up for this kiosk, so there is nothing to sync.</translation>
    </message>
    <message>
        <source>Sending the waiting orders to the store…</source>
        <translation>Sending the waiting orders to the store…</translation>
    </message>
    <message>
        <source>Asking the store for catalog changes…</source>
        <translation>Asking the store for catalog changes…</translation>
    </message>
    <message>
        <source>Done: %1 sent, %2 quarantined, %3 still waiting.</source>
        <translation>Done: %1 sent, %2 quarantined, %3 still waiting.</translation>
    </message>
    <message>
        <source>The store refuses this kiosk (revoked). Kept on the kiosk: %1. Ask the store&apos;s operator to register it again.</source>
        <translation>The store refuses this kiosk (revoked). Kept on the kiosk: %1. Ask the store&apos;s operator to register it again.</translation>
    </message>
    <message>
        <source>Sending failed: %1. Still waiting: %2; the kiosk keeps trying by itself.</source>
        <translation>Sending failed: %1. Still waiting: %2; the kiosk keeps trying by itself.</translation>
    </message>
    <message>
        <source>The catalog is up to date.</source>
        <translation>The catalog is up to date.</translation>
    </message>
    <message>
        <source>Catalog updated: %1 changed, %2 removed.</source>
        <translation>Catalog updated: %1 changed, %2 removed.</translation>
    </message>
    <message>
        <source>The catalog could not be pulled: %1</source>
        <translation>The catalog could not be pulled: %1</translation>
    </message>
    <message>
        <source>The sync worker did not answer. Try again; if it keeps failing, restart the kiosk.</source>
        <translation>The sync worker did not answer. Try again; if it keeps failing, restart the kiosk.</translation>
    </message>
    <message>
        <source>Order %1 is queued again.</source>
        <translation>Order %1 is queued again.</translation>
    </message>
    <message>
        <source>That order is not quarantined any more.</source>
        <translation>That order is not quarantined any more.</translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation>It did not work: %1</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation>Saved %1 to %2.</translation>
    </message>
    <message>
        <source>Could not write to %1: %2</source>
        <translation>Could not write to %1: %2</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>MyOrder</name>
    <message>
        <source>Looking up your order…</source>
        <translation>Looking up your order…</translation>
    </message>
    <message>
        <source>Asking the store…</source>
        <translation>Asking the store…</translation>
    </message>
    <message>
        <source>Sending your request…</source>
        <translation>Sending your request…</translation>
    </message>
    <message>
        <source>Saving your details…</source>
        <translation>Saving your details…</translation>
    </message>
    <message>
        <source>Please type the whole order number from your receipt</source>
        <translation>Please type the whole order number from your receipt</translation>
    </message>
    <message>
        <source>Please type 4 digits</source>
        <translation>Please type 4 digits</translation>
    </message>
    <message>
        <source>The order of this receipt was not found. Please type its order number and code instead.</source>
        <translation>The order of this receipt was not found. Please type its order number and code instead.</translation>
    </message>
    <message>
        <source>No order matches this number and code. Please check both and try again.</source>
        <translation>No order matches this number and code. Please check both and try again.</translation>
    </message>
    <message>
        <source>This is not an order number and code we can look up. Please check your receipt.</source>
        <translation>This is not an order number and code we can look up. Please check your receipt.</translation>
    </message>
    <message>
        <source>We cannot reach the store right now, so your order cannot be looked up. Please try again in a few minutes, or ask a member of staff.</source>
        <translation>We cannot reach the store right now, so your order cannot be looked up. Please try again in a few minutes, or ask a member of staff.</translation>
    </message>
    <message numerus="yes">
        <source>Too many tries. Please try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many tries. Please try again in %n minute.</numerusform>
            <numerusform>Too many tries. Please try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>As of %1 (%n min ago): the store cannot be reached right now.</source>
        <translation>
            <numerusform>As of %1 (%n min ago): the store cannot be reached right now.</numerusform>
            <numerusform>As of %1 (%n min ago): the store cannot be reached right now.</numerusform>
        </translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Shipped, tracking number %1</source>
        <translation>Shipped, tracking number %1</translation>
    </message>
    <message>
        <source>The store&apos;s note: %1</source>
        <translation>The store&apos;s note: %1</translation>
    </message>
    <message>
        <source>The return window ended on %1, so a return can no longer be requested.</source>
        <translation>The return window ended on %1, so a return can no longer be requested.</translation>
    </message>
    <message>
        <source>A return request is already waiting for the store.</source>
        <translation>A return request is already waiting for the store.</translation>
    </message>
    <message>
        <source>You can request a return or exchange until %1.</source>
        <translation>You can request a return or exchange until %1.</translation>
    </message>
    <message>
        <source>Too many tries. Please try again later.</source>
        <translation>Too many tries. Please try again later.</translation>
    </message>
    <message>
        <source>The store no longer finds this order. Please ask a member of staff.</source>
        <translation>The store no longer finds this order. Please ask a member of staff.</translation>
    </message>
    <message>
        <source>We cannot reach the store right now. What you see may not be the latest.</source>
        <translation>We cannot reach the store right now. What you see may not be the latest.</translation>
    </message>
    <message>
        <source>Nothing is changed yet: type a new detail, or choose the other way to get your order.</source>
        <translation>Nothing is changed yet: type a new detail, or choose the other way to get your order.</translation>
    </message>
    <message>
        <source>Delivery fee: %1. To pay: %2</source>
        <translation>Delivery fee: %1. To pay: %2</translation>
    </message>
    <message>
        <source>Delivery fee: %1 (no change)</source>
        <translation>Delivery fee: %1 (no change)</translation>
    </message>
    <message>
        <source>Free for this order</source>
        <translation>Free for this order</translation>
    </message>
    <message>
        <source>Please check the details marked in red. Nothing was charged.</source>
        <translation>Please check the details marked in red. Nothing was charged.</translation>
    </message>
    <message>
        <source>This order can no longer be changed here. Here is where it stands now.</source>
        <translation>This order can no longer be changed here. Here is where it stands now.</translation>
    </message>
    <message>
        <source>Your details could not be saved, and nothing was charged. Please try again.</source>
        <translation>Your details could not be saved, and nothing was charged. Please try again.</translation>
    </message>
    <message>
        <source>The payment was not completed and nothing was charged. Your order is still waiting to be paid.</source>
        <translation>The payment was not completed and nothing was charged. Your order is still waiting to be paid.</translation>
    </message>
    <message>
        <source>Request sent. The store will confirm; look up your order again to see the answer.</source>
        <translation>Request sent. The store will confirm; look up your order again to see the answer.</translation>
    </message>
    <message>
        <source>The store did not accept these details. Please check them.</source>
        <translation>The store did not accept these details. Please check them.</translation>
    </message>
    <message>
        <source>The store cannot accept this request any more: the order has moved on. Here is where it stands now.</source>
        <translation>The store cannot accept this request any more: the order has moved on. Here is where it stands now.</translation>
    </message>
    <message>
        <source>We cannot reach the store right now, and nothing was sent. Please try again in a moment.</source>
        <translation>We cannot reach the store right now, and nothing was sent. Please try again in a moment.</translation>
    </message>
    <message>
        <source>Please choose a reason.</source>
        <translation>Please choose a reason.</translation>
    </message>
    <message>
        <source>Please choose at least one item with +.</source>
        <translation>Please choose at least one item with +.</translation>
    </message>
    <message>
        <source>Please shorten the note to %1 characters and remove special symbols.</source>
        <translation>Please shorten the note to %1 characters and remove special symbols.</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Waiting for payment</translation>
    </message>
    <message>
        <source>Payment being checked</source>
        <translation>Payment being checked</translation>
    </message>
    <message>
        <source>Not paid: the payment failed</source>
        <translation>Not paid: the payment failed</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>Not paid</translation>
    </message>
    <message>
        <source>Paid, not yet received by the store</source>
        <translation>Paid, not yet received by the store</translation>
    </message>
    <message>
        <source>Paid, sent to the store</source>
        <translation>Paid, sent to the store</translation>
    </message>
    <message>
        <source>Order placed</source>
        <translation>Order placed</translation>
    </message>
    <message>
        <source>Accepted by the store</source>
        <translation>Accepted by the store</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>Ready for pickup</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>Return requested</source>
        <translation>Return requested</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Status not known here; please ask a member of staff</source>
        <translation>Status not known here; please ask a member of staff</translation>
    </message>
    <message>
        <source>the store</source>
        <translation>the store</translation>
    </message>
    <message>
        <source>Your order has shipped, so it can no longer be changed. You can refuse the parcel, or contact %1 at %2.</source>
        <translation>Your order has shipped, so it can no longer be changed. You can refuse the parcel, or contact %1 at %2.</translation>
    </message>
    <message>
        <source>Your order has shipped, so it can no longer be changed. You can refuse the parcel, or contact %1.</source>
        <translation>Your order has shipped, so it can no longer be changed. You can refuse the parcel, or contact %1.</translation>
    </message>
    <message>
        <source>Your order has been handed over, so it can no longer be changed; you can request a return.</source>
        <translation>Your order has been handed over, so it can no longer be changed; you can request a return.</translation>
    </message>
    <message>
        <source>Your order has been handed over, so it can no longer be changed.</source>
        <translation>Your order has been handed over, so it can no longer be changed.</translation>
    </message>
    <message>
        <source>Your order is being returned, so it can no longer be changed.</source>
        <translation>Your order is being returned, so it can no longer be changed.</translation>
    </message>
    <message>
        <source>Your change request is waiting for the store.</source>
        <translation>Your change request is waiting for the store.</translation>
    </message>
    <message>
        <source>A payment for this order is still being checked. Please wait a moment, then tap Refresh.</source>
        <translation>A payment for this order is still being checked. Please wait a moment, then tap Refresh.</translation>
    </message>
    <message>
        <source>This order was not paid, and its prices held only on the day it was placed. Please shop again.</source>
        <translation>This order was not paid, and its prices held only on the day it was placed. Please shop again.</translation>
    </message>
    <message>
        <source>This order cannot be changed here. Please contact %1 at %2.</source>
        <translation>This order cannot be changed here. Please contact %1 at %2.</translation>
    </message>
    <message>
        <source>This order cannot be changed here. Please ask a member of staff.</source>
        <translation>This order cannot be changed here. Please ask a member of staff.</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Waiting for the store</source>
        <translation>Waiting for the store</translation>
    </message>
    <message>
        <source>Quality problem</source>
        <translation>Quality problem</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>Wrong item</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>Home delivery</translation>
    </message>
    <message>
        <source>Pick up in store</source>
        <translation>Pick up in store</translation>
    </message>
    <message>
        <source>+%1 delivery fee to pay on delivery</source>
        <translation>+%1 delivery fee to pay on delivery</translation>
    </message>
    <message>
        <source>%1 to be refunded</source>
        <translation>%1 to be refunded</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of changed fields</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>new %1</source>
        <translation>new %1</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the parts of one change</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>Change: %1</source>
        <translation>Change: %1</translation>
    </message>
</context>
<context>
    <name>OrderChangeScreen</name>
    <message>
        <source>Change details and pay</source>
        <translation>Change details and pay</translation>
    </message>
    <message>
        <source>Request a change</source>
        <translation>Request a change</translation>
    </message>
    <message>
        <source>Order %1 is not paid yet: change what you need, then pay.</source>
        <translation>Order %1 is not paid yet: change what you need, then pay.</translation>
    </message>
    <message>
        <source>Order %1: type only what should change. The store confirms or declines your request.</source>
        <translation>Order %1: type only what should change. The store confirms or declines your request.</translation>
    </message>
    <message>
        <source>Pick up in store</source>
        <translation>Pick up in store</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
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
        <source>Now: %1</source>
        <translation>Now: %1</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>e.g. 张伟</translation>
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
        <source>Send request</source>
        <translation>Send request</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
</context>
<context>
    <name>OrderLookupScreen</name>
    <message>
        <source>My order</source>
        <translation>My order</translation>
    </message>
    <message>
        <source>Scan the QR code on your receipt</source>
        <translation>Scan the QR code on your receipt</translation>
    </message>
    <message>
        <source>Hold it 10 to 20 cm in front of the scanner window.</source>
        <translation>Hold it 10 to 20 cm in front of the scanner window.</translation>
    </message>
    <message>
        <source>Or type your order number and code:</source>
        <translation>Or type your order number and code:</translation>
    </message>
    <message>
        <source>Order number (the digits are enough)</source>
        <translation>Order number (the digits are enough)</translation>
    </message>
    <message>
        <source>e.g. 01 1207 0042</source>
        <translation>e.g. 01 1207 0042</translation>
    </message>
    <message>
        <source>Last 4 digits of your phone, or the lookup code on your receipt</source>
        <translation>Last 4 digits of your phone, or the lookup code on your receipt</translation>
    </message>
    <message>
        <source>4 digits</source>
        <translation>4 digits</translation>
    </message>
    <message>
        <source>Find my order</source>
        <translation>Find my order</translation>
    </message>
</context>
<context>
    <name>OrderReturnScreen</name>
    <message>
        <source>Return or exchange</source>
        <translation>Return or exchange</translation>
    </message>
    <message>
        <source>What would you like?</source>
        <translation>What would you like?</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Money back</source>
        <translation>Money back</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>The same item again</source>
        <translation>The same item again</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Why?</translation>
    </message>
    <message>
        <source>Quality problem</source>
        <translation>Quality problem</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>Wrong item</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>Which items?</source>
        <translation>Which items?</translation>
    </message>
    <message>
        <source>Anything the store should know? (optional)</source>
        <translation>Anything the store should know? (optional)</translation>
    </message>
    <message>
        <source>e.g. the lid was broken</source>
        <translation>e.g. the lid was broken</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Send request</translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <source>My order</source>
        <translation>My order</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Your requests</source>
        <translation>Your requests</translation>
    </message>
    <message>
        <source>Change details and pay</source>
        <translation>Change details and pay</translation>
    </message>
    <message>
        <source>Request a change</source>
        <translation>Request a change</translation>
    </message>
    <message>
        <source>Return or exchange</source>
        <translation>Return or exchange</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
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
        <source>Call attendant</source>
        <translation>Call attendant</translation>
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
    <name>PinPad</name>
    <message>
        <source>Confirm the new PIN</source>
        <translation>Confirm the new PIN</translation>
    </message>
    <message>
        <source>New technician PIN</source>
        <translation>New technician PIN</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>Technician PIN</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Delete the last digit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
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
        <source>Often bought together</source>
        <translation>Often bought together</translation>
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
<context>
    <name>TechAnalyticsPage</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Reading the figures…</source>
        <translation>Reading the figures…</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>Average order</translation>
    </message>
    <message>
        <source>Repeat shoppers</source>
        <translation>Repeat shoppers</translation>
    </message>
    <message>
        <source>Sales by hour of day</source>
        <translation>Sales by hour of day</translation>
    </message>
    <message>
        <source>Sales by day</source>
        <translation>Sales by day</translation>
    </message>
    <message>
        <source>Sales by category</source>
        <translation>Sales by category</translation>
    </message>
    <message>
        <source>Shopping funnel (sessions at each step)</source>
        <translation>Shopping funnel (sessions at each step)</translation>
    </message>
    <message>
        <source>Top products</source>
        <translation>Top products</translation>
    </message>
    <message>
        <source>No sales in this period.</source>
        <translation>No sales in this period.</translation>
    </message>
    <message>
        <source>Export these figures as CSV files to:</source>
        <translation>Export these figures as CSV files to:</translation>
    </message>
    <message>
        <source>Look for USB sticks</source>
        <translation>Look for USB sticks</translation>
    </message>
</context>
<context>
    <name>TechDevicesPage</name>
    <message>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnect</translation>
    </message>
    <message>
        <source>Change in Settings</source>
        <translation>Change in Settings</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>Barcode scanner</translation>
    </message>
    <message>
        <source>Payment QR display</source>
        <translation>Payment QR display</translation>
    </message>
    <message>
        <source>Live scans</source>
        <translation>Live scans</translation>
    </message>
    <message>
        <source>Scan a code to test the scanner: scans here do not reach the shopper screens. The last 20 are kept until the area locks. Control bytes show by name, such as &lt;CR&gt; or &lt;GS&gt;.</source>
        <translation>Scan a code to test the scanner: scans here do not reach the shopper screens. The last 20 are kept until the area locks. Control bytes show by name, such as &lt;CR&gt; or &lt;GS&gt;.</translation>
    </message>
    <message>
        <source>No scans yet.</source>
        <translation>No scans yet.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>TechKeypad</name>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>TechOrderDetail</name>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>No payment was created.</source>
        <translation>No payment was created.</translation>
    </message>
    <message>
        <source>Contact (masked)</source>
        <translation>Contact (masked)</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>Asking the store…</source>
        <translation>Asking the store…</translation>
    </message>
    <message>
        <source>Mark as settled…</source>
        <translation>Mark as settled…</translation>
    </message>
    <message>
        <source>Settle with the store</source>
        <translation>Settle with the store</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>Cancel order %1? The store is asked to close its payment first. If the store has it as paid, the order stays paid.</source>
        <translation>Cancel order %1? The store is asked to close its payment first. If the store has it as paid, the order stays paid.</translation>
    </message>
    <message>
        <source>Order %1 was paid after the shopper had left. How did staff settle it?</source>
        <translation>Order %1 was paid after the shopper had left. How did staff settle it?</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <source>The goods were handed over</source>
        <translation>The goods were handed over</translation>
    </message>
    <message>
        <source>It was refunded at the store</source>
        <translation>It was refunded at the store</translation>
    </message>
</context>
<context>
    <name>TechOrdersPage</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Order number, e.g. 0042</source>
        <translation>Order number, e.g. 0042</translation>
    </message>
</context>
<context>
    <name>TechSettingsField</name>
    <message>
        <source>On</source>
        <translation>On</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>TechSettingsPage</name>
    <message>
        <source>Change the technician PIN</source>
        <translation>Change the technician PIN</translation>
    </message>
    <message>
        <source>Diagnostic bundle (logs, settings without secrets, device and sync status, versions): choose where to write it.</source>
        <translation>Diagnostic bundle (logs, settings without secrets, device and sync status, versions): choose where to write it.</translation>
    </message>
    <message>
        <source>USB: </source>
        <translation>USB: </translation>
    </message>
    <message>
        <source>Kiosk: </source>
        <translation>Kiosk: </translation>
    </message>
    <message>
        <source>Look for USB sticks</source>
        <translation>Look for USB sticks</translation>
    </message>
    <message>
        <source>Exit to the desktop</source>
        <translation>Exit to the desktop</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not saved yet.</source>
        <translation>
            <numerusform>%n change not saved yet.</numerusform>
            <numerusform>%n changes not saved yet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Close the kiosk app and show the desktop? Shoppers cannot use the kiosk until it is started again.</source>
        <translation>Close the kiosk app and show the desktop? Shoppers cannot use the kiosk until it is started again.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TechSettingsService</name>
    <message>
        <source>Shoppers see: closed (outside opening hours).</source>
        <translation>Shoppers see: closed (outside opening hours).</translation>
    </message>
    <message>
        <source>Shoppers see: out of service.</source>
        <translation>Shoppers see: out of service.</translation>
    </message>
    <message>
        <source>Shoppers see: open.</source>
        <translation>Shoppers see: open.</translation>
    </message>
    <message>
        <source>Reason shown to shoppers (optional)</source>
        <translation>Reason shown to shoppers (optional)</translation>
    </message>
    <message>
        <source>e.g. 补货中 / Restocking</source>
        <translation>e.g. 补货中 / Restocking</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Back in service</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>Take out of service</translation>
    </message>
    <message>
        <source>The kiosk also goes out of service by itself when the printer cannot print and the e-receipt is off, and comes back when it prints again.</source>
        <translation>The kiosk also goes out of service by itself when the printer cannot print and the e-receipt is off, and comes back when it prints again.</translation>
    </message>
</context>
<context>
    <name>TechSyncPage</name>
    <message>
        <source>Clock</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>Orders waiting</source>
        <translation>Orders waiting</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>Oldest waiting</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>Last catalog pull</source>
        <translation>Last catalog pull</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Pulling…</source>
        <translation>Pulling…</translation>
    </message>
    <message>
        <source>Pull catalog now</source>
        <translation>Pull catalog now</translation>
    </message>
    <message>
        <source>Quarantined orders</source>
        <translation>Quarantined orders</translation>
    </message>
    <message>
        <source>None: every order the kiosk took is queued or at the store.</source>
        <translation>None: every order the kiosk took is queued or at the store.</translation>
    </message>
    <message>
        <source>seq %1</source>
        <translation>seq %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Open alerts</translation>
    </message>
    <message>
        <source>No alerts since the kiosk started.</source>
        <translation>No alerts since the kiosk started.</translation>
    </message>
    <message>
        <source>not at the store yet</source>
        <translation>not at the store yet</translation>
    </message>
    <message>
        <source>Technician log (last 50)</source>
        <translation>Technician log (last 50)</translation>
    </message>
    <message>
        <source>Export order %1 to:</source>
        <translation>Export order %1 to:</translation>
    </message>
    <message>
        <source>USB: %1</source>
        <translation>USB: %1</translation>
    </message>
    <message>
        <source>The kiosk&apos;s exports folder</source>
        <translation>The kiosk&apos;s exports folder</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
