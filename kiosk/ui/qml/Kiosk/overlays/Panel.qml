import QtQuick
import QtQuick.Layouts
import Kiosk

// A dimmed backdrop with a card in the middle; taps on the backdrop go nowhere.
Rectangle {
    id: overlay
    default property alias content: column.data
    color: Theme.scrim
    MouseArea {
        anchors.fill: parent  // swallows taps meant for the screen underneath
    }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 900)
        height: Math.min(parent.height - 2 * Theme.margin, column.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius * 2
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.highContrast ? 3 : 1
        clip: true
        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing
        }
    }
}
