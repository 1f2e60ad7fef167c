import QtQuick
import QtQuick.Layouts
import Kiosk

// One of a few choices, as a large card: a round mark, a title and a line about it.
Rectangle {
    id: card
    property string title
    property string detail
    property bool selected: false
    signal clicked()

    implicitWidth: 400
    implicitHeight: Math.max(Theme.touchMin + 32, column.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: Theme.surface
    border.color: selected ? Theme.primary : Theme.border
    border.width: selected ? 5 : 2
    opacity: area.pressed ? 0.8 : 1.0

    Accessible.role: Accessible.RadioButton
    Accessible.name: title
    Accessible.checked: selected

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing
        Rectangle {
            Layout.alignment: Qt.AlignVCenter
            implicitWidth: 44
            implicitHeight: 44
            radius: 22
            color: "transparent"
            border.color: card.selected ? Theme.primary : Theme.border
            border.width: 4
            Rectangle {
                anchors.centerIn: parent
                width: 22
                height: 22
                radius: 11
                color: Theme.primary
                visible: card.selected
            }
        }
        ColumnLayout {
            id: column
            Layout.fillWidth: true
            spacing: 4
            Text {
                Layout.fillWidth: true
                text: card.title
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.bold: true
                wrapMode: Text.Wrap
            }
            Text {
                Layout.fillWidth: true
                visible: text !== ""
                text: card.detail
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
            }
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.clicked()
    }
}
