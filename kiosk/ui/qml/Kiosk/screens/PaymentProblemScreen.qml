import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// A payment that did not go through (declined, not possible right now) or whose outcome is not known:
// what happened in plain words, and the ways on from here. Declined (the seed's FAQ): try again, pay
// the same order another way, help (the order number and payment reference to give to staff), or back
// to the cart.
Rectangle {
    id: screen
    objectName: "paymentProblemScreen"
    color: Theme.background
    property bool helpOpen: false
    readonly property bool canHelp: (Payment.declined || Payment.outcomeUnknown) && Payment.orderNo !== ""

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Payment")
            navigation: false
        }
        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: Math.max(height, body.implicitHeight + 2 * Theme.margin)
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: body
                x: Theme.margin
                width: flick.width - 2 * Theme.margin
                y: Math.max(Theme.margin, (flick.height - implicitHeight) / 2)
                spacing: Theme.spacing * 1.5
                Text {
                    objectName: "problemTitle"
                    Layout.fillWidth: true
                    text: Payment.problemTitle
                    textFormat: Text.PlainText
                    color: Payment.outcomeUnknown ? Theme.warning : Theme.danger
                    font.pixelSize: Theme.fontTitle * 1.2
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
                Text {
                    objectName: "problemText"
                    Layout.fillWidth: true
                    Layout.maximumWidth: 1200
                    Layout.alignment: Qt.AlignHCenter
                    text: Payment.problemText
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
                // the order stays on record: its number is what staff look up
                Text {
                    visible: Payment.outcomeUnknown
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.spacing
                    text: qsTr("Your order number")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    horizontalAlignment: Text.AlignHCenter
                }
                Text {
                    objectName: "problemOrderNo"
                    visible: Payment.outcomeUnknown
                    Layout.fillWidth: true
                    text: Payment.orderNo
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontHero
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Theme.fontTitle
                }
            }
        }
        // the ways on, always in sight whatever the text size
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: actions.implicitHeight + 2 * Theme.spacing
            color: Theme.surface
            border.color: Theme.border
            GridLayout {
                id: actions
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.margin, 1200)
                // declined: four ways on, two by two; otherwise one or two in a row
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                KioskButton {
                    objectName: "problemRetry"
                    visible: Payment.canRetry
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("Try again")
                    fontSize: Theme.fontTitle
                    onClicked: Payment.tryAgain()
                }
                KioskButton {
                    objectName: "problemOtherMethod"
                    visible: Payment.declined
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: Payment.otherMethodText
                    fontSize: Theme.fontTitle
                    onClicked: Payment.payAnotherWay()
                }
                KioskButton {
                    objectName: "problemHelp"
                    visible: screen.canHelp
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("Help with payment")
                    fontSize: Theme.fontTitle
                    primary: false
                    onClicked: screen.helpOpen = true
                }
                KioskButton {
                    objectName: "problemBackToCart"
                    visible: Payment.canRetry
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("Back to cart")
                    fontSize: Theme.fontTitle
                    primary: false
                    onClicked: Payment.backToCart()
                }
                KioskButton {
                    objectName: "problemFinish"
                    visible: Payment.outcomeUnknown
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("Finish")
                    fontSize: Theme.fontTitle
                    onClicked: Session.wipe()
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
            cartVisible: false
        }
    }

    // help: what to show a member of staff, in words a shopper reads at a glance
    Panel {
        objectName: "problemHelpPanel"
        anchors.fill: parent
        visible: screen.helpOpen && screen.canHelp
        Text {
            Layout.fillWidth: true
            text: qsTr("Need help?")
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.bold: true
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "problemHelpText"
            Layout.fillWidth: true
            text: Payment.helpText
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
        Text {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing / 2
            text: qsTr("Order number")
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
        }
        Text {
            objectName: "problemHelpOrderNo"
            Layout.fillWidth: true
            text: Payment.orderNo
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.fontBody
        }
        Text {
            visible: Payment.paymentRef !== ""
            Layout.fillWidth: true
            text: qsTr("Payment reference")
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
        }
        Text {
            objectName: "problemHelpReference"
            visible: Payment.paymentRef !== ""
            Layout.fillWidth: true
            text: Payment.paymentRef
            textFormat: Text.PlainText
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.bold: true
            wrapMode: Text.WrapAnywhere
        }
        KioskButton {
            // staff to this kiosk: the call goes to the store; the help screen shows how it goes
            objectName: "problemHelpCallAttendant"
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.spacing / 2
            Layout.preferredWidth: Math.max(implicitWidth, 400)
            text: qsTr("Call attendant")
            primary: false
            fontSize: Theme.fontTitle
            onClicked: { Help.callAttendant(); screen.helpOpen = false; Help.open() }
        }
        KioskButton {
            objectName: "problemHelpClose"
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.spacing / 2
            Layout.preferredWidth: Math.max(implicitWidth, 400)
            text: qsTr("Close")
            fontSize: Theme.fontTitle
            onClicked: screen.helpOpen = false
        }
    }
}
