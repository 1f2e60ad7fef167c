import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Shown while nobody uses the kiosk: tap anywhere, or pick a language, to start.
Rectangle {
    id: attract
    objectName: "attractScreen"
    color: Theme.primary

    // until the catalog is open there is nothing to shop: taps wait for Shell.ready
    TapHandler {
        objectName: "attractTap"
        enabled: Shell.ready
        onTapped: Navigator.push("home")
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.spacing * 2

        Text {
            objectName: "attractStoreName"
            Layout.fillWidth: true
            text: Shell.storeName
            color: Theme.textOnPrimary
            font.pixelSize: Theme.fontHero
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            id: prompt
            objectName: "attractPrompt"
            Layout.fillWidth: true
            // both languages: the shopper has not chosen one yet
            text: "触摸屏幕开始购物\nTap anywhere to start"
            color: Theme.textOnPrimary
            font.pixelSize: Theme.fontTitle
            horizontalAlignment: Text.AlignHCenter
            SequentialAnimation on opacity {
                loops: Animation.Infinite
                NumberAnimation { to: 0.35; duration: 1200; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1.0; duration: 1200; easing.type: Easing.InOutQuad }
            }
        }
    }

    RowLayout {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: Theme.margin * 2
        spacing: Theme.spacing * 2
        enabled: Shell.ready
        KioskButton {
            objectName: "languageZh"
            text: "中文"
            primary: false
            onClicked: { Shell.setLanguage("zh_CN"); Navigator.push("home") }
        }
        KioskButton {
            objectName: "languageEn"
            text: "English"
            primary: false
            onClicked: { Shell.setLanguage("en_US"); Navigator.push("home") }
        }
    }
}
