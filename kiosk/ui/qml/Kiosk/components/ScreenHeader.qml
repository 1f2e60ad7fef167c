import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Home and back on every shopper screen, with the screen title between them.
Rectangle {
    id: header
    property string title
    implicitHeight: 120
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing
        KioskButton {
            objectName: "backButton"
            text: qsTr("Back")
            primary: false
            onClicked: Navigator.back()
        }
        Text {
            Layout.fillWidth: true
            text: header.title
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
        KioskButton {
            objectName: "homeButton"
            text: qsTr("Home")
            primary: false
            onClicked: Navigator.home()
        }
    }
}
