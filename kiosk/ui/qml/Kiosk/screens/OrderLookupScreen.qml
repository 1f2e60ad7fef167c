import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// My order: scan the receipt's QR code, or type the order number and a 4-digit code on the keypad.
// Portrait: one column, the keypad below the fields. Landscape: the fields left, the keypad right.
Rectangle {
    id: screen
    objectName: "orderLookupScreen"
    color: Theme.background

    component DigitField: Rectangle {
        id: box
        property string label
        property string value
        property string placeholder
        property string error
        property bool active
        signal tapped()
        Layout.fillWidth: true
        implicitHeight: column.implicitHeight
        color: "transparent"
        MouseArea {  // the label too: the whole field takes the tap
            anchors.fill: parent
            onClicked: box.tapped()
        }
        ColumnLayout {
            id: column
            width: parent.width
            spacing: 8
            Text {
                Layout.fillWidth: true
                text: box.label
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.bold: true
                wrapMode: Text.Wrap
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: Math.max(Theme.touchMin + 32, shown.implicitHeight + 24)
                radius: Theme.radius
                color: Theme.surface
                border.color: box.error !== "" ? Theme.danger : box.active ? Theme.primary : Theme.border
                border.width: box.active ? 5 : 3
                Text {
                    id: shown
                    objectName: box.objectName + "Text"
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.margins: Theme.spacing
                    text: box.value !== "" ? box.value : box.placeholder
                    textFormat: Text.PlainText
                    color: box.value !== "" ? Theme.text : Theme.textMuted
                    font.pixelSize: box.value !== "" ? Theme.fontTitle : Theme.fontBody
                    font.bold: box.value !== ""
                    font.letterSpacing: box.value !== "" ? 4 : 0
                    elide: Text.ElideLeft
                }
            }
            Text {
                objectName: box.objectName + "Error"
                Layout.fillWidth: true
                visible: box.error !== ""
                text: box.error
                textFormat: Text.PlainText
                color: Theme.danger
                font.pixelSize: Theme.fontSmall
                font.bold: true
                wrapMode: Text.Wrap
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("My order")
        }
        // scrolls only when the screen is short of room (reach mode, large text)
        Flickable {
            id: flick
            objectName: "lookupFlick"
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
            columnSpacing: Theme.margin * 1.5
            rowSpacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing

                // the quickest way: the receipt's QR under the scanner
                Rectangle {
                    objectName: "lookupScanHint"
                    Layout.fillWidth: true
                    implicitHeight: scanRow.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: 2
                    RowLayout {
                        id: scanRow
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacing
                        ReceiptQrHint {
                            visible: Theme.reachTop === 0  // reach mode: the words alone, to save room
                            Layout.alignment: Qt.AlignVCenter
                            Layout.preferredWidth: Theme.portrait ? 168 : 128
                            Layout.preferredHeight: Layout.preferredWidth
                            scale: Layout.preferredWidth / 168
                            transformOrigin: Item.TopLeft
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 8
                            Text {
                                Layout.fillWidth: true
                                text: qsTr("Scan the QR code on your receipt")
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                            Text {
                                Layout.fillWidth: true
                                text: qsTr("Hold it 10 to 20 cm in front of the scanner window.")
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Or type your order number and code:")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                DigitField {
                    objectName: "lookupNumberField"
                    label: qsTr("Order number (the digits are enough)")
                    placeholder: qsTr("e.g. 01 1207 0042")
                    value: MyOrder.numberText
                    error: MyOrder.numberError
                    active: MyOrder.activeField === "number"
                    onTapped: MyOrder.selectField("number")
                }
                DigitField {
                    objectName: "lookupCodeField"
                    label: qsTr("Last 4 digits of your phone, or the lookup code on your receipt")
                    placeholder: qsTr("4 digits")
                    value: MyOrder.codeText
                    error: MyOrder.codeError
                    active: MyOrder.activeField === "code"
                    onTapped: MyOrder.selectField("code")
                }
                Text {
                    objectName: "lookupMessage"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: MyOrder.busy ? MyOrder.busyText : MyOrder.lookupMessage
                    textFormat: Text.PlainText
                    color: MyOrder.busy ? Theme.text : Theme.danger
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    wrapMode: Text.Wrap
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing
                DigitKeypad {
                    objectName: "lookupKeypad"
                    Layout.fillWidth: true
                    keyHeight: Theme.portrait ? Theme.touchMin + 64 : Theme.touchMin + 44
                    enabled: !MyOrder.throttled && !MyOrder.busy
                    onDigit: (d) => MyOrder.digit(d)
                    onErase: MyOrder.backspace()
                }
                KioskButton {
                    objectName: "lookupFind"
                    Layout.fillWidth: true
                    text: qsTr("Find my order")
                    fontSize: Theme.fontTitle
                    dimmed: !MyOrder.canFind || MyOrder.busy
                    onClicked: MyOrder.find()
                }
            }
        }
        }
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
