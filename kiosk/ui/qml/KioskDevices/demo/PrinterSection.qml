import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import KioskDevices

// Script the fake printer, then print a test receipt through the kiosk's real printer adapter.
ColumnLayout {
    id: root
    required property QtObject section
    spacing: 6

    RowLayout {
        spacing: 6
        Text { text: "Paper"; textFormat: Text.PlainText; font.pixelSize: 13; Layout.preferredWidth: 50 }
        Repeater {
            model: [["ok", "OK"], ["near_end", "Near end"], ["out", "Out"]]
            Button {
                required property var modelData
                objectName: "paper_" + modelData[0]
                text: modelData[1]
                highlighted: root.section.paper === modelData[0]
                onClicked: root.section.setPaper(modelData[0])
            }
        }
    }

    Flow {
        Layout.fillWidth: true
        spacing: 6
        DemoSwitch {
            objectName: "powerSwitch"
            text: "Power"
            value: root.section.powered
            onToggledTo: (on) => root.section.setPowered(on)
        }
        DemoSwitch {
            objectName: "coverOpenSwitch"
            text: "Cover open"
            value: root.section.coverOpen
            onToggledTo: (on) => root.section.setCoverOpen(on)
        }
        DemoSwitch {
            objectName: "slowSwitch"
            text: "Slow"
            value: root.section.slow
            onToggledTo: (on) => root.section.setSlow(on)
        }
    }

    RowLayout {
        spacing: 6
        Button {
            objectName: "printTestReceiptButton"
            text: root.section.printing ? "Printing…" : "Print a test receipt"
            highlighted: true
            onClicked: root.section.printTestReceipt()
        }
        Button {
            objectName: "dropNextJobButton"
            text: root.section.dropArmed ? "Next job will drop" : "Drop mid-job"
            enabled: !root.section.dropArmed
            onClicked: root.section.dropNextJob()
        }
    }

    StatusLine {
        objectName: "printResultLabel"
        lines: 2
        text: root.section.lastResult || "No test receipt printed yet"
        color: root.section.lastOutcome === "printed" || root.section.lastOutcome === "" ? "#37474F" : "#C62828"
    }
}
