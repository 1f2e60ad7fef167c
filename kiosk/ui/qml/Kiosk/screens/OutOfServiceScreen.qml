import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Something failed that the shopper cannot fix. Say so in both languages, then try again.
Rectangle {
    id: screen
    objectName: "outOfServiceScreen"
    color: Theme.background
    property int secondsLeft: 60

    Timer {
        interval: 1000
        repeat: true
        running: true
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
            Layout.fillWidth: true
            text: "请稍候或联系店员。终端将在 " + screen.secondsLeft + " 秒后重试。\n"
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
