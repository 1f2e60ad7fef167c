import QtQuick
import Kiosk
import Kiosk.Backend

// The technician's settings page (view-model: TechSettings).
Item {
    objectName: "techSettingsPage"
    Text {
        anchors.centerIn: parent
        text: "Settings"
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontTitle
    }
}
