import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The out-of-service switch: shoppers see the out-of-service screen (with the reason, if given) until
// the technician switches it back; it holds across a restart.
ColumnLayout {
    id: root
    spacing: Theme.spacing

    Text {
        objectName: "techServiceState"
        Layout.fillWidth: true
        text: TechSettings.serviceState === "closed" ? qsTr("Shoppers see: closed (outside opening hours).")
              : TechSettings.serviceState === "outOfService" ? qsTr("Shoppers see: out of service.")
              : qsTr("Shoppers see: open.")
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        wrapMode: Text.Wrap
    }
    FormField {
        id: reason
        Layout.fillWidth: true
        fieldName: "techOutOfServiceReason"
        label: qsTr("Reason shown to shoppers (optional)")
        placeholder: qsTr("e.g. 补货中 / Restocking")
        value: TechSettings.outOfServiceReason
        maximumLength: TechSettings.reasonMaxLength
        enabled: !TechSettings.outOfService
    }
    KioskButton {
        objectName: "techOutOfServiceToggle"
        text: TechSettings.outOfService ? qsTr("Back in service") : qsTr("Take out of service")
        checked: TechSettings.outOfService
        primary: false
        onClicked: TechSettings.setOutOfService(!TechSettings.outOfService, reason.field.text)
    }
    Text {
        objectName: "techServiceMessage"
        Layout.fillWidth: true
        visible: text !== ""
        text: TechSettings.serviceMessage
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("The kiosk also goes out of service by itself when the printer cannot print and the "
                   + "e-receipt is off, and comes back when it prints again.")
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }
}
