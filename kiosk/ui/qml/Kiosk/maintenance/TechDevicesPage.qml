import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician's devices page (view-model: TechDevices): the printer, the scanner and the QR
// display, what their state means for the shopper, a test print, reconnect and the live scans.
// Devices is the first page after the PIN, so "Test print" is the first button on it.
Flickable {
    id: page
    objectName: "techDevicesPage"
    clip: true
    contentWidth: width
    contentHeight: grid.implicitHeight
    boundsBehavior: Flickable.StopAtBounds

    // the view-model words everything in Python: have it word it anew in the new language
    Connections {
        target: Shell
        function onLanguageChanged() { TechDevices.retranslate() }
    }

    function levelColor(level) {
        return level === "ok" ? Theme.success : level === "error" ? Theme.danger
             : level === "warning" ? Theme.warning : Theme.textMuted
    }

    // one card per device: its name, a coloured headline, what it means for the shopper, the adapter's words
    component DeviceCard: Rectangle {
        id: card
        property string device
        property string title
        property var info: ({})
        default property alias extra: more.data
        Layout.fillWidth: true
        implicitHeight: body.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2

        ColumnLayout {
            id: body
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: 12
            RowLayout {
                Layout.fillWidth: true
                spacing: 16
                Rectangle {
                    Layout.preferredWidth: 28
                    Layout.preferredHeight: 28
                    radius: 14
                    color: page.levelColor(card.info.level)
                }
                Text {
                    text: card.title
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                }
                // the state takes the rest of the row, on more lines when it is long
                Text {
                    objectName: "techDeviceState_" + card.device
                    Layout.fillWidth: true
                    text: card.info.headline || ""
                    textFormat: Text.PlainText
                    color: page.levelColor(card.info.level)
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    horizontalAlignment: Text.AlignRight
                    wrapMode: Text.Wrap
                }
            }
            Text {
                objectName: "techDeviceEffect_" + card.device
                Layout.fillWidth: true
                text: card.info.effect || ""
                textFormat: Text.PlainText
                color: Theme.text
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "techDeviceMessage_" + card.device
                Layout.fillWidth: true
                visible: text !== ""
                text: card.info.message || ""
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WrapAnywhere
                maximumLineCount: 2
                elide: Text.ElideRight
            }
            ColumnLayout {
                id: more
                Layout.fillWidth: true
                spacing: 12
            }
        }
    }

    // "label: value" rows of a connection, read-only
    component ConnectionRows: ColumnLayout {
        id: rows
        property var model: []
        property string device
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: rows.model
            RowLayout {
                required property var modelData
                required property int index
                Layout.fillWidth: true
                spacing: 16
                Text {
                    Layout.preferredWidth: 260
                    text: modelData.label
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                }
                Text {
                    objectName: "techConnection_" + rows.device + "_" + index
                    Layout.fillWidth: true
                    text: modelData.value
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WrapAnywhere
                }
            }
        }
    }

    // what a reconnect (or a test print) came to, under its button
    component ResultLine: Text {
        property bool good: true
        Layout.fillWidth: true
        visible: text !== ""
        textFormat: Text.PlainText
        color: good ? Theme.success : Theme.danger
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
    }

    GridLayout {
        id: grid
        width: page.width
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            spacing: Theme.spacing

            DeviceCard {
                objectName: "techPrinterCard"
                device: "printer"
                title: qsTr("Receipt printer")
                info: TechDevices.printer

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    KioskButton {
                        objectName: "techTestPrint"
                        Layout.fillWidth: true
                        text: TechDevices.testPrinting ? qsTr("Printing…") : qsTr("Test print")
                        enabled: TechDevices.printer.configured && !TechDevices.testPrinting
                        onClicked: TechDevices.testPrint()
                    }
                    KioskButton {
                        objectName: "techReconnect_printer"
                        Layout.fillWidth: true
                        primary: false
                        text: TechDevices.printer.reconnecting ? qsTr("Reconnecting…") : qsTr("Reconnect")
                        enabled: TechDevices.printer.configured && !TechDevices.printer.reconnecting
                        onClicked: TechDevices.reconnect("printer")
                    }
                }
                ResultLine {
                    objectName: "techTestPrintResult"
                    text: TechDevices.testPrintText
                    good: TechDevices.testPrintOutcome === "printed" || TechDevices.testPrintOutcome === "printing"
                }
                ResultLine {
                    objectName: "techReconnectResult_printer"
                    text: TechDevices.printer.reconnectText || ""
                    good: TechDevices.printer.reconnectOk !== false
                }
                Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 2; color: Theme.border }
                ConnectionRows {
                    objectName: "techPrinterConnection"
                    device: "printer"
                    model: TechDevices.printerConnection
                }
                KioskButton {
                    objectName: "techPrinterChangeSettings"
                    Layout.alignment: Qt.AlignRight
                    primary: false
                    fontSize: Theme.fontSmall
                    text: qsTr("Change in Settings")
                    onClicked: Maintenance.showPage("settings")
                }
            }

            DeviceCard {
                objectName: "techScannerCard"
                device: "scanner"
                title: qsTr("Barcode scanner")
                info: TechDevices.scanner

                KioskButton {
                    objectName: "techReconnect_scanner"
                    Layout.fillWidth: true
                    primary: false
                    text: TechDevices.scanner.reconnecting ? qsTr("Reconnecting…") : qsTr("Reconnect")
                    enabled: TechDevices.scanner.configured && !TechDevices.scanner.reconnecting
                    onClicked: TechDevices.reconnect("scanner")
                }
                ResultLine {
                    objectName: "techReconnectResult_scanner"
                    text: TechDevices.scanner.reconnectText || ""
                    good: TechDevices.scanner.reconnectOk !== false
                }
                Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 2; color: Theme.border }
                ConnectionRows {
                    objectName: "techScannerConnection"
                    device: "scanner"
                    model: TechDevices.scannerConnection
                }
            }

            DeviceCard {
                objectName: "techQrCard"
                device: "qr"
                title: qsTr("Payment QR display")
                info: ({
                    level: TechDevices.qrDisplay.available ? "ok" : "warning",
                    headline: TechDevices.qrDisplay.mode,
                    effect: TechDevices.qrDisplay.text,
                    message: ""
                })
            }
        }

        // the live scanner view: what the scanner sent, byte for byte, and what the kiosk made of it
        Rectangle {
            objectName: "techScansPanel"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            implicitHeight: scansColumn.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            border.width: 2

            ColumnLayout {
                id: scansColumn
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: 12
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Live scans")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Scan a code to test the scanner: scans here do not reach the shopper screens. The last 20 are kept until the area locks. Control bytes show by name, such as <CR> or <GS>.")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }
                Text {
                    objectName: "techScansEmpty"
                    Layout.fillWidth: true
                    visible: scanRepeater.count === 0
                    text: qsTr("No scans yet.")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
                Repeater {
                    id: scanRepeater
                    objectName: "techScans"
                    model: TechDevices.scans
                    Rectangle {
                        required property int index
                        required property string at
                        required property string raw
                        required property string symbology
                        required property string aim
                        required property string kind
                        required property string parsed
                        required property bool ok
                        required property string error
                        objectName: "techScan_" + index
                        Layout.fillWidth: true
                        implicitHeight: scanText.implicitHeight + 16
                        color: index % 2 === 0 ? Theme.background : Theme.surface
                        radius: 8
                        ColumnLayout {
                            id: scanText
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.verticalCenter: parent.verticalCenter
                            anchors.margins: 12
                            spacing: 2
                            RowLayout {
                                Layout.fillWidth: true
                                spacing: 12
                                Text {
                                    text: at
                                    textFormat: Text.PlainText
                                    color: Theme.textMuted
                                    font.pixelSize: Theme.fontSmall
                                }
                                Text {
                                    objectName: "techScanRaw_" + index
                                    Layout.fillWidth: true
                                    text: raw
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    font.pixelSize: Theme.fontSmall
                                    wrapMode: Text.WrapAnywhere
                                }
                                Text {
                                    objectName: "techScanOk_" + index
                                    text: ok ? qsTr("OK") : qsTr("Error")
                                    textFormat: Text.PlainText
                                    color: ok ? Theme.success : Theme.danger
                                    font.pixelSize: Theme.fontSmall
                                    font.bold: true
                                }
                            }
                            Text {
                                objectName: "techScanParsed_" + index
                                Layout.fillWidth: true
                                text: [symbology || aim, kind.toUpperCase(), ok ? parsed : error]
                                      .filter(function (part) { return part !== "" }).join(" · ")
                                textFormat: Text.PlainText
                                color: ok ? Theme.text : Theme.danger
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WrapAnywhere
                            }
                        }
                    }
                }
            }
        }
    }
}
