import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician area: one page at a time, chosen by the tabs; "Lock" leaves it. It locks by itself
// after Maintenance.idleLockSeconds without a touch.
Rectangle {
    id: screen
    objectName: "maintenanceScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.headerHeight
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                anchors.fill: parent
                anchors.margins: 16
                spacing: Theme.spacing
                Text {
                    objectName: "maintenanceTitle"
                    Layout.fillWidth: true
                    text: qsTr("Technician") + " · " + Shell.deviceName + " · " + Shell.version
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    elide: Text.ElideRight
                }
                KioskButton {
                    objectName: "maintenanceLanguage"
                    Layout.fillHeight: true
                    text: Shell.language === "zh_CN" ? "English" : "中文"
                    primary: false
                    onClicked: Shell.language = Shell.language === "zh_CN" ? "en_US" : "zh_CN"
                }
                KioskButton {
                    objectName: "maintenanceLock"
                    Layout.fillHeight: true
                    text: qsTr("Lock")
                    onClicked: Maintenance.leave()
                }
            }
        }

        // the tabs: one row, wide enough for both languages in portrait
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 16
            spacing: 12
            Repeater {
                model: [
                    { name: "devices", label: qsTr("Devices") },
                    { name: "sync", label: qsTr("Sync") },
                    { name: "orders", label: qsTr("Orders") },
                    { name: "analytics", label: qsTr("Reports") },
                    { name: "settings", label: qsTr("Settings") }
                ]
                KioskButton {
                    required property var modelData
                    objectName: "maintenanceTab_" + modelData.name
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1  // equal shares
                    text: modelData.label
                    primary: false
                    checked: Maintenance.page === modelData.name
                    onClicked: Maintenance.showPage(modelData.name)
                }
            }
        }

        Loader {
            objectName: "maintenancePage"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.bottomMargin: 16
            source: "Tech" + Maintenance.page.charAt(0).toUpperCase() + Maintenance.page.slice(1) + "Page.qml"
        }
    }
}
