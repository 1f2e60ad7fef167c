import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The demo controls: a normal desktop window beside the kiosk. Its sections come from
// `controls.columns` (view-models, each naming its own QML file), so adding one needs no change here.
ApplicationWindow {
    id: window
    objectName: "demoControlsWindow"
    required property QtObject controls
    title: "Kiosk demo controls"
    width: 1000
    height: 860
    minimumWidth: 640
    minimumHeight: 480
    color: "#E8ECEF"
    font.pixelSize: 14  // a desktop window: desktop sizes, not the kiosk's touch sizes

    RowLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 12

        Repeater {
            model: window.controls ? window.controls.columns : []

            ColumnLayout {
                id: column
                required property var modelData
                required property int index
                objectName: "demoColumn" + index
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1  // equal columns
                spacing: 12

                Repeater {
                    model: column.modelData

                    DemoSectionFrame {
                        required property QtObject modelData
                        section: modelData
                        Layout.fillWidth: true
                        Layout.fillHeight: modelData.fillsColumn
                        Layout.alignment: Qt.AlignTop
                    }
                }
                Item {
                    // pushes the sections up in a column where none fills the height
                    Layout.fillHeight: true
                    visible: !column.modelData.some(s => s.fillsColumn)
                }
            }
        }
    }
}
