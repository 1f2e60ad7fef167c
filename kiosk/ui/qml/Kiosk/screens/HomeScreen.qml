import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

Rectangle {
    objectName: "homeScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: Shell.storeName
        }
        Text {
            objectName: "homeWelcome"
            Layout.fillWidth: true
            Layout.fillHeight: true
            text: Shell.language === "zh_CN" ? "欢迎光临" : "Welcome"
            color: Theme.text
            font.pixelSize: Theme.fontHero
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
    }
}
