import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The cart: each line with its quantity stepper and removal, the total, and the way to checkout.
Rectangle {
    objectName: "cartScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Your cart")
        }

        // why the shopper is back here (a payment cancelled or timed out): the cart is as it was
        Rectangle {
            objectName: "cartNotice"
            visible: Cart.notice !== ""
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            Layout.bottomMargin: 0
            implicitHeight: noticeText.implicitHeight + Theme.spacing * 2
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.warning
            border.width: 3
            Text {
                id: noticeText
                objectName: "cartNoticeText"
                anchors.fill: parent
                anchors.margins: Theme.spacing
                text: Cart.notice
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                verticalAlignment: Text.AlignVCenter
            }
        }

        // nothing in it: say so and lead back to the shelves
        ColumnLayout {
            objectName: "cartEmpty"
            visible: Cart.empty
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
            spacing: Theme.spacing * 2
            Item { Layout.fillHeight: true }
            Text {
                objectName: "cartEmptyText"
                Layout.fillWidth: true
                text: qsTr("Your cart is empty")
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Browse the categories, search, or scan a barcode to add products.")
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            KioskButton {
                objectName: "cartStartShopping"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Math.max(implicitWidth, 480)
                text: qsTr("Start shopping")
                onClicked: Cart.keepShopping()
            }
            Item { Layout.fillHeight: true }
        }

        ListView {
            id: list
            objectName: "cartLines"
            visible: !Cart.empty
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            topMargin: Theme.spacing
            bottomMargin: Theme.spacing
            spacing: Theme.spacing
            model: Cart.lines
            // each card is inset from the list's edges (a ListView places its delegates at x = 0)
            delegate: Item {
                id: line
                required property int index
                required property int productId
                required property string name
                required property string unitPrice
                required property int quantity
                required property string lineTotal
                required property string image
                required property bool canIncrease
                required property bool canDecrease
                required property string problem
                required property string priceNote
                objectName: "cartLine_" + index
                width: list.width
                implicitHeight: lineRow.implicitHeight + 2 * Theme.spacing

                Rectangle {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: line.problem !== "" ? Theme.danger : Theme.border
                    border.width: line.problem !== "" ? 3 : 1
                }

                RowLayout {
                    id: lineRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    anchors.leftMargin: Theme.margin + Theme.spacing
                    anchors.rightMargin: Theme.margin + Theme.spacing
                    spacing: Theme.spacing
                    Image {
                        Layout.alignment: Qt.AlignTop
                        Layout.preferredWidth: 140
                        Layout.preferredHeight: 140
                        source: line.image
                        asynchronous: true
                        sourceSize.width: 140
                        sourceSize.height: 140
                        fillMode: Image.PreserveAspectFit
                    }
                    // portrait: the stepper row under the name; landscape: beside it
                    GridLayout {
                        Layout.fillWidth: true
                        columns: Theme.portrait ? 1 : 2
                        columnSpacing: Theme.spacing
                        rowSpacing: 12
                        ColumnLayout {
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignVCenter
                            spacing: 12
                            Text {
                                objectName: "cartLineName_" + line.index
                                Layout.fillWidth: true
                                text: line.name
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                wrapMode: Text.Wrap
                                maximumLineCount: 3
                                elide: Text.ElideRight
                            }
                            Text {
                                objectName: "cartLinePrice_" + line.index
                                Layout.fillWidth: true
                                text: qsTr("%1 each").arg(line.unitPrice)
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.Wrap
                            }
                            // the price changed since it was added: confirmed when paying
                            Text {
                                objectName: "cartLinePriceNote_" + line.index
                                Layout.fillWidth: true
                                visible: line.priceNote !== ""
                                text: line.priceNote
                                textFormat: Text.PlainText
                                color: Theme.warning
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                            Text {
                                objectName: "cartLineProblem_" + line.index
                                Layout.fillWidth: true
                                visible: line.problem !== ""
                                text: line.problem
                                textFormat: Text.PlainText
                                color: Theme.danger
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                        }
                        // the stepper, the line's total and its removal share one row
                        RowLayout {
                            Layout.fillWidth: Theme.portrait
                            Layout.preferredWidth: Theme.portrait ? -1 : 640 * Theme.textScale
                            Layout.alignment: Qt.AlignVCenter
                            spacing: 12
                            KioskButton {
                                objectName: "cartMinus_" + line.index
                                implicitWidth: Theme.touchMin + 16
                                text: "－"
                                fontSize: Theme.fontTitle
                                primary: false
                                enabled: line.canDecrease
                                onClicked: Cart.decrease(line.index)
                            }
                            Text {
                                objectName: "cartQuantity_" + line.index
                                Layout.minimumWidth: 64
                                horizontalAlignment: Text.AlignHCenter
                                text: line.quantity
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                            }
                            KioskButton {
                                objectName: "cartPlus_" + line.index
                                implicitWidth: Theme.touchMin + 16
                                text: "+"
                                fontSize: Theme.fontTitle
                                primary: false
                                // at the limit a tap says why (stock, or the most per line)
                                dimmed: !line.canIncrease
                                onClicked: Cart.increase(line.index)
                            }
                            Text {
                                objectName: "cartLineTotal_" + line.index
                                Layout.fillWidth: true
                                horizontalAlignment: Text.AlignRight
                                text: line.lineTotal
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                fontSizeMode: Text.HorizontalFit
                                minimumPixelSize: Theme.fontSmall
                            }
                            KioskButton {
                                objectName: "cartRemove_" + line.index
                                text: qsTr("Remove")
                                primary: false
                                onClicked: Cart.remove(line.index)
                            }
                        }
                    }
                }
            }
        }

        // what other shoppers bought with what is in the cart (hidden when there is nothing to show)
        ProductRow {
            objectName: "cartTogetherSection"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.bottomMargin: Theme.spacing
            visible: !Cart.empty && Recommend.cartTogether.count > 0
            title: qsTr("Often bought together")
            namePrefix: "cartTogether"
            model: Recommend.cartTogether
        }

        // the total and the way on
        Rectangle {
            visible: !Cart.empty
            Layout.fillWidth: true
            implicitHeight: footer.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: footer
                anchors.fill: parent
                anchors.margins: Theme.spacing
                anchors.leftMargin: Theme.margin
                spacing: Theme.spacing
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 4
                    Text {
                        objectName: "cartItemCount"
                        Layout.fillWidth: true
                        text: qsTr("Total (%n item(s))", "", Cart.itemCount)
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "cartTotal"
                        Layout.fillWidth: true
                        text: Cart.totalText
                        textFormat: Text.PlainText
                        color: Theme.primary
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: Theme.fontBody
                    }
                }
                KioskButton {
                    objectName: "cartCheckout"
                    Layout.preferredWidth: Math.max(implicitWidth, Theme.portrait ? 420 : 520)
                    text: qsTr("Checkout")
                    fontSize: Theme.fontTitle
                    enabled: Cart.canCheckout
                    onClicked: Cart.checkout()
                }
            }
        }

        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
