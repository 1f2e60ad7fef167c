import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Back and home on every shopper screen, with the screen title between them. Screens a shopper must
// not leave half way (paying, an order's outcome) turn them off with `navigation: false`.
Rectangle {
    id: header
    property string title
    property bool navigation: true
    implicitHeight: Theme.headerHeight
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: Theme.spacing
        KioskButton {
            objectName: "backButton"
            visible: header.navigation
            Layout.fillHeight: true
            text: qsTr("Back")
            primary: false
            onClicked: Navigator.back()
        }
        Text {
            objectName: "screenTitle"
            Layout.fillWidth: true
            text: header.title
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
        KioskButton {
            objectName: "homeButton"
            visible: header.navigation
            Layout.fillHeight: true
            text: qsTr("Home")
            primary: false
            onClicked: Navigator.home()
        }
    }
}
