import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Something failed that the shopper cannot fix. Say so in both languages. A start-up failure tries
// again every 60 s; out of service by the technician or a failed required device (ServiceState.held)
// waits until the cause clears, and the kiosk returns by itself.
Rectangle {
    id: screen
    objectName: "outOfServiceScreen"
    color: Theme.background
    property int secondsLeft: 60

    Timer {
        interval: 1000
        repeat: true
        running: !ServiceState.held
        onTriggered: {
            screen.secondsLeft -= 1
            if (screen.secondsLeft <= 0)
                Navigator.reset()
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.spacing * 2
        Text {
            objectName: "outOfServiceTitle"
            Layout.fillWidth: true
            text: "暂停服务\nTemporarily out of service"
            textFormat: Text.PlainText
            color: Theme.danger
            font.pixelSize: Theme.fontHero * 0.7
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "outOfServiceCause"
            Layout.fillWidth: true
            visible: ServiceState.held
            text: ServiceState.message
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "outOfServiceReasonText"
            Layout.fillWidth: true
            visible: ServiceState.held && ServiceState.reason !== ""
            text: ServiceState.reason
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "outOfServiceRetry"
            Layout.fillWidth: true
            text: ServiceState.held
                  ? "请使用其他终端或联系店员。\nPlease use another kiosk or ask a member of staff."
                  : "请稍候或联系店员。终端将在 " + screen.secondsLeft + " 秒后重试。\n"
                  + "Please wait or ask a member of staff. Retrying in " + screen.secondsLeft + " s."
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "outOfServiceCode"
            Layout.fillWidth: true
            text: Shell.deviceName + " · " + Navigator.outOfServiceReason
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
