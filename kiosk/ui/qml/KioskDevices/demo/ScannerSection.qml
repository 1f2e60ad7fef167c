import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import KioskDevices

// Scan a demo product (click it) or any code; send what real scanners send on a bad day.
ColumnLayout {
    id: root
    required property QtObject section
    spacing: 8

    TextField {
        objectName: "productSearch"
        Layout.fillWidth: true
        placeholderText: "Search " + root.section.productCount + " demo products by name or barcode"
        onTextChanged: root.section.setFilter(text)
    }

    ListView {
        id: list
        objectName: "productList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 160
        clip: true
        model: root.section.products
        ScrollBar.vertical: ScrollBar { objectName: "productListScrollBar" }

        delegate: ItemDelegate {
            id: product
            required property string gtin
            required property string nameZh
            required property string nameEn
            objectName: "scanProduct_" + gtin
            width: ListView.view.width
            height: 44
            ToolTip.text: "Scan " + gtin
            onClicked: root.section.scanCode(gtin)

            contentItem: RowLayout {
                spacing: 8
                Column {
                    Layout.fillWidth: true
                    Text {
                        width: parent.width
                        text: product.nameEn
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        font.pixelSize: 13
                    }
                    Text {
                        width: parent.width
                        text: product.nameZh
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        color: "#546E7A"
                        font.pixelSize: 12
                    }
                }
                Text {
                    text: product.gtin
                    textFormat: Text.PlainText
                    font.family: "monospace"
                    font.pixelSize: 12
                    color: "#37474F"
                }
            }
        }
    }

    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: code
            objectName: "codeInput"
            Layout.fillWidth: true
            placeholderText: "Any code: EAN, GS1, text…"
            onAccepted: scanButton.clicked()
        }
        Button {
            id: scanButton
            objectName: "scanCodeButton"
            text: "Scan"
            onClicked: if (root.section.scanCode(code.text)) code.clear()
        }
    }

    Flow {
        Layout.fillWidth: true
        spacing: 6
        Button {
            objectName: "scanGarbageButton"
            text: "Line noise"
            onClicked: root.section.scanGarbage()
        }
        Button {
            objectName: "scanBadCheckDigitButton"
            text: "Bad check digit"
            onClicked: root.section.scanBadCheckDigit()
        }
        Button {
            objectName: "scanGs1Button"
            text: "GS1-128 label"
            onClicked: root.section.scanGs1()
        }
    }

    RowLayout {
        Layout.fillWidth: true
        DemoSwitch {
            objectName: "scannerPluggedSwitch"
            text: "Plugged in"
            value: root.section.plugged
            onToggledTo: (on) => root.section.setPlugged(on)
        }
        Button {
            objectName: "replugScannerButton"
            text: "Replug"
            enabled: root.section.plugged
            onClicked: root.section.replug()
        }
    }

    Text {
        objectName: "lastSentLabel"
        Layout.fillWidth: true
        text: "Sent: " + (root.section.lastSent || "—")
        textFormat: Text.PlainText
        elide: Text.ElideRight
        color: "#546E7A"
        font.pixelSize: 13
    }
    Text {
        objectName: "lastScanLabel"
        Layout.fillWidth: true
        text: "Kiosk read: " + (root.section.lastScan || "—")
        textFormat: Text.PlainText
        elide: Text.ElideRight
        font.pixelSize: 13
    }
}
