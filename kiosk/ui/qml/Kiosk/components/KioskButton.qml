import QtQuick
import Kiosk

// A large touch button: never smaller than Theme.touchMin in either direction.
Rectangle {
    id: button
    property string text
    property bool primary: true
    signal clicked()

    implicitWidth: Math.max(Theme.touchMin * 3, label.implicitWidth + 2 * Theme.spacing)
    implicitHeight: Math.max(Theme.touchMin + 24, label.implicitHeight + Theme.spacing)
    radius: Theme.radius
    color: primary ? Theme.primary : Theme.surface
    border.color: primary ? Theme.primary : Theme.border
    border.width: 2
    opacity: enabled ? (tap.pressed ? 0.8 : 1.0) : 0.4

    Accessible.role: Accessible.Button
    Accessible.name: text

    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - Theme.spacing)
        text: button.text
        color: button.primary ? Theme.textOnPrimary : Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        elide: Text.ElideRight
        horizontalAlignment: Text.AlignHCenter
    }

    TapHandler {
        id: tap
        onTapped: button.clicked()
    }
}
