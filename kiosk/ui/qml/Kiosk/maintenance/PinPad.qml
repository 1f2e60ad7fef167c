import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician's PIN pad, over whatever the screen shows. The digits stay in Python: the pad only
// shows how many there are. Esc, back, the scanner and the language do nothing here; Cancel closes it.
Rectangle {
    id: pad
    objectName: "pinPad"
    color: Theme.scrim
    readonly property bool choosing: Maintenance.state === "setPin"

    MouseArea { anchors.fill: parent }  // taps beside the card reach nothing underneath

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 720)
        height: column.implicitHeight + 2 * Theme.margin
        radius: Theme.radius * 2
        color: Theme.surface
        border.color: Theme.border

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing

            Text {
                objectName: "pinTitle"
                Layout.fillWidth: true
                text: pad.choosing ? (Maintenance.confirming ? qsTr("Confirm the new PIN") : qsTr("New technician PIN"))
                                   : qsTr("Technician PIN")
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
            }
            Row {
                objectName: "pinDots"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredHeight: 48
                spacing: 16
                Repeater {
                    model: Math.max(6, Maintenance.entered)
                    Rectangle {
                        required property int index
                        width: 32; height: 32; radius: 16
                        anchors.verticalCenter: parent.verticalCenter
                        color: index < Maintenance.entered ? Theme.text : "transparent"
                        border.color: Theme.textMuted
                        border.width: 3
                    }
                }
            }
            Text {
                objectName: "pinMessage"
                Layout.fillWidth: true
                Layout.preferredHeight: implicitHeight
                visible: text !== ""
                text: Maintenance.message
                textFormat: Text.PlainText
                color: Maintenance.lockedSeconds > 0 ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
            GridLayout {
                Layout.alignment: Qt.AlignHCenter
                columns: 3
                rowSpacing: 16
                columnSpacing: 16
                enabled: Maintenance.lockedSeconds === 0
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"]
                    KioskButton {
                        required property string modelData
                        objectName: "pinKey_" + modelData
                        Layout.preferredWidth: 180
                        Layout.preferredHeight: 110
                        text: modelData === "erase" ? "←" : modelData === "ok" ? qsTr("OK") : modelData
                        fontSize: Theme.fontTitle
                        primary: modelData === "ok"
                        Accessible.name: modelData === "erase" ? qsTr("Delete the last digit") : text
                        onClicked: {
                            if (modelData === "erase") Maintenance.erase()
                            else if (modelData === "ok") Maintenance.submit()
                            else Maintenance.digit(modelData)
                        }
                    }
                }
            }
            KioskButton {
                objectName: "pinCancel"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: 300
                // the first PIN of a new kiosk cannot be skipped
                visible: Maintenance.state === "pin" || Maintenance.changingPin
                text: qsTr("Cancel")
                primary: false
                onClicked: Maintenance.cancel()
            }
        }
    }
}
