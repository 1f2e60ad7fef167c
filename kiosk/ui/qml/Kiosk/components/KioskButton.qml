import QtQuick
import Kiosk

// A large touch button: never smaller than Theme.touchMin in either direction. A MouseArea (not a
// TapHandler) so a tap on it is the button's alone, while a drag still flicks the list around it.
Rectangle {
    id: button
    property string text
    property bool primary: true
    property bool checked: false  // a toggle that is on: drawn filled
    property bool dimmed: false  // looks disabled but still takes a tap (to say why it does nothing)
    property int fontSize: Theme.fontBody
    signal clicked()

    implicitWidth: Math.max(Theme.touchMin * 2.5, label.implicitWidth + 2 * Theme.spacing)
    implicitHeight: Math.max(Theme.touchMin + 16, label.implicitHeight + Theme.spacing)
    radius: Theme.radius
    color: primary || checked ? Theme.primary : Theme.surface
    border.color: primary || checked ? Theme.primary : Theme.border
    border.width: Theme.highContrast ? 3 : 2
    opacity: enabled && !dimmed ? (area.pressed ? 0.75 : 1.0) : 0.4

    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.checked: checked

    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - Theme.spacing)
        text: button.text
        textFormat: Text.PlainText
        color: button.primary || button.checked ? Theme.textOnPrimary : Theme.text
        font.pixelSize: button.fontSize
        font.bold: true
        // a long label (large text, English) shrinks a little before it would be cut
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Math.round(button.fontSize * 0.7)
        elide: Text.ElideRight
        horizontalAlignment: Text.AlignHCenter
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: button.clicked()
    }
}
