import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// A titled, horizontally flickable row of product tiles (home: featured, popular now).
ColumnLayout {
    id: row
    property string title
    property alias model: list.model
    property string namePrefix
    spacing: 12

    Text {
        text: row.title
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontTitle
        font.bold: true
    }
    ListView {
        id: list
        objectName: row.namePrefix + "Row"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.round(340 * Math.min(Theme.textScale, 1.2))
        orientation: ListView.Horizontal
        spacing: Theme.spacing
        clip: true
        delegate: ProductCard {
            required property int index
            required productId
            required name
            required brand
            required price
            required stockState
            required rating
            required reviewCount
            required image
            objectName: row.namePrefix + "Card_" + index
            width: 260
            height: ListView.view.height
            onClicked: Catalog.openProduct(productId)
        }
    }
}
