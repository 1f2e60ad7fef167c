import QtQuick
import QtQuick.Layouts
import Kiosk

// A digit pad for order numbers (no system keyboard): the digits, "-", the device's prefix (K01-),
// erase and clear. It only reports keys; the page's view-model keeps what was typed.
Rectangle {
    id: pad
    property string typed: ""
    property string prefix: ""
    property string placeholder: ""
    signal key(string text)
    signal erase()
    signal clear()

    color: Theme.surface
    border.color: Theme.border
    radius: Theme.radius
    implicitHeight: column.implicitHeight + 2 * Theme.spacing

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 16

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 88
            radius: Theme.radius
            color: Theme.background
            border.color: Theme.border
            Text {
                objectName: "techKeypadTyped"
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing
                anchors.rightMargin: Theme.spacing
                verticalAlignment: Text.AlignVCenter
                text: pad.typed !== "" ? pad.typed : pad.placeholder
                textFormat: Text.PlainText
                color: pad.typed !== "" ? Theme.text : Theme.textMuted
                font.pixelSize: pad.typed !== "" ? Theme.fontTitle : Theme.fontBody
                font.bold: pad.typed !== ""
                elide: Text.ElideLeft
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: 4
            rowSpacing: 12
            columnSpacing: 12
            Repeater {
                model: [
                    { name: "1", text: "1" }, { name: "2", text: "2" }, { name: "3", text: "3" },
                    { name: "erase", text: "←" },
                    { name: "4", text: "4" }, { name: "5", text: "5" }, { name: "6", text: "6" },
                    { name: "dash", text: "-" },
                    { name: "7", text: "7" }, { name: "8", text: "8" }, { name: "9", text: "9" },
                    { name: "prefix", text: pad.prefix },
                    { name: "0", text: "0", span: 2 }, { name: "clear", text: qsTr("Clear"), span: 2 }
                ]
                KioskButton {
                    required property var modelData
                    objectName: "techKey_" + modelData.name
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.columnSpan: modelData.span || 1
                    Layout.preferredWidth: modelData.span || 1
                    Layout.minimumHeight: Theme.touchMin
                    Layout.preferredHeight: 96
                    text: modelData.text
                    fontSize: Theme.fontTitle
                    primary: false
                    onClicked: {
                        if (modelData.name === "erase") pad.erase()
                        else if (modelData.name === "clear") pad.clear()
                        else pad.key(modelData.text)
                    }
                }
            }
        }
    }
}
