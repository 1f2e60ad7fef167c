import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Paid: the order number large, how the shopper gets the goods, whether the receipt printed, and
// Finish (which forgets the shopper; so does the idle timer if they just walk away).
// Portrait: one column. Landscape: the order number on the left, the notes on the right, so the
// number stays in sight however little room there is.
Rectangle {
    objectName: "doneScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Thank you")
            navigation: false
        }
        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
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

                // paid, and the number to keep
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop  // the number first, should the notes need scrolling
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
                }

                // what was paid, how the goods come, and the receipt
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.maximumWidth: 1200
                    Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                    spacing: Theme.spacing
                    Text {
                        objectName: "doneAmount"
                        Layout.fillWidth: true
                        text: qsTr("%1 by %2").arg(Payment.amountText).arg(Payment.methodName)
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: Theme.portrait ? Text.AlignHCenter : Text.AlignLeft
                        wrapMode: Text.Wrap
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: notes.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        ColumnLayout {
                            id: notes
                            anchors.fill: parent
                            anchors.margins: Theme.spacing
                            spacing: Theme.spacing
                            Text {
                                objectName: "doneFulfilment"
                                Layout.fillWidth: true
                                text: Payment.fulfilmentText
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                            Text {
                                objectName: "doneReceipt"
                                Layout.fillWidth: true
                                text: Payment.receiptText
                                textFormat: Text.PlainText
                                color: Payment.receiptPrinted ? Theme.success : Theme.warning
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
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
