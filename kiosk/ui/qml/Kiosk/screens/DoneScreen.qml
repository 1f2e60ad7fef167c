import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend
import KioskDevices

// Paid: the order number large, how the shopper gets the goods, the receipt (paper, or a QR of the
// store's order page to keep on their phone), and Finish (which forgets the shopper; so does the idle
// timer if they just walk away).
// Portrait: one column. Landscape: the order number on the left, the notes on the right, so the
// number stays in sight however little room there is.
Rectangle {
    id: screen
    objectName: "doneScreen"
    color: Theme.background
    // null for a moment as the kiosk shuts down: every binding below reads it guarded
    readonly property var receipt: Payment.receiptView

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Thank you")
            navigation: false
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Flickable {
                id: flick
                anchors.fill: parent
                contentHeight: Math.max(height, body.implicitHeight + 2 * Theme.spacing)
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                GridLayout {
                    id: body
                    x: Theme.margin
                    width: flick.width - 2 * Theme.margin
                    y: Math.max(Theme.spacing, (flick.height - implicitHeight) / 2)
                    columns: Theme.portrait ? 1 : 2
                    columnSpacing: Theme.margin
                    rowSpacing: Theme.spacing

                    // paid, the number to keep, what was paid and how the goods come
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.maximumWidth: 1200
                        Layout.alignment: Qt.AlignHCenter | Qt.AlignTop  // the number first, should the rest scroll
                        spacing: Theme.portrait ? Theme.spacing : 8
                        RowLayout {
                            Layout.alignment: Qt.AlignHCenter
                            spacing: Theme.spacing
                            PaidMark {
                                readonly property int side: Theme.portrait ? 96 : 64
                                Layout.preferredWidth: side
                                Layout.preferredHeight: side
                            }
                            Text {
                                objectName: "doneStatus"
                                text: qsTr("Paid")
                                textFormat: Text.PlainText
                                color: Theme.success
                                font.pixelSize: Theme.portrait ? Theme.fontHero : Math.round(Theme.fontTitle * 1.3)
                                font.bold: true
                            }
                        }
                        Text {
                            Layout.fillWidth: true
                            Layout.topMargin: Theme.portrait ? Theme.spacing : 0
                            text: qsTr("Your order number")
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                            horizontalAlignment: Text.AlignHCenter
                        }
                        Text {
                            objectName: "doneOrderNo"
                            Layout.fillWidth: true
                            text: Payment.orderNo
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.portrait ? Math.round(Theme.fontHero * 1.3) : Theme.fontHero
                            font.bold: true
                            horizontalAlignment: Text.AlignHCenter
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: Theme.fontTitle
                        }
                        // with the number, it finds the order again at any kiosk of the store ("My order")
                        Text {
                            objectName: "doneLookupCode"
                            Layout.fillWidth: true
                            visible: Payment.lookupCode !== ""
                            text: qsTr("Lookup code %1").arg(Payment.lookupCode)
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                            horizontalAlignment: Text.AlignHCenter
                        }
                        Text {
                            objectName: "doneAmount"
                            Layout.fillWidth: true
                            Layout.topMargin: Theme.portrait ? 0 : Theme.spacing
                            text: Payment.methodName ? qsTr("%1 by %2").arg(Payment.amountText).arg(Payment.methodName)
                                                     : Payment.amountText
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.Wrap
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            Layout.topMargin: Theme.portrait ? 0 : Theme.spacing
                            implicitHeight: fulfilment.implicitHeight + 2 * Theme.spacing
                            radius: Theme.radius
                            color: Theme.surface
                            border.color: Theme.border
                            Text {
                                id: fulfilment
                                objectName: "doneFulfilment"
                                anchors.fill: parent
                                anchors.margins: Theme.spacing
                                text: Payment.fulfilmentText
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                        }
                    }

                    // the receipt: paper, or the store's order page on the phone (the QR). The choice while
                    // paper comes out; the QR by itself when it cannot.
                    Rectangle {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.maximumWidth: 1200
                        Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                        implicitHeight: receiptColumn.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        ColumnLayout {
                            id: receiptColumn
                            anchors.fill: parent
                            anchors.margins: Theme.spacing
                            spacing: Theme.spacing
                            Text {
                                objectName: "doneReceipt"
                                Layout.fillWidth: true
                                text: screen.receipt?.text ?? ""
                                textFormat: Text.PlainText
                                color: (screen.receipt?.printed ?? false) || (screen.receipt?.canChoose ?? false) ? Theme.success
                                                                                         : Theme.warning
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                            RowLayout {
                                objectName: "doneReceiptChoice"
                                visible: screen.receipt?.canChoose ?? false
                                Layout.fillWidth: true
                                spacing: Theme.spacing
                                KioskButton {
                                    objectName: "doneReceiptPaper"
                                    Layout.fillWidth: true
                                    Layout.preferredWidth: 1
                                    text: qsTr("Paper receipt")
                                    primary: false
                                    checked: !(screen.receipt?.onPhone ?? false)
                                    onClicked: screen.receipt.setOnPhone(false)
                                }
                                KioskButton {
                                    objectName: "doneReceiptPhone"
                                    Layout.fillWidth: true
                                    Layout.preferredWidth: 1
                                    text: qsTr("Receipt on my phone")
                                    primary: false
                                    checked: screen.receipt?.onPhone ?? false
                                    onClicked: screen.receipt.setOnPhone(true)
                                }
                            }
                            GridLayout {
                                id: eReceipt
                                objectName: "doneEReceipt"
                                visible: screen.receipt?.onPhone ?? false
                                Layout.fillWidth: true
                                // the code beside its caption where there is room for both
                                columns: width >= 2 * codeCard.side ? 2 : 1
                                columnSpacing: Theme.spacing
                                rowSpacing: Theme.spacing
                                Rectangle {
                                    id: codeCard
                                    // a phone reads it from arm's length; the landscape column keeps it in sight
                                    readonly property int side: Theme.portrait ? 400 : 360
                                    Layout.preferredWidth: side
                                    Layout.preferredHeight: side
                                    Layout.alignment: Qt.AlignHCenter
                                    color: "#FFFFFF"  // a code reads dark on white, also in high contrast
                                    radius: Theme.radius
                                    border.color: Theme.border
                                    QrCode {
                                        objectName: "doneReceiptQr"
                                        anchors.fill: parent
                                        anchors.margins: 8
                                        view: screen.receipt?.code ?? null
                                    }
                                }
                                Text {
                                    objectName: "doneReceiptCaption"
                                    Layout.fillWidth: true
                                    Layout.alignment: Qt.AlignVCenter
                                    text: screen.receipt?.codeCaption ?? ""
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                    horizontalAlignment: eReceipt.columns === 1 ? Text.AlignHCenter : Text.AlignLeft
                                    wrapMode: Text.Wrap
                                }
                            }
                        }
                    }
                }
            }
        }
        // more below (large text, reach mode): the receipt must not go unseen; a tap brings it up
        Item {
            visible: flick.contentHeight - flick.contentY - flick.height > Theme.spacing
            Layout.fillWidth: true
            implicitHeight: moreBelow.implicitHeight + Theme.spacing
            KioskButton {
                id: moreBelow
                objectName: "doneMoreBelow"
                anchors.centerIn: parent
                text: qsTr("See your receipt below")
                primary: false
                onClicked: flick.contentY = flick.contentHeight - flick.height
            }
        }
        // Finish, always in sight whatever the text size
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: finish.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            KioskButton {
                id: finish
                objectName: "doneFinish"
                anchors.centerIn: parent
                width: Math.max(implicitWidth, 560)
                text: qsTr("Finish")
                fontSize: Theme.fontTitle
                onClicked: Session.wipe()
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
            cartVisible: false
        }
    }
}
