import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Change an order's details: unpaid, the shopper edits them and pays (the payment screen follows);
// paid and not shipped, the shopper asks and the store decides. Pickup or delivery, the receiver's
// name, phone and address (on-screen keyboard), and the delivery fee the change makes. The send (or
// pay) bar stays above the keyboard.
Rectangle {
    id: screen
    objectName: "orderChangeScreen"
    color: Theme.background

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
    function showFirstProblem() {
        putKeyboardAway()
        const wrong = [nameField, phoneField, addressField].find(f => f.error !== "" && f.visible)
        const target = wrong || formMessage
        const top = target.mapToItem(body, 0, 0).y + Theme.margin - Theme.spacing
        flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, top))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: MyOrder.editMode ? qsTr("Change details and pay") : qsTr("Request a change")
        }
        Flickable {
            id: flick
            objectName: "orderChangeFlick"
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

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    Text {
                        Layout.fillWidth: true
                        text: MyOrder.editMode
                              ? qsTr("Order %1 is not paid yet: change what you need, then pay.").arg(MyOrder.orderNo)
                              : qsTr("Order %1: type only what should change. The store confirms or declines your request.").arg(MyOrder.orderNo)
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    OptionCard {
                        objectName: "changePickup"
                        Layout.fillWidth: true
                        title: qsTr("Pick up in store")
                        detail: qsTr("Free")
                        selected: !MyOrder.delivery
                        onClicked: MyOrder.setDelivery(false)
                    }
                    OptionCard {
                        objectName: "changeDelivery"
                        Layout.fillWidth: true
                        title: qsTr("Home delivery")
                        detail: MyOrder.deliveryFeeNote
                        selected: MyOrder.delivery
                        onClicked: MyOrder.setDelivery(true)
                    }
                    Text {
                        objectName: "changeFee"
                        Layout.fillWidth: true
                        text: MyOrder.feeText
                        textFormat: Text.PlainText
                        color: Theme.text
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
                    // unpaid and picked up: nobody to deliver to, so no details to give
                    visible: !MyOrder.editMode || MyOrder.delivery
                    FormField {
                        id: nameField
                        Layout.fillWidth: true
                        fieldName: "changeName"
                        label: qsTr("Receiver's name")
                        placeholder: MyOrder.currentName !== "" && !MyOrder.editMode
                                     ? qsTr("Now: %1").arg(MyOrder.currentName) : qsTr("e.g. 张伟")
                        value: MyOrder.name
                        error: MyOrder.nameError
                        inputHints: Qt.ImhNoPredictiveText
                        maximumLength: MyOrder.nameMaxLength + 20
                        onEdited: (text) => MyOrder.setName(text)
                        onAccepted: phoneField.field.forceActiveFocus()
                        field.onActiveFocusChanged: screen.reveal(field)
                    }
                    FormField {
                        id: phoneField
                        Layout.fillWidth: true
                        fieldName: "changePhone"
                        label: qsTr("Mobile number")
                        placeholder: MyOrder.currentPhone !== "" && !MyOrder.editMode
                                     ? qsTr("Now: %1").arg(MyOrder.currentPhone) : qsTr("11 digits, e.g. 13800138000")
                        value: MyOrder.phone
                        error: MyOrder.phoneError
                        inputHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText
                        maximumLength: 20
                        onEdited: (text) => MyOrder.setPhone(text)
                        onAccepted: addressField.field.forceActiveFocus()
                        field.onActiveFocusChanged: screen.reveal(field)
                    }
                    FormField {
                        id: addressField
                        Layout.fillWidth: true
                        fieldName: "changeAddress"
                        label: qsTr("Delivery address")
                        placeholder: MyOrder.currentAddress !== "" && !MyOrder.editMode
                                     ? qsTr("Now: %1").arg(MyOrder.currentAddress) : qsTr("District, street, building, room")
                        value: MyOrder.address
                        error: MyOrder.addressError
                        inputHints: Qt.ImhNoPredictiveText
                        maximumLength: MyOrder.addressMaxLength + 40
                        onEdited: (text) => MyOrder.setAddress(text)
                        onAccepted: screen.putKeyboardAway()
                        field.onActiveFocusChanged: screen.reveal(field)
                    }
                }
                Text {
                    id: formMessage
                    objectName: "changeMessage"
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.portrait ? 1 : 2
                    visible: text !== ""
                    text: MyOrder.busy ? MyOrder.busyText : MyOrder.formMessage
                    textFormat: Text.PlainText
                    color: MyOrder.busy ? Theme.text : Theme.danger
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    wrapMode: Text.Wrap
                }
            }
        }

        // send (or pay), always in sight: above the keyboard too
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: sendRow.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: sendRow
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: Theme.spacing
                KioskButton {
                    objectName: "changeSend"
                    visible: !MyOrder.editMode
                    Layout.fillWidth: true
                    text: qsTr("Send request")
                    fontSize: Theme.fontTitle
                    dimmed: MyOrder.busy
                    onClicked: if (!MyOrder.sendChange()) Qt.callLater(screen.showFirstProblem)
                }
                KioskButton {
                    objectName: "changePayWechat"
                    visible: MyOrder.editMode
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("WeChat Pay")
                    fontSize: Theme.fontTitle
                    dimmed: MyOrder.busy
                    onClicked: if (!MyOrder.payNow("wechat")) Qt.callLater(screen.showFirstProblem)
                }
                KioskButton {
                    objectName: "changePayAlipay"
                    visible: MyOrder.editMode
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("Alipay")
                    fontSize: Theme.fontTitle
                    dimmed: MyOrder.busy
                    onClicked: if (!MyOrder.payNow("alipay")) Qt.callLater(screen.showFirstProblem)
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
            // landscape is short: while typing, the form and the send bar need the room
            visible: Theme.portrait || !Qt.inputMethod.visible
        }
    }
}
