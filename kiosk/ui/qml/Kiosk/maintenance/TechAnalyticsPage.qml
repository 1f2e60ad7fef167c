import QtQuick
import Kiosk
import Kiosk.Backend

// The technician's analytics page (view-model: TechAnalytics).
Item {
    objectName: "techAnalyticsPage"
    Text {
        anchors.centerIn: parent
        text: "Analytics"
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontTitle
    }
}
