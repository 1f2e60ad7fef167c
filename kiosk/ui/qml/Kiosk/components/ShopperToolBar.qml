import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Help, language, accessibility and the cart, at the bottom of every shopper screen (within reach).
// While paying and after, the cart button gives way (`cartVisible: false`): the cart is spoken for.
Rectangle {
    id: bar
    property bool cartVisible: true
    implicitHeight: Theme.toolbarHeight
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 16
        KioskButton {
            objectName: "helpButton"
            Layout.fillHeight: true
            Layout.fillWidth: true
            Layout.preferredWidth: 1  // equal buttons
            text: qsTr("Help")
            primary: false
            onClicked: Help.open()
        }
        KioskButton {
            objectName: "languageSwitch"
            visible: Shell.canSwitchLanguage  // ui.languages offers one language only
            Layout.fillHeight: true
            Layout.fillWidth: true
            Layout.preferredWidth: 1  // equal buttons
            // each language named in itself: a shopper finds their own
            text: Shell.language === "zh_CN" ? "English" : "中文"
            primary: false
            onClicked: Shell.toggleLanguage()
        }
        KioskButton {
            objectName: "accessibilityButton"
            Layout.fillHeight: true
            Layout.fillWidth: true
            Layout.preferredWidth: 1  // equal buttons
            text: qsTr("Accessibility")
            primary: false
            checked: Shell.largeText || Shell.highContrast || Shell.reachMode
            onClicked: Session.setAccessibilityOpen(true)
        }
        KioskButton {
            id: cart
            objectName: "cartButton"
            visible: bar.cartVisible
            Layout.fillHeight: true
            Layout.fillWidth: true
            Layout.preferredWidth: 1  // equal buttons
            text: qsTr("Cart")
            onClicked: Cart.open()
            Rectangle {
                objectName: "cartBadge"
                visible: Session.cartCount > 0
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: -10
                width: Math.max(height, badgeText.implicitWidth + 20)
                height: badgeText.implicitHeight + 8
                radius: height / 2
                color: Theme.accent
                border.color: Theme.surface
                border.width: 3
                Text {
                    id: badgeText
                    objectName: "cartBadgeText"
                    anchors.centerIn: parent
                    text: Session.cartCount
                    textFormat: Text.PlainText
                    color: "#000000"
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                }
            }
        }
    }
}
