import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// One order after the purchase: its status in words and its timeline, what was bought, the (masked)
// contact, the requests made and their answers, and what the shopper may do now, by the rules.
// Portrait: one column. Landscape: status and timeline left, goods and requests right.
Rectangle {
    id: screen
    objectName: "orderScreen"
    color: Theme.background

    component Card: Rectangle {
        default property alias content: inner.data
        Layout.fillWidth: true
        implicitHeight: inner.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2
        ColumnLayout {
            id: inner
            x: Theme.spacing
            y: Theme.spacing
            width: parent.width - 2 * Theme.spacing
            spacing: 12
        }
    }
    component Line: Text {
        Layout.fillWidth: true
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        visible: text !== ""
    }
    component Heading: Line {
        font.pixelSize: Theme.fontTitle
        font.bold: true
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("My order")
        }
        Flickable {
            id: flick
            objectName: "orderFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight + 2 * Theme.margin
            clip: true
            boundsBehavior: Flickable.StopAtBounds

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
                    Card {
                        Line {
                            text: qsTr("Order number")
                            color: Theme.textMuted
                        }
                        Heading {
                            objectName: "orderNumber"
                            text: MyOrder.orderNo
                            font.pixelSize: Math.round(Theme.fontTitle * 1.2)
                        }
                        Heading {
                            objectName: "orderStatus"
                            text: MyOrder.statusText
                            color: Theme.primary
                        }
                        Line {
                            objectName: "orderStale"
                            text: MyOrder.staleText
                            color: Theme.warning
                            font.bold: true
                        }
                        Line {
                            objectName: "orderBusy"
                            text: MyOrder.busy ? MyOrder.busyText : ""
                            color: Theme.textMuted
                        }
                        Line {
                            objectName: "orderNotice"
                            text: MyOrder.noticeText
                            color: Theme.text
                            font.bold: true
                        }
                    }
                    // what can (or cannot) be done now, in plain words
                    Card {
                        objectName: "orderRulesCard"
                        visible: MyOrder.lockedText !== "" || MyOrder.returnText !== ""
                        Line {
                            objectName: "orderLocked"
                            text: MyOrder.lockedText
                        }
                        Line {
                            objectName: "orderReturnNote"
                            text: MyOrder.returnText
                        }
                    }
                    Card {
                        objectName: "orderTimeline"
                        Heading { text: qsTr("Progress") }
                        Repeater {
                            model: MyOrder.timeline
                            RowLayout {
                                id: step
                                required property var modelData
                                required property int index
                                objectName: "orderStep_" + index
                                Layout.fillWidth: true
                                spacing: Theme.spacing
                                Rectangle {
                                    Layout.alignment: Qt.AlignTop
                                    Layout.topMargin: 8
                                    implicitWidth: 20
                                    implicitHeight: 20
                                    radius: 10
                                    color: step.index === MyOrder.timeline.length - 1 ? Theme.primary : Theme.border
                                }
                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 2
                                    Line {
                                        text: step.modelData.what
                                        font.bold: step.index === MyOrder.timeline.length - 1
                                    }
                                    Line {
                                        text: step.modelData.at
                                        color: Theme.textMuted
                                        font.pixelSize: Theme.fontSmall
                                    }
                                }
                            }
                        }
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    Card {
                        objectName: "orderLines"
                        Heading { text: qsTr("Items") }
                        Repeater {
                            model: MyOrder.lines
                            RowLayout {
                                required property var modelData
                                Layout.fillWidth: true
                                spacing: Theme.spacing
                                Line {
                                    text: modelData.name + "  ×" + modelData.quantity
                                }
                                Text {
                                    text: modelData.total
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                }
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            Line { text: MyOrder.fulfilmentText; color: Theme.textMuted }
                            Text {
                                text: MyOrder.shippingText
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontBody
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            Line { text: qsTr("Total"); font.bold: true }
                            Text {
                                objectName: "orderTotal"
                                text: MyOrder.totalText
                                textFormat: Text.PlainText
                                color: Theme.primary
                                font.pixelSize: Theme.fontTitle
                                font.bold: true
                            }
                        }
                        Line {
                            objectName: "orderContact"
                            text: MyOrder.contactText
                            color: Theme.textMuted
                        }
                    }
                    Card {
                        objectName: "orderRequests"
                        visible: MyOrder.requests.length > 0
                        Heading { text: qsTr("Your requests") }
                        Repeater {
                            model: MyOrder.requests
                            ColumnLayout {
                                id: request
                                required property var modelData
                                required property int index
                                objectName: "orderRequest_" + index
                                Layout.fillWidth: true
                                spacing: 4
                                Line {
                                    text: request.modelData.what
                                    font.bold: true
                                }
                                Line {
                                    objectName: "orderRequestState_" + request.index
                                    text: request.modelData.state + "  " + request.modelData.at
                                    color: request.modelData.status === "REJECTED" ? Theme.danger
                                         : request.modelData.status === "APPROVED" ? Theme.success : Theme.warning
                                }
                                Line {
                                    text: request.modelData.fee
                                    color: Theme.textMuted
                                }
                                Line {
                                    text: request.modelData.note
                                    color: Theme.textMuted
                                }
                            }
                        }
                    }
                }
            }
        }

        // what the rules allow, always in sight
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: actions.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            GridLayout {
                id: actions
                anchors.fill: parent
                anchors.margins: Theme.spacing
                columns: Theme.portrait ? 2 : 4
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing / 2
                KioskButton {
                    objectName: "orderEdit"
                    visible: MyOrder.canEdit
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.portrait ? 2 : 1
                    text: qsTr("Change details and pay")
                    onClicked: MyOrder.openChange()
                }
                KioskButton {
                    objectName: "orderRequestChange"
                    visible: MyOrder.canRequest
                    Layout.fillWidth: true
                    text: qsTr("Request a change")
                    onClicked: MyOrder.openChange()
                }
                KioskButton {
                    objectName: "orderReturn"
                    visible: MyOrder.canReturn
                    Layout.fillWidth: true
                    text: qsTr("Return or exchange")
                    onClicked: MyOrder.openReturn()
                }
                KioskButton {
                    objectName: "orderRefresh"
                    Layout.fillWidth: true
                    text: qsTr("Refresh")
                    primary: false
                    dimmed: MyOrder.busy
                    onClicked: MyOrder.refresh()
                }
                KioskButton {
                    objectName: "orderDone"
                    Layout.fillWidth: true
                    text: qsTr("Done")
                    primary: false
                    onClicked: MyOrder.done()
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
