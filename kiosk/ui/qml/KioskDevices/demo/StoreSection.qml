import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The local reference store: its address, the merchant admin page (orders, fleet) and sync's progress.
// The admin link opens the one-time code form; the code to type there is shown below it.
ColumnLayout {
    id: root
    required property QtObject section
    spacing: 6

    Text {
        objectName: "demoStoreUrl"
        Layout.fillWidth: true
        text: root.section.storeUrl ? "Local store at " + root.section.storeUrl : "Starting the local store…"
        textFormat: Text.PlainText
        elide: Text.ElideMiddle
        font.pixelSize: 13
        color: "#263238"
    }
    StatusLine {
        objectName: "demoSyncText"
        lines: 2
        text: root.section.syncText
    }
    RowLayout {
        Layout.fillWidth: true
        Button {
            objectName: "demoOpenAdmin"
            text: "Open the merchant admin page"
            enabled: root.section.adminUrl !== ""
            onClicked: root.section.openAdmin()
        }
        Button {
            objectName: "demoNewLoginCode"
            text: "New sign-in code"
            enabled: root.section.adminUrl !== ""
            onClicked: root.section.newLoginCode()
        }
    }
    Text {
        objectName: "demoLoginCode"
        Layout.fillWidth: true
        text: root.section.loginCodeText
        textFormat: Text.PlainText
        wrapMode: Text.WordWrap
        font.pixelSize: 13
        font.bold: root.section.loginCode !== ""
        color: "#263238"
    }
    TextEdit {
        id: adminUrl
        objectName: "demoAdminUrl"
        Layout.fillWidth: true
        // its room is kept while the store starts, so the sections below stay put
        Layout.preferredHeight: 2 * urlMetrics.height
        clip: true
        text: root.section.adminUrl
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.WrapAnywhere
        font.pixelSize: 12
        color: "#546E7A"
        FontMetrics {
            id: urlMetrics
            font: adminUrl.font
        }
    }
}
