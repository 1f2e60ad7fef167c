import QtQuick
import Kiosk
import Kiosk.Backend

// The technician's orders page (view-model: TechOrders).
Item {
    objectName: "techOrdersPage"
    Text {
        anchors.centerIn: parent
        text: "Orders"
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontTitle
    }
}
