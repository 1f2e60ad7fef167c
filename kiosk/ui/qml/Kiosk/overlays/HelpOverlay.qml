import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

Panel {
    objectName: "helpOverlay"
    Text {
        Layout.fillWidth: true
        text: qsTr("How to shop here")
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontTitle
        font.bold: true
        wrapMode: Text.Wrap
    }
    Repeater {
        model: [
            qsTr("Browse: tap a category on the home screen, then a product to see its details."),
            qsTr("Search: tap the search field and type a name, brand, pinyin or barcode."),
            qsTr("Scan: hold a product's barcode under the scanner to open it."),
            qsTr("Accessibility: larger text, high contrast and controls within reach."),
            qsTr("Need a person? Please ask a member of staff.")
        ]
        Text {
            required property string modelData
            Layout.fillWidth: true
            text: "• " + modelData
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
    }
    KioskButton {
        objectName: "helpClose"
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: Theme.spacing
        text: qsTr("Close")
        onClicked: Session.setHelpOpen(false)
    }
}
