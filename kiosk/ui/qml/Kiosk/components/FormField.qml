import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// One form field: its label above, the text field (typed on the on-screen keyboard) and, once
// something is wrong with it, the message below in red. `fieldName` names the text field for tests;
// its message is `fieldName + "Error"`.
ColumnLayout {
    id: root
    property string label
    property string value
    property string error
    property string fieldName
    property string placeholder
    property int inputHints: Qt.ImhNone
    property int maximumLength: 200  // a sanity bound; the view-model says what is too long
    readonly property alias field: field
    signal edited(string text)
    signal accepted()  // Enter on the keyboard
    spacing: 8

    Text {
        Layout.fillWidth: true
        text: root.label
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        wrapMode: Text.Wrap
    }
    TextField {
        id: field
        objectName: root.fieldName
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(Theme.touchMin + 24, implicitHeight)
        font.pixelSize: Theme.fontBody
        color: Theme.text
        placeholderText: root.placeholder
        placeholderTextColor: Theme.textMuted
        inputMethodHints: root.inputHints
        maximumLength: root.maximumLength
        text: root.value
        onTextChanged: root.edited(text)
        onAccepted: root.accepted()
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surface
            border.color: root.error !== "" ? Theme.danger : field.activeFocus ? Theme.primary : Theme.border
            border.width: 3
        }
    }
    Text {
        objectName: root.fieldName + "Error"
        Layout.fillWidth: true
        visible: root.error !== ""
        text: root.error
        textFormat: Text.PlainText
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
        font.bold: true
        wrapMode: Text.Wrap
    }
}
