import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician's settings page (view-model: TechSettings): one section at a time, chosen by the
// buttons on top. Settings sections edit values (text on the on-screen keyboard, numbers with − / +,
// choices as buttons) and save them together; "Service" is the out-of-service switch; "Tools" holds
// the PIN change, the diagnostic bundle and the exit to the desktop.
Item {
    id: page
    objectName: "techSettingsPage"
    readonly property bool editing: ["service", "tools"].indexOf(TechSettings.section) < 0
    property bool confirmingExit: false

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing / 2

        Flow {
            objectName: "techSettingsSections"
            Layout.fillWidth: true
            spacing: 12
            Repeater {
                model: TechSettings.sections
                KioskButton {
                    required property var modelData
                    objectName: "techSettingsSection_" + modelData.name
                    text: modelData.label
                    primary: false
                    fontSize: Theme.fontSmall
                    checked: TechSettings.section === modelData.name
                    onClicked: TechSettings.showSection(modelData.name)
                }
            }
        }

        Flickable {
            id: flick
            objectName: "techSettingsFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: body.implicitHeight + Theme.spacing
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: body
                width: flick.width
                spacing: Theme.spacing

                // -- settings --------------------------------------------------------------------
                Repeater {
                    model: page.editing ? TechSettings.fields : null
                    TechSettingsField {
                        required property var model  // the row's roles, updated in place
                        Layout.fillWidth: true
                        row: model
                        onActiveFieldChanged: if (activeField) flick.contentY = Math.min(
                            Math.max(0, y - Theme.spacing), Math.max(0, flick.contentHeight - flick.height))
                    }
                }

                // -- service: out of service -----------------------------------------------------
                TechSettingsService {
                    Layout.fillWidth: true
                    visible: TechSettings.section === "service"
                }

                // -- tools: PIN, diagnostics, exit -----------------------------------------------
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: TechSettings.section === "tools"
                    spacing: Theme.spacing

                    KioskButton {
                        objectName: "techChangePin"
                        text: qsTr("Change the technician PIN")
                        primary: false
                        onClicked: Maintenance.changePin()
                    }
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Diagnostic bundle (logs, settings without secrets, device and sync status, "
                                   + "versions): choose where to write it.")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 12
                        Repeater {
                            model: TechSettings.folders
                            KioskButton {
                                required property var modelData
                                required property int index
                                objectName: "techExportFolder_" + index
                                text: (modelData.removable ? qsTr("USB: ") : qsTr("Kiosk: ")) + modelData.label
                                enabled: !TechSettings.exporting
                                onClicked: TechSettings.exportDiagnostics(index)
                            }
                        }
                        KioskButton {
                            objectName: "techExportRefresh"
                            text: qsTr("Look for USB sticks")
                            primary: false
                            onClicked: TechSettings.refreshFolders()
                        }
                    }
                    Text {
                        objectName: "techExportMessage"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: TechSettings.exportMessage
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 2; color: Theme.border }
                    KioskButton {
                        objectName: "techExitDesktop"
                        text: qsTr("Exit to the desktop")
                        primary: false
                        onClicked: page.confirmingExit = true
                    }
                }
            }
        }

        // save / discard, and what happened to the last save
        RowLayout {
            Layout.fillWidth: true
            visible: page.editing
            spacing: Theme.spacing
            Text {
                objectName: "techSettingsMessage"
                Layout.fillWidth: true
                text: TechSettings.message !== "" ? TechSettings.message
                      : TechSettings.pendingCount > 0 ? qsTr("%n change(s) not saved yet.", "", TechSettings.pendingCount)
                      : ""
                textFormat: Text.PlainText
                color: TechSettings.messageOk ? Theme.text : Theme.danger
                font.pixelSize: Theme.fontSmall
                font.bold: !TechSettings.messageOk
                wrapMode: Text.Wrap
                maximumLineCount: 4
                elide: Text.ElideRight
            }
            KioskButton {
                objectName: "techSettingsDiscard"
                text: qsTr("Discard")
                primary: false
                enabled: TechSettings.pendingCount > 0
                onClicked: TechSettings.discard()
            }
            KioskButton {
                objectName: "techSettingsSave"
                text: qsTr("Save")
                enabled: TechSettings.pendingCount > 0
                onClicked: TechSettings.save()
            }
        }
    }

    // "Exit to the desktop?" over the page
    Rectangle {
        objectName: "techExitPanel"
        anchors.fill: parent
        visible: page.confirmingExit
        color: Theme.scrim
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 800)
            height: exitColumn.implicitHeight + 2 * Theme.margin
            radius: Theme.radius
            color: Theme.surface
            ColumnLayout {
                id: exitColumn
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Close the kiosk app and show the desktop? Shoppers cannot use the kiosk until it "
                               + "is started again.")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    spacing: Theme.spacing
                    KioskButton {
                        objectName: "techExitCancel"
                        text: qsTr("Cancel")
                        primary: false
                        onClicked: page.confirmingExit = false
                    }
                    KioskButton {
                        objectName: "techExitConfirm"
                        text: qsTr("Exit to the desktop")
                        onClicked: { page.confirmingExit = false; TechSettings.exitToDesktop() }
                    }
                }
            }
        }
    }
}
