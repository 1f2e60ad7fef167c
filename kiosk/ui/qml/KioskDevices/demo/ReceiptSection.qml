import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The last job the fake printer received, rendered as it comes out on paper.
ColumnLayout {
    id: root
    required property QtObject section
    spacing: 6

    RowLayout {
        Layout.fillWidth: true
        Text {
            objectName: "receiptCaption"
            Layout.fillWidth: true
            text: root.section.caption
            textFormat: Text.PlainText
            elide: Text.ElideRight
            color: "#546E7A"
            font.pixelSize: 13
        }
        // as a shopper holds their receipt under the kiosk's scanner to look the order up
        Button {
            objectName: "scanReceiptQr"
            text: "Scan its QR code"
            enabled: root.section.canScanQr
            onClicked: root.section.scanQr()
        }
    }

    Rectangle {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 120
        color: "#B0BEC5"
        radius: 4

        Flickable {
            id: paper
            objectName: "receiptFlickable"
            anchors.fill: parent
            anchors.margins: 8
            clip: true
            contentWidth: width
            contentHeight: receipt.height
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { objectName: "receiptScrollBar" }

            Image {
                id: receipt
                objectName: "lastReceiptImage"
                source: root.section.imageUrl
                // the paper's full width when it fits, else shrunk to the column
                width: Math.min(implicitWidth, paper.width - 12)
                height: implicitWidth > 0 ? implicitHeight * width / implicitWidth : 0
                x: (paper.width - 12 - width) / 2
                fillMode: Image.PreserveAspectFit
                cache: false
                smooth: true
            }
        }
    }
}
