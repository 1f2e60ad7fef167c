import QtQuick
import Kiosk

// A check mark in a green disc, drawn (the shipped font has no ✓).
Rectangle {
    implicitWidth: 120
    implicitHeight: 120
    radius: width / 2
    color: Theme.success
    Item {
        anchors.centerIn: parent
        width: parent.width * 0.5
        height: parent.height * 0.5
        rotation: -45
        Rectangle {  // the short stroke
            x: 0
            y: parent.height * 0.25
            width: parent.width * 0.16
            height: parent.height * 0.45
            radius: width / 2
            color: Theme.textOnPrimary
        }
        Rectangle {  // the long stroke
            x: 0
            y: parent.height * 0.25 + parent.height * 0.45 - height
            width: parent.width * 1.0
            height: parent.width * 0.16
            radius: height / 2
            color: Theme.textOnPrimary
        }
    }
}
