import QtQuick

// The customer-facing display: the payment QR while a payment waits, the store's name otherwise.
Window {
    id: window
    objectName: "qrCustomerWindow"
    required property QtObject view
    required property string storeName
    readonly property bool active: view !== null && view.active
    color: "#FFFFFF"
    width: 1280
    height: 800

    QrPaymentPanel {
        objectName: "qrPaymentPanel"
        anchors.fill: parent
        anchors.margins: Math.round(Math.min(window.width, window.height) * 0.06)
        view: window.view
        visible: window.active
        hint: qsTr("Scan with your phone to pay")
    }

    Text {
        objectName: "qrIdleText"
        anchors.centerIn: parent
        visible: !window.active
        text: window.storeName
        textFormat: Text.PlainText
        color: "#5F5F5F"
        font.pixelSize: Math.round(Math.min(window.width, window.height) / 12)
    }
}
