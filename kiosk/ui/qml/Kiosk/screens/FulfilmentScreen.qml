import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Pickup in store or home delivery (with the receiver's details), what it all costs, and the two
// ways to pay. Portrait: one column. Landscape: the choice and the costs on the left, the delivery
// form (or where to collect) on the right.
Rectangle {
    id: screen
    objectName: "fulfilmentScreen"
    color: Theme.background

    // keep the field being typed in above the keyboard
    function reveal(item) {
        if (!item || !item.activeFocus)
            return
        const top = item.mapToItem(body, 0, 0).y + Theme.margin
        const bottom = top + item.height
        if (top - Theme.spacing < flick.contentY)
            flick.contentY = Math.max(0, top - Theme.spacing)
        else if (bottom + Theme.spacing > flick.contentY + flick.height)
            flick.contentY = Math.min(Math.max(0, flick.contentHeight - flick.height),
                                      bottom + Theme.spacing - flick.height)
    }
    function revealFocused() {
        for (const field of [nameField.field, phoneField.field, addressField.field])
            reveal(field)
    }
    function putKeyboardAway() {
        flick.forceActiveFocus()
        Qt.inputMethod.hide()
    }
    // the form is checked when the shopper pays: if it is not right, show them the first field to
    // fix, its message included, whole (with large text in landscape only one field fits)
    function showFirstProblem() {
        if (!Fulfilment.delivery)
            return
        putKeyboardAway()
        const wrong = [nameField, phoneField, addressField].find(f => f.error !== "") || nameField
        const top = wrong.mapToItem(body, 0, 0).y + Theme.margin - Theme.spacing
        flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, top))
    }
    Connections {
        target: Fulfilment
        // after the messages have been laid out
        function onRefused() { Qt.callLater(screen.showFirstProblem) }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Pickup or delivery")
        }
        Flickable {
            id: flick
            objectName: "fulfilmentFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight + 2 * Theme.margin
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            onHeightChanged: screen.revealFocused()  // the keyboard came up

            GridLayout {
                id: body
                x: Theme.margin
                y: Theme.margin
                width: flick.width - 2 * Theme.margin
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.margin
                rowSpacing: Theme.spacing

                // the choice, and what it costs
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("How would you like to get your order?")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    OptionCard {
                        objectName: "pickupOption"
                        Layout.fillWidth: true
                        title: qsTr("Pick up in store")
                        detail: qsTr("Free. Collect it at the service desk with your order number.")
                        selected: !Fulfilment.delivery
                        onClicked: Fulfilment.setDelivery(false)
                    }
                    OptionCard {
                        objectName: "deliveryOption"
                        Layout.fillWidth: true
                        title: qsTr("Home delivery")
                        detail: Fulfilment.deliveryFeeNote
                        selected: Fulfilment.delivery
                        onClicked: Fulfilment.setDelivery(true)
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.spacing
                        implicitHeight: summary.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        GridLayout {
                            id: summary
                            anchors.fill: parent
                            anchors.margins: Theme.spacing
                            columns: 2
                            columnSpacing: Theme.spacing
                            rowSpacing: 8
                            Text {
                                Layout.fillWidth: true
                                text: qsTr("Goods")
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                            }
                            Text {
                                objectName: "summarySubtotal"
                                Layout.alignment: Qt.AlignRight
                                text: Fulfilment.subtotalText
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                            }
                            Text {
                                Layout.fillWidth: true
                                text: Fulfilment.delivery ? qsTr("Delivery") : qsTr("Pickup")
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                            }
                            Text {
                                objectName: "summaryShipping"
                                Layout.alignment: Qt.AlignRight
                                text: Fulfilment.shippingText
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                            }
                            Text {
                                Layout.fillWidth: true
                                text: qsTr("To pay")
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                            }
                            Text {
                                objectName: "summaryTotal"
                                Layout.alignment: Qt.AlignRight
                                text: Fulfilment.totalText
                                textFormat: Text.PlainText
                                color: Theme.primary
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                            }
                        }
                    }
                }

                // who receives it, and where; Enter moves on to the next field
                ColumnLayout {
                    id: deliveryForm
                    objectName: "deliveryForm"
                    visible: Fulfilment.delivery
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    Layout.topMargin: Theme.portrait ? Theme.spacing : 0
                    spacing: Theme.spacing
                    FormField {
                        id: nameField
                        Layout.fillWidth: true
                        fieldName: "deliveryName"
                        label: qsTr("Receiver's name")
                        placeholder: qsTr("e.g. 张伟")
                        value: Fulfilment.name
                        error: Fulfilment.nameError
                        inputHints: Qt.ImhNoPredictiveText  // no next-word guesses after each name
                        maximumLength: Fulfilment.nameMaxLength + 20
                        onEdited: (text) => Fulfilment.setName(text)
                        onAccepted: phoneField.field.forceActiveFocus()
                        field.onActiveFocusChanged: screen.reveal(field)
                    }
                    FormField {
                        id: phoneField
                        Layout.fillWidth: true
                        fieldName: "deliveryPhone"
                        label: qsTr("Mobile number")
                        placeholder: qsTr("11 digits, e.g. 13800138000")
                        value: Fulfilment.phone
                        error: Fulfilment.phoneError
                        inputHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText
                        maximumLength: 20
                        onEdited: (text) => Fulfilment.setPhone(text)
                        onAccepted: addressField.field.forceActiveFocus()
                        field.onActiveFocusChanged: screen.reveal(field)
                    }
                    FormField {
                        id: addressField
                        Layout.fillWidth: true
                        fieldName: "deliveryAddress"
                        label: qsTr("Delivery address")
                        placeholder: qsTr("District, street, building, room")
                        value: Fulfilment.address
                        error: Fulfilment.addressError
                        inputHints: Qt.ImhNoPredictiveText
                        maximumLength: Fulfilment.addressMaxLength + 40
                        onEdited: (text) => Fulfilment.setAddress(text)
                        onAccepted: screen.putKeyboardAway()
                        field.onActiveFocusChanged: screen.reveal(field)
                    }
                }

                // landscape, pickup: the right-hand column says where to collect (the layout stays put)
                Rectangle {
                    objectName: "pickupNote"
                    visible: !Theme.portrait && !Fulfilment.delivery
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    implicitHeight: pickupText.implicitHeight + 2 * Theme.margin
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    Text {
                        id: pickupText
                        anchors.fill: parent
                        anchors.margins: Theme.margin
                        text: qsTr("After paying you get an order number on screen and on your receipt. "
                                   + "Show it at the service desk to collect your order.")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }
            }
        }

        // the printer cannot print: said before the shopper chooses how to pay
        ReceiptNotice {
            objectName: "fulfilmentPrinterNotice"
            visible: Payment.receiptView.printerProblem && (Theme.portrait || !Qt.inputMethod.visible)
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.bottomMargin: visible ? Theme.spacing / 2 : 0
            compact: !Theme.portrait
        }

        // the amount and the two ways to pay, always in sight (in portrait above the keyboard too)
        Rectangle {
            Layout.fillWidth: true
            visible: Theme.portrait || !Qt.inputMethod.visible
            implicitHeight: payRow.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: payRow
                anchors.fill: parent
                anchors.margins: Theme.spacing
                anchors.leftMargin: Theme.margin
                spacing: Theme.spacing
                ColumnLayout {
                    spacing: 0
                    Text {
                        text: qsTr("To pay")
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                    Text {
                        objectName: "payBarTotal"
                        text: Fulfilment.totalText
                        textFormat: Text.PlainText
                        color: Theme.primary
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                    }
                }
                KioskButton {
                    objectName: "payWechat"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("WeChat Pay")
                    fontSize: Theme.fontTitle
                    onClicked: Fulfilment.pay("wechat")
                }
                KioskButton {
                    objectName: "payAlipay"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("Alipay")
                    fontSize: Theme.fontTitle
                    onClicked: Fulfilment.pay("alipay")
                }
            }
        }

        // stays in sight above the keyboard: help, language and the cart while typing too
        ShopperToolBar {
            id: toolBar
            Layout.fillWidth: true
        }
    }

    // the shop changed a price or the stock since these went into the cart: the shopper confirms or goes
    // back to the cart. Help and the language stay within reach below it (a changed cart closes it).
    CartChangesPanel {
        width: parent.width
        height: parent.height - toolBar.height
        visible: Fulfilment.reviewing
        onVisibleChanged: if (visible) screen.putKeyboardAway()
    }
}
