import QtQuick
import Kiosk

// A product tile: picture (loaded in the background), name, price, rating and stock. Anchors, not
// layouts: a grid creates a dozen of these in the frame that opens a category.
Rectangle {
    id: card
    property int productId
    property string name
    property string brand
    property string price
    property string stockState
    property string rating
    property int reviewCount
    property string image
    signal clicked()

    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    border.width: Theme.highContrast ? 2 : 1
    opacity: area.pressed ? 0.8 : 1.0

    Image {
        id: picture
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: nameText.top
        anchors.margins: 12
        source: card.image
        asynchronous: true  // decoded off the GUI thread: scrolling never waits for a picture
        fillMode: Image.PreserveAspectFit
        sourceSize.width: 320
        sourceSize.height: 320
    }
    Text {
        id: nameText
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: priceText.top
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        text: card.name
        textFormat: Text.PlainText
        color: Theme.text
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    Text {
        id: priceText
        anchors.left: parent.left
        anchors.bottom: stock.visible ? stock.top : parent.bottom
        anchors.leftMargin: 12
        anchors.bottomMargin: stock.visible ? 0 : 10
        text: card.price
        textFormat: Text.PlainText
        color: Theme.primary
        font.pixelSize: Theme.fontBody
        font.bold: true
    }
    Text {
        anchors.right: parent.right
        anchors.baseline: priceText.baseline
        anchors.rightMargin: 12
        visible: card.rating !== ""
        text: "★ " + card.rating
        textFormat: Text.PlainText
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
    }
    StockLabel {
        id: stock
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.leftMargin: 12
        anchors.bottomMargin: 10
        visible: card.stockState !== "inStock"
        state: card.stockState
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.clicked()
    }
}
