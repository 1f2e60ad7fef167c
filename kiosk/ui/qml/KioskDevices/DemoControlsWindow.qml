import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The demo controls: a normal desktop window beside the kiosk. Its sections come from
// `controls.columns` (view-models, each naming its own QML file), so adding one needs no change here.
// Collapsed (where the window could only cover the kiosk), it is a single tab that a tap opens.
ApplicationWindow {
    id: window
    objectName: "demoControlsWindow"
    required property QtObject controls
    readonly property bool collapsed: controls ? controls.collapsed : false
    title: "Kiosk demo controls"
    width: 1000
    height: 940
    // the collapsed tab's size: a minimum changed while the window is shown is not honoured everywhere
    minimumWidth: 180
    minimumHeight: 64
    color: "#E8ECEF"
    font.pixelSize: 14  // a desktop window: desktop sizes, not the kiosk's touch sizes

    // over the kiosk, so a touch target of the kiosk's size
    Button {
        objectName: "demoTab"
        visible: window.collapsed
        anchors.fill: parent
        text: "Demo ▸"
        font.pixelSize: 22
        highlighted: true
        onClicked: window.controls.expand()
    }

    ColumnLayout {
        visible: !window.collapsed
        anchors.fill: parent
        anchors.margins: 12
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            spacing: 12

            Text {
                Layout.fillWidth: true
                text: "Demo controls"
                textFormat: Text.PlainText
                font.pixelSize: 18
                font.bold: true
                color: "#263238"
            }
            Button {
                objectName: "collapseDemoButton"
                Layout.preferredWidth: 140
                Layout.preferredHeight: 64  // it may lie over the kiosk: a touch target
                text: "Hide ▾"
                font.pixelSize: 18
                onClicked: window.controls.collapse()
            }
        }

        RowLayout {
            objectName: "demoColumns"
            Layout.fillWidth: true
            Layout.fillHeight: true
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
}
