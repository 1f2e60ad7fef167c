import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Shown while nobody uses the kiosk: rotating best sellers; tap anywhere, or pick a language, to start.
Rectangle {
    id: attract
    objectName: "attractScreen"
    color: Theme.primary
    property int promoIndex: 0
    readonly property int promoCount: Catalog.featured.count

    // until the catalog is open there is nothing to shop: taps wait for Shell.ready
    MouseArea {
        objectName: "attractTap"
        anchors.fill: parent
        enabled: Shell.ready
        onClicked: Navigator.push("home")
    }

    Timer {
        objectName: "promoTimer"
        interval: Shell.attractIntervalMs
        repeat: true
        running: attract.promoCount > 1
        onTriggered: attract.promoIndex = (attract.promoIndex + 1) % attract.promoCount
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        anchors.bottomMargin: Theme.margin * 2
        spacing: Theme.spacing * 2

        Text {
            objectName: "attractStoreName"
            Layout.fillWidth: true
            Layout.topMargin: Theme.margin
            text: Shell.storeName
            textFormat: Text.PlainText
            color: Theme.textOnPrimary
            font.pixelSize: Theme.fontHero
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }

        // the promotion: a best seller of one category, in both languages (no language chosen yet)
        Rectangle {
            id: promoCard
            objectName: "attractPromo"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: Theme.portrait ? parent.width : parent.width * 0.7
            Layout.alignment: Qt.AlignHCenter
            radius: Theme.radius * 2
            color: Theme.surface
            visible: attract.promoCount > 0
            readonly property var promo: Catalog.featured.count > 0 ? Catalog.promo(attract.promoIndex) : ({})
            GridLayout {
                anchors.fill: parent
                anchors.margins: Theme.margin
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.margin
                Image {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    source: promoCard.promo.image || ""
                    asynchronous: true
                    fillMode: Image.PreserveAspectFit
                    sourceSize.width: 640
                    sourceSize.height: 640
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: Theme.portrait ? -1 : parent.width * 0.45
                    spacing: 12
                    Text {
                        objectName: "promoCategory"
                        Layout.fillWidth: true
                        text: promoCard.promo.category || ""
                        textFormat: Text.PlainText
                        color: Theme.primary
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "promoName"
                        Layout.fillWidth: true
                        text: promoCard.promo.nameZh || ""
                        textFormat: Text.PlainText
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    Text {
                        Layout.fillWidth: true
                        text: promoCard.promo.nameEn || ""
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "promoPrice"
                        Layout.fillWidth: true
                        text: promoCard.promo.price || ""
                        textFormat: Text.PlainText
                        color: Theme.primary
                        font.pixelSize: Theme.fontHero * 0.8
                        font.bold: true
                        horizontalAlignment: Text.AlignHCenter
                    }
                }
            }
        }

        Text {
            id: prompt
            objectName: "attractPrompt"
            Layout.fillWidth: true
            // both languages: the shopper has not chosen one yet
            text: "触摸屏幕开始购物\nTap anywhere to start"
            textFormat: Text.PlainText
            color: Theme.textOnPrimary
            font.pixelSize: Theme.fontTitle
            horizontalAlignment: Text.AlignHCenter
            SequentialAnimation on opacity {
                loops: Animation.Infinite
                NumberAnimation { to: 0.35; duration: 1200; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1.0; duration: 1200; easing.type: Easing.InOutQuad }
            }
        }

        // after the purchase: find an order by its receipt (both languages: none is chosen yet)
        // (portrait: a row of its own; landscape: beside the languages, where the width is)
        KioskButton {
            objectName: "attractMyOrder"
            visible: Theme.portrait
            Layout.alignment: Qt.AlignHCenter
            enabled: Shell.ready
            text: "我的订单 / My order"
            primary: false
            onClicked: MyOrder.open()
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.spacing * 2
            enabled: Shell.ready
            KioskButton {
                objectName: "languageZh"
                visible: Shell.canSwitchLanguage  // one language offered: tap anywhere starts in it
                text: "中文"
                primary: false
                onClicked: { Shell.setLanguage("zh_CN"); Navigator.push("home") }
            }
            KioskButton {
                objectName: "languageEn"
                visible: Shell.canSwitchLanguage
                text: "English"
                primary: false
                onClicked: { Shell.setLanguage("en_US"); Navigator.push("home") }
            }
            KioskButton {
                objectName: "attractMyOrderWide"
                visible: !Theme.portrait
                text: "我的订单 / My order"
                primary: false
                onClicked: MyOrder.open()
            }
            KioskButton {
                objectName: "attractAccessibility"
                text: "无障碍 Accessibility"
                primary: false
                onClicked: Session.setAccessibilityOpen(true)
            }
        }
    }
}
