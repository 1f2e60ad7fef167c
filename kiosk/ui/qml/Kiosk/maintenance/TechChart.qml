import QtQuick
import QtQuick.Layouts
import QtGraphs
import Kiosk
import Kiosk.Backend

// One bar chart of the reports page, drawn by QtGraphs: a title, one label and one value per bar.
// The numbers come from TechAnalytics; the chart only draws them.
Rectangle {
    id: card
    property string title
    property var labels: []
    property var values: []
    property color barColor: Theme.primary
    property bool integers: false  // counts, not money: whole-number ticks
    property int labelAngle: 0

    implicitHeight: Math.round(Theme.touchMin * 7)
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    border.width: 2

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing / 2
        spacing: 4

        Text {
            objectName: card.objectName + "Title"
            Layout.fillWidth: true
            text: card.title
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.bold: true
            elide: Text.ElideRight
        }

        GraphsView {
            objectName: card.objectName + "Graph"
            Layout.fillWidth: true
            Layout.fillHeight: true
            marginLeft: 8
            marginRight: 8
            marginTop: 8
            marginBottom: 8
            theme: GraphsTheme {
                colorScheme: GraphsTheme.ColorScheme.Light
                backgroundColor: Theme.surface
                plotAreaBackgroundColor: Theme.surface
                labelTextColor: Theme.text
                labelBackgroundVisible: false
                labelBorderVisible: false
                axisXLabelFont.pixelSize: Theme.fontSmall * 0.8
                axisYLabelFont.pixelSize: Theme.fontSmall * 0.8
                labelFont.pixelSize: Theme.fontSmall * 0.8
                grid.mainColor: Theme.border
                axisX.mainColor: Theme.textMuted
                axisY.mainColor: Theme.textMuted
                seriesColors: [card.barColor]
                borderColors: [card.barColor]
            }
            axisX: BarCategoryAxis {
                categories: card.labels
                gridVisible: false
                labelsAngle: card.labelAngle
            }
            axisY: ValueAxis {
                min: 0
                max: card.integers ? Math.max(5, TechAnalytics.axisMax(card.values))
                                   : TechAnalytics.axisMax(card.values)
                tickInterval: max / 5
                labelDecimals: card.integers || max >= 10 ? 0 : 1
                subTickCount: 0
            }
            BarSeries {
                objectName: card.objectName + "Series"
                BarSet {
                    objectName: card.objectName + "Bars"
                    values: card.values
                    color: card.barColor
                    borderColor: card.barColor
                }
            }
        }
    }
}
