import QtQuick
import Kiosk
import Kiosk.Backend

// The technician's sync page (view-model: TechSync).
Item {
    objectName: "techSyncPage"
    Text {
        anchors.centerIn: parent
        text: "Sync"
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontTitle
    }
}
