import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Back and home on every shopper screen, with the screen title between them.
Rectangle {
    id: header
    property string title
    implicitHeight: Theme.headerHeight
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: Theme.spacing
        KioskButton {
            objectName: "backButton"
            Layout.fillHeight: true
            text: qsTr("Back")
            primary: false
            onClicked: Navigator.back()
        }
        Text {
            objectName: "screenTitle"
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
            Layout.fillHeight: true
            text: qsTr("Home")
            primary: false
            onClicked: Navigator.home()
        }
    }
}
