import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician's orders page (view-model: TechOrders): today's orders newest first, or the orders
// whose number ends in what was typed on the keypad; a tap opens one (TechOrderDetail).
// Portrait: the list above the keypad. Landscape: the keypad on the right.
Item {
    id: page
    objectName: "techOrdersPage"

    Binding { target: TechOrders; property: "language"; value: Shell.language }

    GridLayout {
        anchors.fill: parent
        visible: !TechOrders.selected
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.spacing
        rowSpacing: 16

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 12
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text {
                    objectName: "techOrdersTitle"
                    Layout.fillWidth: true
                    text: TechOrders.listTitle
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    elide: Text.ElideRight
                }
                KioskButton {
                    objectName: "techOrdersToday"
                    visible: TechOrders.query !== ""
                    text: qsTr("Today")
                    primary: false
                    onClicked: TechOrders.showToday()
                }
                KioskButton {
                    objectName: "techOrdersRefresh"
                    text: qsTr("Refresh")
                    primary: false
                    onClicked: TechOrders.refresh()
                }
            }
            ListView {
                id: list
                objectName: "techOrdersList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 12
                boundsBehavior: Flickable.StopAtBounds
                model: TechOrders.orders
                delegate: TechOrderRow {
                    width: list.width
                    onOpened: (uuid) => TechOrders.openOrder(uuid)
                }
                Text {
                    objectName: "techOrdersListMessage"
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    visible: text !== ""
                    text: TechOrders.listMessage
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }

        TechKeypad {
            objectName: "techOrdersKeypad"
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: !Theme.portrait
            Layout.preferredWidth: Theme.portrait ? -1 : 640
            Layout.preferredHeight: Theme.portrait ? 560 : -1
            typed: TechOrders.query
            prefix: TechOrders.devicePrefix
            placeholder: qsTr("Order number, e.g. 0042")
            onKey: (text) => TechOrders.key(text)
            onErase: TechOrders.erase()
            onClear: TechOrders.showToday()
        }
    }

    TechOrderDetail {
        anchors.fill: parent
        visible: TechOrders.selected
    }
}
