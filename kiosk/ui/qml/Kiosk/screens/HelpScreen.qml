import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Help: the FAQ, searched as the shopper types (on-screen keyboard, pinyin too), and a call for a
// member of staff whose progress the store reports back ("help is on the way", then "seen").
Rectangle {
    id: screen
    objectName: "helpScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Help")
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            spacing: 16
            TextField {
                id: field
                objectName: "helpSearchField"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.touchMin + 24, implicitHeight)
                font.pixelSize: Theme.fontBody
                color: Theme.text
                placeholderText: qsTr("Search the questions")
                placeholderTextColor: Theme.textMuted
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                text: Help.text
                function typed() { Help.setTyped(text, preeditText) }
                onTextChanged: Qt.callLater(typed)
                onPreeditTextChanged: Qt.callLater(typed)
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: field.activeFocus ? Theme.primary : Theme.border
                    border.width: 3
                }
            }
            KioskButton {
                objectName: "helpSearchClear"
                Layout.preferredHeight: field.height
                text: qsTr("Clear")
                primary: false
                visible: field.text !== ""
                onClicked: { Help.clear(); field.forceActiveFocus() }
            }
        }

        // the call for an attendant, always in sight
        Rectangle {
            objectName: "helpCallPanel"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            implicitHeight: callRow.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.surface
            border.color: Help.callState === "unreachable" ? Theme.danger
                        : Help.callState === "" ? Theme.border : Theme.success
            border.width: 3
            RowLayout {
                id: callRow
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: Theme.spacing
                Text {
                    objectName: "helpCallStatus"
                    Layout.fillWidth: true
                    text: {
                        switch (Help.callState) {
                        case "sending": return qsTr("Calling a member of staff…")
                        case "onTheWay": return qsTr("Help is on the way (asked at %1). Please stay at the kiosk.").arg(Help.askedAt)
                        case "unreachable": return qsTr("We could not reach the store; please ask at the counter.")
                        case "seen": return qsTr("A member of staff has seen your call (at %1).").arg(Help.seenAt)
                        default: return qsTr("Need a person? Call a member of staff to this kiosk.")
                        }
                    }
                    textFormat: Text.PlainText
                    color: Help.callState === "unreachable" ? Theme.danger : Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                KioskButton {
                    objectName: "helpCallAttendant"
                    Layout.alignment: Qt.AlignVCenter
                    text: qsTr("Call attendant")
                    dimmed: Help.callState === "sending" || Help.callState === "onTheWay"
                    onClicked: Help.callAttendant()
                }
            }
        }

        Flickable {
            objectName: "helpFaqList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.spacing
            contentHeight: faqColumn.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: faqColumn
                width: parent.width
                spacing: Theme.spacing
                Text {
                    objectName: "helpNoMatch"
                    visible: Help.noMatch
                    Layout.fillWidth: true
                    text: qsTr("No question matches “%1”. A member of staff can help you:").arg(Help.query)
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                KioskButton {
                    objectName: "helpNoMatchCall"
                    visible: Help.noMatch
                    text: qsTr("Call attendant")
                    onClicked: Help.callAttendant()
                }
                Repeater {
                    model: Help.faqs
                    ColumnLayout {
                        id: faq
                        required property var modelData
                        required property int index
                        objectName: "helpFaq_" + modelData.faqId
                        Layout.fillWidth: true
                        spacing: 8
                        Text {
                            objectName: "helpQuestion_" + faq.modelData.faqId
                            Layout.fillWidth: true
                            text: faq.modelData.question
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            wrapMode: Text.Wrap
                        }
                        Text {
                            objectName: "helpAnswer_" + faq.modelData.faqId
                            Layout.fillWidth: true
                            text: faq.modelData.answer
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                        }
                        // changing an order, or where it is: the order's own screen
                        KioskButton {
                            objectName: "helpMyOrder_" + faq.modelData.faqId
                            visible: faq.modelData.faqId === "change_order" || faq.modelData.faqId === "when_ship"
                            text: qsTr("Look up my order")
                            onClicked: MyOrder.open()
                        }
                    }
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
