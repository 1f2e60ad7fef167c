import QtQuick
import QtQuick.Layouts

// A status line that comes and goes: its room is kept (`lines` of it) so nothing below it moves.
Text {
    id: line
    property int lines: 1
    textFormat: Text.PlainText
    Layout.fillWidth: true
    Layout.preferredHeight: lines * metrics.height
    wrapMode: lines > 1 ? Text.Wrap : Text.NoWrap
    maximumLineCount: lines
    elide: Text.ElideRight
    font.pixelSize: 13
    color: "#37474F"
    FontMetrics {
        id: metrics
        font: line.font
    }
}
