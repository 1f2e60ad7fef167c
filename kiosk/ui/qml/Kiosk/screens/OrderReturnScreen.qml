import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// A return or an exchange: which, why, which items and how many (0 up to what was bought), and a
// note in the shopper's own words. The store decides; the answer shows at the next lookup.
Rectangle {
    id: screen
    objectName: "orderReturnScreen"
    color: Theme.background

    function putKeyboardAway() {
        flick.forceActiveFocus()
        Qt.inputMethod.hide()
    }
    function revealNote() {
        if (!noteField.field.activeFocus)
            return
        const top = noteField.mapToItem(body, 0, 0).y + Theme.margin
        const bottom = top + noteField.height
        if (bottom + Theme.spacing > flick.contentY + flick.height)
            flick.contentY = Math.min(Math.max(0, flick.contentHeight - flick.height),
                                      bottom + Theme.spacing - flick.height)
    }

    component Title: Text {
        Layout.fillWidth: true
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontTitle
        font.bold: true
        wrapMode: Text.Wrap
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Return or exchange")
        }
        Flickable {
            id: flick
            objectName: "orderReturnFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight + 2 * Theme.margin
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            onHeightChanged: screen.revealNote()

            GridLayout {
                id: body
                x: Theme.margin
                y: Theme.margin
                width: flick.width - 2 * Theme.margin
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.margin
                rowSpacing: Theme.spacing

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    Title { text: qsTr("What would you like?") }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        OptionCard {
                            objectName: "returnKindReturn"
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            title: qsTr("Return")
                            detail: qsTr("Money back")
                            selected: MyOrder.returnKind === "return"
                            onClicked: MyOrder.setReturnKind("return")
                        }
                        OptionCard {
                            objectName: "returnKindExchange"
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            title: qsTr("Exchange")
                            detail: qsTr("The same item again")
                            selected: MyOrder.returnKind === "exchange"
                            onClicked: MyOrder.setReturnKind("exchange")
                        }
                    }
                    Title { text: qsTr("Why?") }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: 2
                        columnSpacing: Theme.spacing
                        rowSpacing: Theme.spacing
                        Repeater {
                            model: [
                                { reason: "quality", title: qsTr("Quality problem") },
                                { reason: "wrong_item", title: qsTr("Wrong item") },
                                { reason: "damaged", title: qsTr("Damaged") },
                                { reason: "other", title: qsTr("Other reason") }
                            ]
                            OptionCard {
                                required property var modelData
                                objectName: "returnReason_" + modelData.reason
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1
                                title: modelData.title
                                selected: MyOrder.returnReason === modelData.reason
                                onClicked: MyOrder.setReturnReason(modelData.reason)
                            }
                        }
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    Title { text: qsTr("Which items?") }
                    Repeater {
                        model: MyOrder.returnLines
                        RowLayout {
                            id: line
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            Text {
                                Layout.fillWidth: true
                                text: line.modelData.name
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                wrapMode: Text.Wrap
                            }
                            KioskButton {
                                objectName: "returnLess_" + line.index
                                implicitWidth: Theme.touchMin + 24
                                text: "－"
                                primary: false
                                fontSize: Theme.fontTitle
                                dimmed: line.modelData.chosen === 0
                                onClicked: MyOrder.stepLine(line.index, -1)
                            }
                            Text {
                                objectName: "returnCount_" + line.index
                                Layout.minimumWidth: 100
                                text: line.modelData.chosen + " / " + line.modelData.bought
                                textFormat: Text.PlainText
                                color: Theme.text
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                                horizontalAlignment: Text.AlignHCenter
                            }
                            KioskButton {
                                objectName: "returnMore_" + line.index
                                implicitWidth: Theme.touchMin + 24
                                text: "+"
                                primary: false
                                fontSize: Theme.fontTitle
                                dimmed: line.modelData.chosen >= line.modelData.bought
                                onClicked: MyOrder.stepLine(line.index, 1)
                            }
                        }
                    }
                    FormField {
                        id: noteField
                        Layout.fillWidth: true
                        fieldName: "returnNote"
                        label: qsTr("Anything the store should know? (optional)")
                        placeholder: qsTr("e.g. the lid was broken")
                        value: MyOrder.note
                        maximumLength: MyOrder.noteMaxLength + 20
                        onEdited: (text) => MyOrder.setNote(text)
                        onAccepted: screen.putKeyboardAway()
                        field.onActiveFocusChanged: screen.revealNote()
                    }
                }
                Text {
                    objectName: "returnMessage"
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.portrait ? 1 : 2
                    visible: text !== ""
                    text: MyOrder.busy ? MyOrder.busyText : MyOrder.formMessage
                    textFormat: Text.PlainText
                    color: MyOrder.busy ? Theme.text : Theme.danger
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    wrapMode: Text.Wrap
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: sendRow.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: sendRow
                anchors.fill: parent
                anchors.margins: Theme.spacing
                KioskButton {
                    objectName: "returnSend"
                    Layout.fillWidth: true
                    text: qsTr("Send request")
                    fontSize: Theme.fontTitle
                    dimmed: MyOrder.busy
                    onClicked: {
                        screen.putKeyboardAway()
                        if (!MyOrder.sendReturn())
                            flick.contentY = Math.max(0, flick.contentHeight - flick.height)
                    }
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
            visible: Theme.portrait || !Qt.inputMethod.visible
        }
    }
}
