import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Pay or decline the QR on the kiosk screen, as the shopper's phone would on the store's pay page.
ColumnLayout {
    id: root
    required property QtObject section
    spacing: 6

    Text {
        objectName: "demoPaymentCode"
        Layout.fillWidth: true
        text: root.section.codeUrl || "No payment QR on the kiosk screen"
        textFormat: Text.PlainText
        elide: Text.ElideMiddle
        font.pixelSize: 13
        color: root.section.codeUrl ? "#263238" : "#78909C"
    }
    Flow {
        Layout.fillWidth: true
        spacing: 6
        Button {
            objectName: "demoPayButton"
            text: "Pay the QR on screen as a phone would"
            highlighted: true
            enabled: root.section.codeUrl !== "" && !root.section.busy
            onClicked: root.section.pay()
        }
        Button {
            objectName: "demoDeclineButton"
            text: "Decline it"
            enabled: root.section.codeUrl !== "" && !root.section.busy
            onClicked: root.section.decline()
        }
    }
    StatusLine {
        objectName: "demoPaymentResult"
        lines: 2
        text: root.section.lastResult
    }
}
