import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend
import KioskDevices

// Paying: the QR code large and crisp, the amount, the order number, the time left, and Cancel.
// No back or home here: the only ways out are paying, cancelling or the time running out.
Rectangle {
    id: screen
    objectName: "paymentScreen"
    color: Theme.background
    readonly property bool waiting: Payment.phase === "awaiting_payment"
    readonly property var qr: Payment.qr
    readonly property bool codeHere: qr !== null && qr.onKioskScreen
    readonly property bool timeUp: qr !== null && qr.expired

    readonly property bool checking: Payment.phase === "checking"

    // cancelling is there while there is something to cancel, also while the payment is being prepared;
    // not while the outcome is being checked (the shopper may have paid: it will count)
    component CancelButton: KioskButton {
        objectName: "paymentCancel"
        text: qsTr("Cancel payment")
        primary: false
        enabled: Payment.phase === "preparing" || Payment.phase === "awaiting_payment"
        onClicked: Payment.cancel()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Pay by QR code")
            navigation: false
        }

        Item {
            id: area
            Layout.fillWidth: true
            Layout.fillHeight: true

            // preparing the order and the payment, cancelling it, or still asking how it went
            ColumnLayout {
                objectName: "paymentBusy"
                visible: !screen.waiting
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                spacing: Theme.spacing * 2
                BusyIndicator {
                    objectName: "paymentSpinner"
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: 160
                    Layout.preferredHeight: 160
                    running: parent.visible
                }
                Text {
                    objectName: "paymentStatus"
                    Layout.fillWidth: true
                    Layout.maximumWidth: 1200
                    Layout.alignment: Qt.AlignHCenter
                    text: Payment.statusText
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
                // while checking: the order and its amount stay in sight (staff look it up by number)
                Text {
                    objectName: "paymentCheckingOrderNo"
                    visible: screen.checking && Payment.orderNo !== ""
                    Layout.fillWidth: true
                    text: qsTr("Order number: %1").arg(Payment.orderNo)
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Theme.fontBody
                }
                Text {
                    objectName: "paymentCheckingAmount"
                    visible: screen.checking && Payment.amountText !== ""
                    Layout.fillWidth: true
                    text: qsTr("Amount: %1 (%2)").arg(Payment.amountText).arg(Payment.methodName)
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
                CancelButton {
                    visible: Payment.phase === "preparing" || Payment.phase === "cancelling"
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: Math.max(implicitWidth, 560)
                }
            }

            GridLayout {
                id: waitingGrid
                objectName: "paymentWaiting"
                visible: screen.waiting
                // a tall area (portrait): code and words as one block in the middle; a wide one
                // (landscape, or portrait in reach mode): side by side
                readonly property bool sideBySide: area.width > area.height * 1.1
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                height: sideBySide ? parent.height - 2 * Theme.spacing : implicitHeight
                columns: sideBySide ? 2 : 1
                columnSpacing: Theme.margin
                rowSpacing: Theme.spacing

                // the code on a white card, as large as the screen allows
                Rectangle {
                    id: codeCard
                    // the largest that leaves room for the words (below it, or beside it)
                    readonly property int side: waitingGrid.sideBySide
                        ? Math.min(680, area.height - 2 * Theme.spacing, area.width * 0.45)
                        : Math.min(720, area.width - 2 * Theme.margin,
                                   area.height - 2 * Theme.margin - words.implicitHeight - Theme.spacing)
                    Layout.alignment: Qt.AlignCenter
                    Layout.preferredWidth: side
                    Layout.preferredHeight: side
                    radius: Theme.radius
                    color: "#FFFFFF"
                    border.color: Theme.border
                    border.width: 2
                    QrCode {
                        objectName: "paymentQr"
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        visible: screen.codeHere
                        view: screen.qr
                    }
                    Text {
                        objectName: "paymentCodeElsewhere"
                        anchors.fill: parent
                        anchors.margins: Theme.margin
                        visible: !screen.codeHere
                        text: qsTr("Scan the code on the screen facing you")
                        textFormat: Text.PlainText
                        color: "#1F1F1F"
                        font.pixelSize: Theme.fontTitle
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.Wrap
                    }
                }

                ColumnLayout {
                    id: words
                    // beside the code: exactly the rest of the width, however long the words
                    readonly property real besideWidth: waitingGrid.width - codeCard.side - waitingGrid.columnSpacing
                    Layout.fillWidth: true
                    Layout.preferredWidth: waitingGrid.sideBySide ? besideWidth : -1
                    Layout.maximumWidth: waitingGrid.sideBySide ? besideWidth : Number.POSITIVE_INFINITY
                    Layout.fillHeight: waitingGrid.sideBySide
                    Layout.alignment: Qt.AlignVCenter
                    spacing: waitingGrid.sideBySide ? 12 : Theme.spacing
                    Item { Layout.fillHeight: true; visible: waitingGrid.sideBySide }
                    Text {
                        objectName: "paymentAmount"
                        Layout.fillWidth: true
                        text: Payment.amountText
                        textFormat: Text.PlainText
                        color: Theme.primary
                        font.pixelSize: waitingGrid.sideBySide ? Math.round(Theme.fontTitle * 1.5) : Theme.fontHero
                        font.bold: true
                        horizontalAlignment: waitingGrid.sideBySide ? Text.AlignLeft : Text.AlignHCenter
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: Theme.fontTitle
                    }
                    Text {
                        objectName: "paymentHint"
                        Layout.fillWidth: true
                        text: Payment.scanHint
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: waitingGrid.sideBySide ? Math.round(Theme.fontBody * 1.2) : Theme.fontTitle
                        font.bold: true
                        horizontalAlignment: waitingGrid.sideBySide ? Text.AlignLeft : Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "paymentOrderNo"
                        Layout.fillWidth: true
                        text: qsTr("Order number: %1").arg(Payment.orderNo)
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: waitingGrid.sideBySide ? Text.AlignLeft : Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "paymentTrouble"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: Payment.troubleText
                        textFormat: Text.PlainText
                        color: Theme.warning
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        horizontalAlignment: waitingGrid.sideBySide ? Text.AlignLeft : Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    ReceiptNotice {
                        objectName: "paymentPrinterNotice"
                        Layout.fillWidth: true
                        compact: waitingGrid.sideBySide
                    }
                    Text {
                        objectName: "paymentCountdown"
                        Layout.fillWidth: true
                        text: screen.timeUp ? qsTr("Time is up: checking the payment one last time…")
                                            : qsTr("Time left to pay: %1").arg(screen.qr ? screen.qr.countdownText : "")
                        textFormat: Text.PlainText
                        color: screen.qr && screen.qr.secondsLeft <= 30 ? Theme.danger : Theme.text
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        horizontalAlignment: waitingGrid.sideBySide ? Text.AlignLeft : Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    CancelButton {
                        Layout.alignment: waitingGrid.sideBySide ? Qt.AlignLeft : Qt.AlignHCenter
                        Layout.topMargin: waitingGrid.sideBySide ? 0 : Theme.spacing
                        Layout.preferredWidth: Math.min(Math.max(implicitWidth, 560), words.width)
                    }
                    Item { Layout.fillHeight: true; visible: waitingGrid.sideBySide }
                }
            }
        }

        ShopperToolBar {
            Layout.fillWidth: true
            cartVisible: false
        }
    }
}
