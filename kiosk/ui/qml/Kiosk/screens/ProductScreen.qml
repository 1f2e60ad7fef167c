import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Everything about one product, and the way to put it in the cart.
Rectangle {
    id: screen
    objectName: "productScreen"
    color: Theme.background
    // the screen is reused for every product: each one opens at the top
    Connections {
        target: Product
        function onShown() { flick.contentY = 0 }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Product details")
        }
        Flickable {
            id: flick
            objectName: "productFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight + 2 * Theme.margin
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            GridLayout {
                id: body
                x: Theme.margin
                y: Theme.margin
                width: flick.width - 2 * Theme.margin
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.margin
                rowSpacing: Theme.spacing

                // gallery: swipe between pictures
                Rectangle {
                    Layout.fillWidth: Theme.portrait
                    Layout.preferredWidth: Theme.portrait ? -1 : 720
                    Layout.preferredHeight: Theme.portrait ? 620 : 720
                    Layout.alignment: Qt.AlignTop
                    color: Theme.surface
                    radius: Theme.radius
                    border.color: Theme.border
                    ListView {
                        id: gallery
                        objectName: "gallery"
                        anchors.fill: parent
                        anchors.margins: 12
                        anchors.bottomMargin: 48
                        clip: true
                        orientation: ListView.Horizontal
                        snapMode: ListView.SnapOneItem
                        highlightRangeMode: ListView.StrictlyEnforceRange
                        preferredHighlightBegin: 0
                        preferredHighlightEnd: width
                        // each product opens on its first picture
                        onModelChanged: positionViewAtBeginning()
                        boundsBehavior: Flickable.StopAtBounds
                        model: Product.images
                        delegate: Image {
                            required property string modelData
                            required property int index
                            objectName: "galleryImage_" + index
                            width: gallery.width
                            height: gallery.height
                            source: modelData
                            asynchronous: true
                            fillMode: Image.PreserveAspectFit
                            sourceSize.width: 720
                            sourceSize.height: 720
                        }
                    }
                    Row {
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.bottom: parent.bottom
                        anchors.bottomMargin: 16
                        spacing: 12
                        Repeater {
                            model: gallery.count > 1 ? gallery.count : 0
                            Rectangle {
                                required property int index
                                width: 18; height: 18; radius: 9
                                color: index === gallery.currentIndex ? Theme.primary : Theme.border
                            }
                        }
                    }
                }

                // name, price, stock, delivery and the buying controls
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    Text {
                        objectName: "productName"
                        Layout.fillWidth: true
                        text: Product.name
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "productBrand"
                        Layout.fillWidth: true
                        text: qsTr("Brand: %1").arg(Product.brand)
                        textFormat: Text.PlainText
                        visible: Product.brand !== ""
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    RowLayout {
                        spacing: Theme.spacing
                        Text {
                            objectName: "productPrice"
                            text: Product.price
                            textFormat: Text.PlainText
                            color: Theme.primary
                            font.pixelSize: Theme.fontHero * 0.7
                            font.bold: true
                        }
                        StockLabel {
                            objectName: "productStock"
                            state: Product.stockState
                            stock: Product.stock
                            font.pixelSize: Theme.fontBody
                        }
                    }
                    Text {
                        objectName: "productDeliveryNote"
                        visible: text !== ""
                        text: Product.deliveryNote
                        textFormat: Text.PlainText
                        color: Theme.warning
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                    }
                    Text {
                        objectName: "productDelivery"
                        Layout.fillWidth: true
                        text: Product.deliveryText
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 16
                        KioskButton {
                            objectName: "quantityMinus"
                            implicitWidth: Theme.touchMin + 32
                            text: "－"
                            fontSize: Theme.fontTitle
                            primary: false
                            enabled: Product.quantity > 1
                            onClicked: Product.decrease()
                        }
                        Text {
                            objectName: "quantityValue"
                            Layout.minimumWidth: 80
                            horizontalAlignment: Text.AlignHCenter
                            text: Product.quantity
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.fontTitle
                            font.bold: true
                        }
                        KioskButton {
                            objectName: "quantityPlus"
                            implicitWidth: Theme.touchMin + 32
                            text: "+"
                            fontSize: Theme.fontTitle
                            primary: false
                            enabled: Product.quantity < Product.maxQuantity
                            onClicked: Product.increase()
                        }
                        KioskButton {
                            objectName: "addToCart"
                            Layout.fillWidth: true
                            text: Product.stockState === "soldOut" ? qsTr("Sold out") : qsTr("Add to cart")
                            primary: false
                            enabled: Product.canAdd
                            onClicked: Product.addToCart()
                        }
                    }
                    // one tap from a scanned product to paying
                    KioskButton {
                        objectName: "buyNow"
                        Layout.fillWidth: true
                        visible: Product.stockState !== "soldOut"
                        text: qsTr("Buy now")
                        fontSize: Theme.fontTitle
                        enabled: Product.canAdd || Product.inCart > 0
                        onClicked: Product.buyNow()
                    }
                    Text {
                        objectName: "productInCart"
                        visible: Product.inCart > 0
                        text: qsTr("In your cart: %1").arg(Product.inCart)
                        textFormat: Text.PlainText
                        color: Theme.success
                        font.pixelSize: Theme.fontBody
                    }
                    Text {
                        objectName: "productDescription"
                        Layout.fillWidth: true
                        text: Product.description
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }

                // what other shoppers bought with it (hidden when there is nothing to show)
                ProductRow {
                    objectName: "togetherSection"
                    Layout.fillWidth: true
                    Layout.columnSpan: body.columns
                    visible: Recommend.together.count > 0
                    title: qsTr("Often bought together")
                    namePrefix: "together"
                    model: Recommend.together
                }

                // specifications
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.columnSpan: body.columns
                    spacing: 0
                    visible: specRepeater.count > 0
                    Text {
                        text: qsTr("Specifications")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        bottomPadding: 12
                    }
                    Repeater {
                        id: specRepeater
                        objectName: "specTable"
                        model: Product.specs
                        Rectangle {
                            required property int index
                            required property string key
                            required property string value
                            Layout.fillWidth: true
                            implicitHeight: Math.max(keyText.implicitHeight, valueText.implicitHeight) + 24
                            color: index % 2 ? Theme.background : Theme.surface
                            border.color: Theme.highContrast ? Theme.border : "transparent"
                            Text {
                                id: keyText
                                objectName: "specKey_" + index
                                x: 16
                                width: parent.width * 0.32
                                anchors.verticalCenter: parent.verticalCenter
                                text: key
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                            Text {
                                id: valueText
                                objectName: "specValue_" + index
                                x: parent.width * 0.35
                                width: parent.width * 0.63
                                anchors.verticalCenter: parent.verticalCenter
                                text: value
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }

                // reviews: summary, distribution, newest first
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.columnSpan: body.columns
                    spacing: 12
                    Text {
                        text: qsTr("Reviews")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                    }
                    Text {
                        objectName: "reviewsEmpty"
                        visible: Product.reviewCount === 0
                        text: qsTr("No reviews yet")
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                    }
                    RowLayout {
                        visible: Product.reviewCount > 0
                        Layout.fillWidth: true
                        spacing: Theme.margin
                        ColumnLayout {
                            Text {
                                objectName: "ratingAverage"
                                Layout.alignment: Qt.AlignHCenter
                                text: Product.ratingAverage
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontHero
                                font.bold: true
                            }
                            Text {
                                objectName: "reviewCount"
                                Layout.alignment: Qt.AlignHCenter
                                text: qsTr("%n review(s)", "", Product.reviewCount)
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontBody
                            }
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 6
                            Repeater {
                                model: Product.ratingDistribution
                                RowLayout {
                                    required property var modelData
                                    Layout.fillWidth: true
                                    spacing: 12
                                    Text {
                                        Layout.preferredWidth: 70
                                        text: modelData.stars + " ★"
                                        textFormat: Text.PlainText
                                        color: Theme.text
                                        font.pixelSize: Theme.fontSmall
                                    }
                                    Rectangle {
                                        Layout.fillWidth: true
                                        implicitHeight: 20
                                        radius: 10
                                        color: Theme.border
                                        Rectangle {
                                            width: parent.width * modelData.share
                                            height: parent.height
                                            radius: 10
                                            color: Theme.star
                                        }
                                    }
                                    Text {
                                        Layout.preferredWidth: 60
                                        horizontalAlignment: Text.AlignRight
                                        text: modelData.count
                                        textFormat: Text.PlainText
                                        color: Theme.textMuted
                                        font.pixelSize: Theme.fontSmall
                                    }
                                }
                            }
                        }
                    }
                    Repeater {
                        model: Product.reviews
                        Rectangle {
                            id: reviewCard
                            required property int index
                            required property int stars
                            required property string text
                            required property string date
                            required property string author
                            objectName: "review_" + index
                            Layout.fillWidth: true
                            implicitHeight: reviewColumn.implicitHeight + 32
                            radius: Theme.radius
                            color: Theme.surface
                            border.color: Theme.border
                            ColumnLayout {
                                id: reviewColumn
                                anchors.fill: parent
                                anchors.margins: 16
                                spacing: 6
                                RowLayout {
                                    Layout.fillWidth: true
                                    Text {
                                        text: "★★★★★".slice(0, stars) + "☆☆☆☆☆".slice(0, 5 - stars)
                                        textFormat: Text.PlainText
                                        color: Theme.star
                                        font.pixelSize: Theme.fontBody
                                    }
                                    Text {
                                        objectName: "reviewAuthor_" + index
                                        text: author
                                        textFormat: Text.PlainText
                                        color: Theme.textMuted
                                        font.pixelSize: Theme.fontSmall
                                    }
                                    Item { Layout.fillWidth: true }
                                    Text {
                                        objectName: "reviewDate_" + index
                                        text: date
                                        textFormat: Text.PlainText
                                        color: Theme.textMuted
                                        font.pixelSize: Theme.fontSmall
                                    }
                                }
                                Text {
                                    objectName: "reviewText_" + index
                                    Layout.fillWidth: true
                                    text: reviewCard.text
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                    wrapMode: Text.Wrap
                                }
                            }
                        }
                    }
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
