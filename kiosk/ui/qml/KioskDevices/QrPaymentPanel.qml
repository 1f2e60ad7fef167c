import QtQuick

// The payment QR with the amount and the time left beside it (customer display, payment screen).
// Shopper-facing, but nothing here is touched: the shopper's phone reads the code.
Item {
    id: panel
    required property QtObject view
    property string hint: ""
    property color textColor: "#1F1F1F"
    property color mutedColor: "#5F5F5F"
    property color urgentColor: "#B00020"
    readonly property int gap: Math.round(Math.min(width, height) / 16)
    readonly property int codeSize: Math.min(height, Math.round((width - gap) * 0.55))
    readonly property int textWidth: Math.max(0, width - codeSize - gap)
    readonly property int fontUnit: Math.max(14, Math.round(codeSize / 11))

    // false once the view-model is gone (shutdown order): no binding reads through a null view
    readonly property bool live: view !== null
    readonly property bool active: live && view.active

    implicitWidth: 900
    implicitHeight: 420

    QrCode {
        id: code
        objectName: "qrCode"
        view: panel.view
        width: panel.codeSize
        height: panel.codeSize
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
    }

    Column {
        anchors.left: code.right
        anchors.leftMargin: panel.gap
        anchors.verticalCenter: parent.verticalCenter
        width: panel.textWidth
        spacing: panel.fontUnit

        Text {
            objectName: "qrAmount"
            width: parent.width
            text: panel.live ? panel.view.amountText : ""
            textFormat: Text.PlainText
            color: panel.textColor
            font.pixelSize: panel.fontUnit * 2
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 12
        }
        Text {
            objectName: "qrCountdown"
            width: parent.width
            text: panel.live ? panel.view.countdownText : ""
            textFormat: Text.PlainText
            color: panel.live && panel.view.secondsLeft <= 30 ? panel.urgentColor : panel.mutedColor
            font.pixelSize: Math.round(panel.fontUnit * 1.4)
            visible: panel.active
        }
        Text {
            objectName: "qrHint"
            width: parent.width
            text: panel.hint
            textFormat: Text.PlainText
            color: panel.mutedColor
            font.pixelSize: panel.fontUnit
            wrapMode: Text.WordWrap
            visible: text.length > 0 && panel.active
        }
    }
}
