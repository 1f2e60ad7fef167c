import QtQuick
import QtQuick.Layouts
import Kiosk

// A section title on the technician's sync page.
Text {
    Layout.fillWidth: true
    Layout.topMargin: Theme.spacing
    textFormat: Text.PlainText
    color: Theme.text
    font.pixelSize: Theme.fontTitle
    font.bold: true
    wrapMode: Text.Wrap
}
