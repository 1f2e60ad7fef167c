import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Outside opening hours (config [hours]): closed, in both languages, with the next opening time.
// Nothing here to tap; the technician's corner gesture still opens the PIN pad over it.
Rectangle {
    id: screen
    objectName: "closedScreen"
    color: Theme.background

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.spacing * 2
        Text {
            objectName: "closedStoreName"
            Layout.fillWidth: true
            // in the kiosk's default language (no shopper has chosen one here)
            text: Shell.storeName
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontTitle
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "closedTitle"
            Layout.fillWidth: true
            text: "休息中\nClosed"
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontHero * 0.7
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "closedNextOpening"
            Layout.fillWidth: true
            text: ServiceState.nextOpening
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Layout.fillWidth: true
            text: "欢迎营业时间再来。\nPlease come back during opening hours."
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
