import QtQuick

// One titled section of the demo controls; the section's own QML file is loaded inside.
Rectangle {
    id: frame
    required property QtObject section
    objectName: "demoSection_" + section.title
    color: "#FFFFFF"
    radius: 6
    border.color: "#CFD8DC"
    implicitHeight: heading.implicitHeight + (body.item ? body.item.implicitHeight : 0) + 36

    Text {
        id: heading
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 }
        text: frame.section.title
        textFormat: Text.PlainText
        font.pixelSize: 16
        font.bold: true
        color: "#263238"
    }

    Loader {
        id: body
        anchors { left: parent.left; right: parent.right; top: heading.bottom; bottom: parent.bottom }
        anchors.margins: 12
        Component.onCompleted: setSource(frame.section.source, { "section": frame.section })
    }
}
