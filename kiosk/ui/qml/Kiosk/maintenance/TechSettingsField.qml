import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// One setting on the technician's settings page: `row` is one entry of TechSettings.fields. Text is
// typed on the on-screen keyboard; a number has − / + beside it (or is typed); a choice or a switch is
// a row of buttons.
ColumnLayout {
    id: root
    property var row: ({})
    readonly property bool activeField: textField.field.activeFocus
    spacing: 8

    FormField {
        id: textField
        Layout.fillWidth: true
        visible: root.row.kind === "text" || root.row.kind === "number"
        enabled: !root.row.locked
        fieldName: "setting_" + root.row.name
        label: root.row.label
        placeholder: root.row.hint
        value: root.row.value
        error: root.row.error
        inputHints: root.row.kind === "number" ? (Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText)
                                               : Qt.ImhNoPredictiveText
        onEdited: (text) => { if (text !== root.row.value) TechSettings.setValue(root.row.key, text) }
    }
    RowLayout {
        visible: root.row.kind === "number" && !root.row.locked
        spacing: 12
        KioskButton {
            objectName: "settingMinus_" + root.row.name
            text: "−"
            primary: false
            implicitWidth: Theme.touchMin * 1.5
            onClicked: TechSettings.step(root.row.key, -1)
        }
        KioskButton {
            objectName: "settingPlus_" + root.row.name
            text: "+"
            primary: false
            implicitWidth: Theme.touchMin * 1.5
            onClicked: TechSettings.step(root.row.key, 1)
        }
        Text {
            text: root.row.range
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
    }

    // a choice or an on/off switch
    Text {
        Layout.fillWidth: true
        visible: root.row.kind === "choice" || root.row.kind === "toggle"
        text: root.row.label
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        wrapMode: Text.Wrap
    }
    Flow {
        Layout.fillWidth: true
        visible: root.row.kind === "choice" || root.row.kind === "toggle"
        spacing: 12
        Repeater {
            model: root.row.kind === "choice" || root.row.kind === "toggle" ? root.row.choices : []
            KioskButton {
                required property var modelData
                objectName: "settingChoice_" + root.row.name + "_" + modelData
                text: root.row.kind === "toggle" ? (modelData === "true" ? qsTr("On") : qsTr("Off")) : modelData
                primary: false
                enabled: !root.row.locked
                checked: root.row.value === modelData
                onClicked: TechSettings.setValue(root.row.key, modelData)
            }
        }
    }
    Text {
        objectName: "settingError_" + root.row.name
        Layout.fillWidth: true
        visible: (root.row.kind === "choice" || root.row.kind === "toggle") && root.row.error !== ""
        text: root.row.error
        textFormat: Text.PlainText
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
        font.bold: true
        wrapMode: Text.Wrap
    }
    Text {
        objectName: "settingNote_" + root.row.name
        Layout.fillWidth: true
        visible: text !== ""
        text: root.row.note
        textFormat: Text.PlainText
        color: root.row.edited ? Theme.warning : Theme.textMuted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }
}
