import QtQuick
import Kiosk

// A picture of a receipt's QR code (not a real one: nothing to scan here), beside the words that
// ask the shopper to hold theirs under the scanner.
Rectangle {
    id: hint
    implicitWidth: 168
    implicitHeight: 168
    radius: 12
    color: Theme.surface
    border.color: Theme.text
    border.width: 3

    // the three finder squares of a QR code, and a few modules between them
    Repeater {
        model: [[16, 16], [100, 16], [16, 100]]
        Rectangle {
            required property var modelData
            x: modelData[0]
            y: modelData[1]
            width: 52
            height: 52
            color: "transparent"
            border.color: Theme.text
            border.width: 9
            Rectangle { anchors.centerIn: parent; width: 18; height: 18; color: Theme.text }
        }
    }
    Repeater {
        model: [[82, 20], [82, 56], [20, 82], [56, 82], [92, 92], [128, 92], [110, 110], [92, 128],
                [128, 128], [74, 74], [110, 74], [74, 128]]
        Rectangle {
            required property var modelData
            x: modelData[0]
            y: modelData[1]
            width: 16
            height: 16
            color: Theme.text
        }
    }
}
