import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The shop changed a price or the stock since these went into the cart: each change in plain words,
// the new amount, and the shopper's choice. Nothing is charged and the cart stays as it was until they
// choose. Portrait: one column. Landscape: the changes on the left, the amount and the choice on the
// right, so the list has the whole height. A list longer than the card scrolls, and says so: no change
// may sit unseen below the fold.
Rectangle {
    id: overlay
    objectName: "cartChanges"
    color: Theme.scrim
    MouseArea {
        anchors.fill: parent  // swallows taps meant for the screen underneath
    }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.portrait ? 900 : 1500)
        height: Math.min(parent.height - 2 * Theme.margin, body.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius * 2
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.highContrast ? 3 : 1
        clip: true

        GridLayout {
            id: body
            anchors.fill: parent
            anchors.margins: Theme.margin
            columns: Theme.portrait ? 1 : 2
            columnSpacing: Theme.margin
            rowSpacing: Theme.spacing

            // what changed
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                spacing: Theme.spacing
                Text {
                    objectName: "cartChangesTitle"
                    Layout.fillWidth: true
                    text: qsTr("Your cart has changed")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("The shop changed these since you chose them. Please check before you pay:")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                ListView {
                    id: changeList
                    objectName: "cartChangeList"
                    readonly property bool overflows: contentHeight > height + 1
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: contentHeight
                    Layout.minimumHeight: Math.min(contentHeight, Theme.touchMin * 2)
                    clip: true
                    interactive: overflows
                    boundsBehavior: Flickable.StopAtBounds
                    spacing: Theme.spacing
                    rightMargin: overflows ? Theme.spacing : 0  // room for the scroll bar
                    model: Fulfilment.changes
                    ScrollBar.vertical: ScrollBar {
                        objectName: "cartChangeScrollBar"
                        policy: changeList.overflows ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    }
                    delegate: Rectangle {
                        id: change
                        required property int index
                        required property string name
                        required property string detail
                        width: changeList.width - changeList.rightMargin
                        implicitHeight: changeText.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.background
                        border.color: Theme.warning
                        border.width: 2
                        ColumnLayout {
                            id: changeText
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.top: parent.top
                            anchors.margins: Theme.spacing
                            spacing: 4
                            Text {
                                objectName: "cartChangeName_" + change.index
                                Layout.fillWidth: true
                                text: change.name
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                wrapMode: Text.Wrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                            Text {
                                objectName: "cartChangeText_" + change.index
                                Layout.fillWidth: true
                                text: change.detail
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
                // more below: said in words, not left to a thin scroll bar
                Text {
                    objectName: "cartChangesMore"
                    Layout.fillWidth: true
                    visible: changeList.overflows
                    text: changeList.atYEnd ? qsTr("That is every change.")
                                            : qsTr("Scroll the list to see every change (%1 in all).")
                                              .arg(changeList.count)
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    font.bold: !changeList.atYEnd
                    wrapMode: Text.Wrap
                }
            }

            // what paying costs once the changes are in (the delivery fee by its rule), and the choice
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                Layout.alignment: Qt.AlignBottom
                spacing: Theme.spacing
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacing
                    rowSpacing: 8
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Goods")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                    }
                    Text {
                        objectName: "cartChangesSubtotal"
                        Layout.alignment: Qt.AlignRight
                        text: Fulfilment.reviewSubtotalText
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                    }
                    Text {
                        Layout.fillWidth: true
                        text: Fulfilment.delivery ? qsTr("Delivery") : qsTr("Pickup")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                    }
                    Text {
                        objectName: "cartChangesShipping"
                        Layout.alignment: Qt.AlignRight
                        text: Fulfilment.reviewShippingText
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                    }
                    // landscape: the column is narrow, so the amount goes under its label
                    Text {
                        Layout.fillWidth: true
                        Layout.columnSpan: Theme.portrait ? 1 : 2
                        text: qsTr("New amount to pay")
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    ColumnLayout {
                        Layout.columnSpan: Theme.portrait ? 1 : 2
                        Layout.alignment: Qt.AlignRight
                        spacing: 0
                        Text {
                            objectName: "cartChangesTotal"
                            Layout.alignment: Qt.AlignRight
                            text: Fulfilment.reviewTotalText
                            textFormat: Text.PlainText
                            color: Theme.primary
                            font.pixelSize: Theme.fontTitle
                            font.bold: true
                        }
                        Text {
                            objectName: "cartChangesWas"
                            Layout.alignment: Qt.AlignRight
                            visible: text !== ""
                            text: Fulfilment.reviewWasText
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
                // side by side, or stacked when large text would squeeze them
                GridLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.spacing
                    columns: Theme.portrait || Theme.textScale === 1.0 ? 2 : 1
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacing
                    KioskButton {
                        objectName: "cartChangesBack"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Back to cart")
                        primary: false
                        onClicked: Fulfilment.reviewBackToCart()
                    }
                    KioskButton {
                        objectName: "cartChangesConfirm"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Confirm and pay")
                        onClicked: Fulfilment.confirmChanges()
                    }
                }
            }
        }
    }
}
