import QtQuick
import QtQuick.Layouts

// Live device statuses as the kiosk sees them.
ColumnLayout {
    id: root
    required property QtObject section
    spacing: 6

    Repeater {
        model: root.section.devices

        RowLayout {
            id: row
            required property string device
            required property string state
            required property string details
            required property string message
            objectName: "status_" + device
            spacing: 10
            Layout.fillWidth: true

            Text {
                text: row.device
                textFormat: Text.PlainText
                font.pixelSize: 14
                font.bold: true
                Layout.preferredWidth: 70
            }
            Rectangle {
                objectName: "statusBadge_" + row.device
                radius: 4
                color: ({ ready: "#2E7D32", busy: "#1565C0", warning: "#EF8F00", error: "#C62828",
                          connecting: "#5C6BC0" })[row.state] || "#757575"
                implicitWidth: badge.implicitWidth + 16
                implicitHeight: badge.implicitHeight + 6
                Text {
                    id: badge
                    anchors.centerIn: parent
                    text: row.state.toUpperCase()
                    textFormat: Text.PlainText
                    color: "#FFFFFF"
                    font.pixelSize: 12
                    font.bold: true
                }
            }
            Text {
                text: row.details.length > 0 ? row.details : row.message
                textFormat: Text.PlainText
                color: "#455A64"
                font.pixelSize: 13
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }
}
