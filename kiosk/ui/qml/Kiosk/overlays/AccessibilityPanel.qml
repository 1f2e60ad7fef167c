import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

Panel {
    objectName: "accessibilityPanel"
    Text {
        Layout.fillWidth: true
        text: qsTr("Accessibility")
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontTitle
        font.bold: true
    }
    Repeater {
        model: [
            { name: "a11yLargeText", label: qsTr("Larger text"), on: Shell.largeText },
            { name: "a11yHighContrast", label: qsTr("High contrast"), on: Shell.highContrast },
            { name: "a11yReach", label: qsTr("Controls within reach (lower screen)"), on: Shell.reachMode }
        ]
        KioskButton {
            required property var modelData
            objectName: modelData.name
            Layout.fillWidth: true
            text: modelData.label + "  " + (modelData.on ? qsTr("On") : qsTr("Off"))
            primary: false
            checked: modelData.on
            onClicked: {
                if (modelData.name === "a11yLargeText") Shell.setLargeText(!modelData.on)
                else if (modelData.name === "a11yHighContrast") Shell.setHighContrast(!modelData.on)
                else Shell.setReachMode(!modelData.on)
            }
        }
    }
    KioskButton {
        objectName: "a11yClose"
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: Theme.spacing
        text: qsTr("Done")
        onClicked: Session.setAccessibilityOpen(false)
    }
}
