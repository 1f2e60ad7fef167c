import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician's sync page (view-model: TechSync): the store link, the outbox, "sync now" and "pull
// catalog now", quarantined orders with retry / export, open alerts, and the technician's audit log.
// One scrolling column; the status is two columns of figures in portrait, four in landscape.
Item {
    id: page
    objectName: "techSyncPage"

    Component.onCompleted: TechSync.refresh()
    Component.onDestruction: TechSync.hidden()

    // the ages and "since" times move on while the page is shown
    Timer {
        interval: 2000
        running: true
        repeat: true
        onTriggered: TechSync.refresh()
    }
    Connections {
        target: Shell
        function onLanguageChanged() { TechSync.retranslate() }
    }

    Flickable {
        id: flick
        objectName: "syncScroll"
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        rightMargin: Theme.spacing
        ScrollBar.vertical: ScrollBar {
            objectName: "syncScrollBar"
            policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        }

        ColumnLayout {
            id: column
            width: flick.width - flick.rightMargin
            spacing: Theme.spacing

            // -- the link ---------------------------------------------------------------------------
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: statusColumn.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.color: TechSync.link === "online" ? Theme.success
                              : TechSync.link === "unknown" ? Theme.border : Theme.danger
                border.width: 3

                ColumnLayout {
                    id: statusColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.spacing
                    spacing: 8

                    Text {
                        objectName: "syncLink"
                        Layout.fillWidth: true
                        text: TechSync.linkText
                        textFormat: Text.PlainText
                        color: TechSync.link === "online" ? Theme.success
                               : TechSync.link === "unknown" ? Theme.text : Theme.danger
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "syncLinkError"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: TechSync.linkError
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WrapAnywhere
                        maximumLineCount: 3
                        elide: Text.ElideRight
                    }

                    GridLayout {
                        Layout.fillWidth: true
                        columns: Theme.portrait ? 2 : 4
                        columnSpacing: Theme.spacing
                        rowSpacing: 8

                        Repeater {
                            model: [
                                { name: "syncOffset", label: qsTr("Clock"), value: TechSync.offsetText },
                                { name: "syncDepth", label: qsTr("Orders waiting"), value: String(TechSync.depth) },
                                { name: "syncOldest", label: qsTr("Oldest waiting"), value: TechSync.oldestText },
                                { name: "syncQuarantined", label: qsTr("Quarantined"),
                                  value: String(TechSync.quarantinedCount) },
                                { name: "syncLastPush", label: qsTr("Last sent"), value: TechSync.lastPushText },
                                { name: "syncCatalog", label: qsTr("Catalog"), value: TechSync.catalogText },
                                { name: "syncLastPull", label: qsTr("Last catalog pull"),
                                  value: TechSync.lastPullText }
                            ]
                            ColumnLayout {
                                required property var modelData
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1  // equal columns
                                Layout.alignment: Qt.AlignTop
                                spacing: 2
                                Text {
                                    Layout.fillWidth: true
                                    text: modelData.label
                                    textFormat: Text.PlainText
                                    color: Theme.textMuted
                                    font.pixelSize: Theme.fontSmall
                                    elide: Text.ElideRight
                                }
                                Text {
                                    objectName: modelData.name
                                    Layout.fillWidth: true
                                    text: modelData.value
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                    wrapMode: Text.Wrap
                                }
                            }
                        }
                    }
                }
            }

            // -- the actions ------------------------------------------------------------------------
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                KioskButton {
                    objectName: "syncNow"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: TechSync.pushing ? qsTr("Sending…") : qsTr("Sync now")
                    dimmed: TechSync.pushing
                    onClicked: TechSync.syncNow()
                }
                KioskButton {
                    objectName: "syncPullNow"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    primary: false
                    text: TechSync.pulling ? qsTr("Pulling…") : qsTr("Pull catalog now")
                    dimmed: TechSync.pulling
                    onClicked: TechSync.pullNow()
                }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: TechSync.message !== ""
                spacing: 12
                BusyIndicator {
                    objectName: "syncBusy"
                    visible: TechSync.messageKind === "busy"
                    running: visible
                    Layout.preferredWidth: Theme.touchMin
                    Layout.preferredHeight: Theme.touchMin
                }
                Text {
                    objectName: "syncMessage"
                    Layout.fillWidth: true
                    text: TechSync.message
                    textFormat: Text.PlainText
                    color: TechSync.messageKind === "error" ? Theme.danger
                           : TechSync.messageKind === "ok" ? Theme.success : Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }

            // -- quarantined orders -----------------------------------------------------------------
            TechSyncHeading { text: qsTr("Quarantined orders") }
            Text {
                objectName: "syncNoRows"
                Layout.fillWidth: true
                visible: TechSync.rows.length === 0
                text: qsTr("None: every order the kiosk took is queued or at the store.")
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
            Repeater {
                model: TechSync.rows
                Rectangle {
                    id: row
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    implicitHeight: rowLayout.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.warning
                    border.width: 2
                    GridLayout {
                        id: rowLayout
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.top: parent.top
                        anchors.margins: Theme.spacing
                        columns: Theme.portrait ? 1 : 2
                        columnSpacing: Theme.spacing
                        rowSpacing: 12
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 4
                            Text {
                                objectName: "syncRowOrder_" + row.index
                                Layout.fillWidth: true
                                text: row.modelData.orderNo + "  ·  " + row.modelData.when
                                      + "  ·  " + qsTr("seq %1").arg(row.modelData.seq)
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                            Text {
                                objectName: "syncRowError_" + row.index
                                Layout.fillWidth: true
                                text: row.modelData.error
                                textFormat: Text.PlainText
                                color: Theme.danger
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                            Text {
                                objectName: "syncRowDetail_" + row.index
                                Layout.fillWidth: true
                                visible: text !== ""
                                text: row.modelData.detail
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WrapAnywhere
                                maximumLineCount: 3
                                elide: Text.ElideRight
                            }
                        }
                        RowLayout {
                            Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                            spacing: Theme.spacing
                            KioskButton {
                                objectName: "syncRetry_" + row.index
                                text: qsTr("Retry")
                                onClicked: TechSync.retry(row.modelData.rowId)
                            }
                            KioskButton {
                                objectName: "syncExport_" + row.index
                                primary: false
                                text: qsTr("Export")
                                onClicked: TechSync.exportRow(row.modelData.rowId)
                            }
                        }
                    }
                }
            }

            // -- open alerts ------------------------------------------------------------------------
            TechSyncHeading { text: qsTr("Open alerts") }
            Text {
                objectName: "syncNoAlerts"
                Layout.fillWidth: true
                visible: TechSync.alerts.length === 0
                text: qsTr("No alerts since the kiosk started.")
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
            Repeater {
                model: TechSync.alerts
                ColumnLayout {
                    id: alert
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    spacing: 2
                    Text {
                        objectName: "syncAlertKind_" + alert.index
                        Layout.fillWidth: true
                        text: alert.modelData.kind + "  ·  " + alert.modelData.when
                              + (alert.modelData.delivered ? "" : "  ·  " + qsTr("not at the store yet"))
                        textFormat: Text.PlainText
                        color: Theme.warning
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "syncAlertMessage_" + alert.index
                        Layout.fillWidth: true
                        text: alert.modelData.message
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }
            }

            // -- the audit log ----------------------------------------------------------------------
            TechSyncHeading { text: qsTr("Technician log (last 50)") }
            Repeater {
                model: TechSync.auditRows
                RowLayout {
                    id: entry
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    spacing: 12
                    Text {
                        Layout.preferredWidth: Theme.portrait ? 300 : 320
                        Layout.alignment: Qt.AlignTop
                        text: entry.modelData.when
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                    Text {
                        objectName: "syncAudit_" + entry.index
                        Layout.fillWidth: true
                        text: entry.modelData.action + "  " + entry.modelData.result
                              + (entry.modelData.detail ? "  ·  " + entry.modelData.detail : "")
                        textFormat: Text.PlainText
                        color: entry.modelData.result === "ok" ? Theme.text : Theme.danger
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
        }
    }

    // -- where an export goes: USB sticks first, then the kiosk's exports folder ------------------------
    Rectangle {
        objectName: "syncFolderChooser"
        anchors.fill: parent
        visible: TechSync.choosingFolder
        color: Theme.scrim
        MouseArea {
            anchors.fill: parent  // swallows taps meant for the page underneath
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.spacing, 900)
            height: chooser.implicitHeight + 2 * Theme.margin
            radius: Theme.radius * 2
            color: Theme.surface
            ColumnLayout {
                id: chooser
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    objectName: "syncFolderTitle"
                    Layout.fillWidth: true
                    text: qsTr("Export order %1 to:").arg(TechSync.exportOrderNo)
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: TechSync.folders
                    KioskButton {
                        required property var modelData
                        required property int index
                        objectName: "syncFolder_" + index
                        Layout.fillWidth: true
                        text: modelData.removable ? qsTr("USB: %1").arg(modelData.label)
                                                  : qsTr("The kiosk's exports folder")
                        onClicked: TechSync.exportTo(index)
                    }
                }
                KioskButton {
                    objectName: "syncFolderCancel"
                    Layout.fillWidth: true
                    primary: false
                    text: qsTr("Cancel")
                    onClicked: TechSync.cancelExport()
                }
            }
        }
    }
}
