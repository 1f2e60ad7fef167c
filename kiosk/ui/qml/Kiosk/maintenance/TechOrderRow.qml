import QtQuick
import QtQuick.Layouts
import Kiosk

// One order in the technician's list: number and time, state (with the store's fulfilment status) and
// receipt, total. A tap opens it.
Rectangle {
    id: row
    required property string uuid
    required property string orderNo
    required property string time
    required property string stateText
    required property string tone
    required property string total
    required property string receipt
    signal opened(string uuid)

    objectName: "techOrderRow_" + orderNo
    implicitHeight: Math.max(128, content.implicitHeight + 2 * 16)
    radius: Theme.radius
    color: area.pressed ? Theme.background : Theme.surface
    border.color: Theme.border

    function toneColor(tone) {
        return tone === "ok" ? Theme.success : tone === "warn" ? Theme.warning
             : tone === "bad" ? Theme.danger : Theme.textMuted
    }

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.margins: 16
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text {
                    text: row.orderNo
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                }
                Text {
                    Layout.fillWidth: true
                    text: row.time
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    elide: Text.ElideRight
                }
            }
            Text {
                Layout.fillWidth: true
                text: row.stateText
                textFormat: Text.PlainText
                color: row.toneColor(row.tone)
                font.pixelSize: Theme.fontSmall
                font.bold: true
                elide: Text.ElideRight
            }
            Text {
                Layout.fillWidth: true
                text: row.receipt
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
        Text {
            text: row.total
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.bold: true
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: row.opened(row.uuid)
    }
}
