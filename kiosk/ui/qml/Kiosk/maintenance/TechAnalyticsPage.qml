import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The technician's reports page (view-model: TechAnalytics): the merchant's figures over today, the
// last 7 or the last 30 days; charts, top products and CSV export. Scrolls vertically in either
// orientation.
Item {
    id: page
    objectName: "techAnalyticsPage"
    readonly property string unit: TechAnalytics.currency !== "" ? " (" + TechAnalytics.currency + ")" : ""

    Component.onCompleted: TechAnalytics.setLanguage(Shell.language)
    Connections {
        target: Shell
        function onLanguageChanged() { TechAnalytics.setLanguage(Shell.language) }
    }

    Flickable {
        id: flick
        objectName: "analyticsFlick"
        anchors.fill: parent
        contentHeight: body.implicitHeight + Theme.spacing
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: body
            width: flick.width
            spacing: Theme.spacing

            // the period, by touch
            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: [
                        { name: "today", label: qsTr("Today") },
                        { name: "7d", label: qsTr("Last 7 days") },
                        { name: "30d", label: qsTr("Last 30 days") }
                    ]
                    KioskButton {
                        required property var modelData
                        objectName: "analyticsPeriod_" + modelData.name
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: modelData.label
                        primary: false
                        checked: TechAnalytics.period === modelData.name
                        onClicked: TechAnalytics.choosePeriod(modelData.name)
                    }
                }
                KioskButton {
                    objectName: "analyticsRefresh"
                    text: qsTr("Refresh")
                    primary: false
                    enabled: !TechAnalytics.busy
                    onClicked: TechAnalytics.refresh()
                }
            }

            Text {
                objectName: "analyticsStatus"
                Layout.fillWidth: true
                text: TechAnalytics.busy ? qsTr("Reading the figures…")
                                         : TechAnalytics.periodText
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            Text {
                objectName: "analyticsError"
                Layout.fillWidth: true
                visible: TechAnalytics.error !== ""
                text: TechAnalytics.error
                textFormat: Text.PlainText
                color: Theme.danger
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            // the summary: sales, orders, average order value, repeat shoppers
            GridLayout {
                Layout.fillWidth: true
                columns: Theme.portrait ? 2 : 4
                columnSpacing: 12
                rowSpacing: 12
                Repeater {
                    model: [
                        { name: "sales", label: qsTr("Sales"), value: TechAnalytics.salesText },
                        { name: "orders", label: qsTr("Orders"), value: TechAnalytics.ordersText },
                        { name: "aov", label: qsTr("Average order"), value: TechAnalytics.aovText },
                        { name: "repeat", label: qsTr("Repeat shoppers"), value: TechAnalytics.repeatText }
                    ]
                    Rectangle {
                        required property var modelData
                        objectName: "analyticsFigure_" + modelData.name
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        implicitHeight: figure.implicitHeight + Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        border.width: 2
                        ColumnLayout {
                            id: figure
                            anchors.fill: parent
                            anchors.margins: Theme.spacing / 2
                            spacing: 4
                            Text {
                                Layout.fillWidth: true
                                text: modelData.label
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                elide: Text.ElideRight
                            }
                            Text {
                                objectName: "analyticsFigureValue_" + modelData.name
                                Layout.fillWidth: true
                                text: modelData.value
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                                fontSizeMode: Text.HorizontalFit
                                minimumPixelSize: Theme.fontSmall
                                elide: Text.ElideRight
                            }
                        }
                    }
                }
            }

            // the charts: two a row in landscape, one a row in portrait
            GridLayout {
                Layout.fillWidth: true
                columns: Theme.portrait ? 1 : 2
                columnSpacing: 12
                rowSpacing: 12
                TechChart {
                    objectName: "analyticsByHour"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    title: qsTr("Sales by hour of day") + page.unit
                    labels: TechAnalytics.hourLabels
                    values: TechAnalytics.hourValues
                }
                TechChart {
                    objectName: "analyticsByDay"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    title: qsTr("Sales by day") + page.unit
                    labels: TechAnalytics.dayLabels
                    values: TechAnalytics.dayValues
                    barColor: Theme.accent
                    labelAngle: TechAnalytics.dayLabels.length > 10 ? -60 : 0
                }
                TechChart {
                    objectName: "analyticsByCategory"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    title: qsTr("Sales by category") + page.unit
                    labels: TechAnalytics.categoryLabels
                    values: TechAnalytics.categoryValues
                    barColor: Theme.success
                    labelAngle: TechAnalytics.categoryLabels.length > 5 ? -45 : 0
                }
                TechChart {
                    objectName: "analyticsFunnel"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    title: qsTr("Shopping funnel (sessions at each step)")
                    labels: TechAnalytics.funnelLabels
                    values: TechAnalytics.funnelValues
                    barColor: Theme.warning
                    integers: true
                }
            }

            // top products
            Rectangle {
                objectName: "analyticsTopProducts"
                Layout.fillWidth: true
                implicitHeight: topColumn.implicitHeight + Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                ColumnLayout {
                    id: topColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacing / 2
                    spacing: 8
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Top products")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                    }
                    Text {
                        objectName: "analyticsTopEmpty"
                        visible: TechAnalytics.topProducts.length === 0
                        text: qsTr("No sales in this period.")
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                    Repeater {
                        model: TechAnalytics.topProducts
                        RowLayout {
                            required property var modelData
                            objectName: "analyticsTop_" + modelData.rank
                            Layout.fillWidth: true
                            spacing: 12
                            Text {
                                text: modelData.rank + "."
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                Layout.preferredWidth: Theme.fontSmall * 2
                            }
                            Text {
                                Layout.fillWidth: true
                                text: modelData.name
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontSmall
                                elide: Text.ElideRight
                            }
                            Text {
                                text: "× " + modelData.quantity
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontSmall
                            }
                            Text {
                                text: modelData.revenue
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                horizontalAlignment: Text.AlignRight
                                Layout.preferredWidth: Theme.fontSmall * 7
                            }
                        }
                    }
                }
            }

            // CSV export: one button per place to write to (USB sticks first)
            Rectangle {
                objectName: "analyticsExport"
                Layout.fillWidth: true
                implicitHeight: exportColumn.implicitHeight + Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                ColumnLayout {
                    id: exportColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacing / 2
                    spacing: 12
                    RowLayout {
                        Layout.fillWidth: true
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Export these figures as CSV files to:")
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            wrapMode: Text.Wrap
                        }
                        KioskButton {
                            objectName: "analyticsReloadFolders"
                            text: qsTr("Look for USB sticks")
                            primary: false
                            onClicked: TechAnalytics.reloadFolders()
                        }
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 12
                        Repeater {
                            model: TechAnalytics.folders
                            KioskButton {
                                required property var modelData
                                objectName: "analyticsExportTo_" + modelData.index
                                text: modelData.label
                                enabled: TechAnalytics.hasReport && !TechAnalytics.exporting
                                onClicked: TechAnalytics.exportTo(modelData.index)
                            }
                        }
                    }
                    Text {
                        objectName: "analyticsExportMessage"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: TechAnalytics.exportMessage
                        textFormat: Text.PlainText
                        color: TechAnalytics.exportOk ? Theme.success : Theme.danger
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }
}
