import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

Panel {
    objectName: "idleOverlay"
    Text {
        Layout.fillWidth: true
        text: qsTr("Are you still there?")
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontTitle
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }
    Text {
        objectName: "idleCountdown"
        Layout.fillWidth: true
        text: Idle.secondsLeft
        textFormat: Text.PlainText
        color: Theme.primary
        font.pixelSize: Theme.fontHero * 1.5
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("For your privacy, your cart and choices will be cleared in %1 seconds.").arg(Idle.secondsLeft)
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontBody
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }
    KioskButton {
        objectName: "stillHereButton"
        Layout.fillWidth: true
        Layout.preferredHeight: 160
        Layout.topMargin: Theme.spacing
        text: qsTr("I'm still here")
        fontSize: Theme.fontTitle
        onClicked: Idle.stillHere()
    }
}
