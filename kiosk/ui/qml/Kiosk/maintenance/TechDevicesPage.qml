import QtQuick
import Kiosk
import Kiosk.Backend

// The technician's devices page (view-model: TechDevices).
Item {
    objectName: "techDevicesPage"
    Text {
        anchors.centerIn: parent
        text: "Devices"
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontTitle
    }
}
