import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// One order for the technician: what it is, its lines and money, payments, receipt and the contact
// (masked), with Reprint / Settle / Cancel below. One action at a time: the buttons stay disabled
// until the outcome is on screen. Cancelling, and settling a paid orphan, ask first.
Item {
    id: detail
    objectName: "techOrderDetail"
    readonly property var order: TechOrders.detail
    readonly property bool idle: TechOrders.busy === ""

    function toneColor(tone) {
        return tone === "ok" ? Theme.success : tone === "warn" ? Theme.warning
             : tone === "bad" ? Theme.danger : Theme.textMuted
    }

    component SectionTitle: Text {
        Layout.fillWidth: true
        Layout.topMargin: 8
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }

    // label on the left, value on the right; a long value wraps
    component Pair: RowLayout {
        property string label
        property string value
        property bool strong: false
        Layout.fillWidth: true
        spacing: Theme.spacing
        Text {
            Layout.preferredWidth: Math.min(implicitWidth, detail.width * 0.4)
            Layout.alignment: Qt.AlignTop
            text: parent.label
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            elide: Text.ElideRight
        }
        Text {
            Layout.fillWidth: true
            text: parent.value
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.bold: parent.strong
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignRight
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 16

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            KioskButton {
                objectName: "techOrderBack"
                text: qsTr("Back")
                primary: false
                enabled: detail.idle
                onClicked: TechOrders.closeOrder()
            }
            Text {
                objectName: "techOrderNo"
                Layout.fillWidth: true
                text: detail.order.orderNo || ""
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.bold: true
                elide: Text.ElideRight
            }
        }

        Flickable {
            id: flick
            objectName: "techOrderFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: body.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: body
                width: flick.width
                spacing: 8
                Repeater {
                    model: detail.order.info || []
                    Pair {
                        required property var modelData
                        label: modelData.label
                        value: modelData.value
                    }
                }
                SectionTitle { text: qsTr("Items") }
                Repeater {
                    model: detail.order.lines || []
                    Pair {
                        required property var modelData
                        label: modelData.name + " " + modelData.quantity
                        value: modelData.total
                    }
                }
                Repeater {
                    model: detail.order.money || []
                    Pair {
                        required property var modelData
                        required property int index
                        label: modelData.label
                        value: modelData.value
                        strong: index === 2
                    }
                }
                SectionTitle {
                    text: qsTr("Payments")
                }
                Text {
                    visible: (detail.order.payments || []).length === 0
                    text: qsTr("No payment was created.")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
                Repeater {
                    model: detail.order.payments || []
                    Pair {
                        required property var modelData
                        label: modelData.label
                        value: modelData.value
                    }
                }
                SectionTitle {
                    visible: (detail.order.contact || []).length > 0
                    text: qsTr("Contact (masked)")
                }
                Repeater {
                    objectName: "techOrderContact"
                    model: detail.order.contact || []
                    Pair {
                        required property var modelData
                        label: modelData.label
                        value: modelData.value
                    }
                }
            }
        }

        Text {
            objectName: "techOrderMessage"
            Layout.fillWidth: true
            visible: text !== ""
            text: TechOrders.message
            textFormat: Text.PlainText
            color: TechOrders.messageTone === "error" ? Theme.danger
                 : TechOrders.messageTone === "ok" ? Theme.success : Theme.textMuted
            font.pixelSize: Theme.fontBody
            font.bold: true
            wrapMode: Text.Wrap
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            KioskButton {
                objectName: "techOrderReprint"
                Layout.fillWidth: true
                visible: detail.order.canReprint === true
                enabled: detail.idle
                text: TechOrders.busy === "reprint" ? qsTr("Printing…") : qsTr("Reprint receipt")
                onClicked: TechOrders.reprint()
            }
            KioskButton {
                objectName: "techOrderSettle"
                Layout.fillWidth: true
                visible: detail.order.canSettle === true
                enabled: detail.idle
                text: TechOrders.busy === "settle" ? qsTr("Asking the store…")
                    : detail.order.orphan ? qsTr("Mark as settled…") : qsTr("Settle with the store")
                onClicked: TechOrders.settle()
            }
            KioskButton {
                objectName: "techOrderCancel"
                Layout.fillWidth: true
                visible: detail.order.canCancel === true
                enabled: detail.idle
                primary: false
                text: TechOrders.busy === "cancel" ? qsTr("Cancelling…") : qsTr("Cancel order")
                onClicked: TechOrders.askCancel()
            }
        }
    }

    // the question before cancelling, or how a paid orphan was settled
    Rectangle {
        objectName: "techOrderConfirm"
        anchors.fill: parent
        visible: TechOrders.confirm !== ""
        color: Theme.scrim
        MouseArea { anchors.fill: parent }  // nothing underneath takes a tap meanwhile

        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.spacing, 900)
            height: confirmColumn.implicitHeight + 2 * Theme.margin
            radius: Theme.radius * 2
            color: Theme.surface
            ColumnLayout {
                id: confirmColumn
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    objectName: "techOrderConfirmText"
                    Layout.fillWidth: true
                    text: TechOrders.confirm === "cancel"
                          ? qsTr("Cancel order %1? The store is asked to close its payment first. If the store has it as paid, the order stays paid.").arg(detail.order.orderNo || "")
                          : qsTr("Order %1 was paid after the shopper had left. How did staff settle it?").arg(detail.order.orderNo || "")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                KioskButton {
                    objectName: "techOrderConfirmCancel"
                    Layout.fillWidth: true
                    visible: TechOrders.confirm === "cancel"
                    text: qsTr("Cancel the order")
                    onClicked: TechOrders.confirmCancel()
                }
                KioskButton {
                    objectName: "techOrderHandedOver"
                    Layout.fillWidth: true
                    visible: TechOrders.confirm === "orphan"
                    text: qsTr("The goods were handed over")
                    onClicked: TechOrders.settleOrphan("handed_over")
                }
                KioskButton {
                    objectName: "techOrderRefunded"
                    Layout.fillWidth: true
                    visible: TechOrders.confirm === "orphan"
                    text: qsTr("It was refunded at the store")
                    onClicked: TechOrders.settleOrphan("refunded")
                }
                KioskButton {
                    objectName: "techOrderConfirmBack"
                    Layout.fillWidth: true
                    primary: false
                    text: qsTr("Back")
                    onClicked: TechOrders.dismiss()
                }
            }
        }
    }
}
