import QtQuick
import Kiosk
import Kiosk.Backend

// Before paying: the printer is known not to print (paper out, cover open, offline), so the receipt
// comes on the shopper's phone. Hidden while the printer is fine.
Rectangle {
    id: notice
    property bool compact: false
    readonly property int pad: compact ? 12 : Theme.spacing
    visible: Payment.receiptView.printerProblem
    implicitHeight: visible ? noticeText.implicitHeight + 2 * pad : 0
    radius: Theme.radius
    color: Theme.highContrast ? Theme.background : "#FFF4E5"
    border.color: Theme.warning
    border.width: 2
    Text {
        id: noticeText
        objectName: "printerNoticeText"
        anchors.fill: parent
        anchors.margins: notice.pad
        text: Payment.receiptView.printerNotice
        textFormat: Text.PlainText
        color: Theme.highContrast ? Theme.warning : Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        wrapMode: Text.Wrap
        verticalAlignment: Text.AlignVCenter
    }
}
