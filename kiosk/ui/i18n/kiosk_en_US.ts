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
    <name>Cart</name>
    <message>
        <source>Your cart is empty</source>
        <translation>Your cart is empty</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in your cart</source>
        <translation>
            <numerusform>%n item in your cart</numerusform>
            <numerusform>%n items in your cart</numerusform>
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
    <name>Scan</name>
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
