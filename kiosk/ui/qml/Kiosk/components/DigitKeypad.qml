import QtQuick
import QtQuick.Layouts
import Kiosk

// A digit keypad (no system keyboard needed): 1–9, 0 and delete, each a large key. Keys are named
// `keypad_<digit>` and `keypadDelete` for tests.
GridLayout {
    id: pad
    signal digit(string digit)
    signal erase()
    property int keyHeight: Theme.touchMin + 40
    columns: 3
    rowSpacing: 16
    columnSpacing: 16

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        KioskButton {
            required property string modelData
            objectName: "keypad_" + modelData
            Layout.fillWidth: true
            Layout.preferredHeight: pad.keyHeight
            text: modelData
            primary: false
            fontSize: Theme.fontTitle
            enabled: pad.enabled
            onClicked: pad.digit(modelData)
        }
    }
    Item { Layout.fillWidth: true; Layout.preferredHeight: pad.keyHeight }
    KioskButton {
        objectName: "keypad_0"
        Layout.fillWidth: true
        Layout.preferredHeight: pad.keyHeight
        text: "0"
        primary: false
        fontSize: Theme.fontTitle
        enabled: pad.enabled
        onClicked: pad.digit("0")
    }
    KioskButton {
        objectName: "keypadDelete"
        Layout.fillWidth: true
        Layout.preferredHeight: pad.keyHeight
        text: qsTr("Delete")
        primary: false
        enabled: pad.enabled
        onClicked: pad.erase()
    }
}
