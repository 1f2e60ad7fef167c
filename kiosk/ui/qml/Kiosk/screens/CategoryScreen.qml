import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// One category's products: sortable, flickable, loaded page by page as the shopper scrolls.
Rectangle {
    objectName: "categoryScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: Catalog.categoryName
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            spacing: 16
            Text {
                objectName: "categoryCount"
                text: qsTr("%n product(s)", "", Catalog.categoryCount)
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
            Item { Layout.fillWidth: true }
            Repeater {
                model: [
                    { key: "popular", name: "sortPopular", label: qsTr("Popular") },
                    { key: "priceAsc", name: "sortPriceAsc", label: qsTr("Price ↑") },
                    { key: "priceDesc", name: "sortPriceDesc", label: qsTr("Price ↓") },
                    { key: "rating", name: "sortRating", label: qsTr("Rating") }
                ]
                KioskButton {
                    required property var modelData
                    objectName: modelData.name
                    text: modelData.label
                    primary: false
                    checked: Catalog.products.sortKey === modelData.key
                    fontSize: Theme.fontSmall
                    onClicked: Catalog.products.setSort(modelData.key)
                }
            }
        }
        GridView {
            id: grid
            objectName: "productGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            clip: true
            model: Catalog.products
            cellWidth: Math.floor(width / Theme.gridColumns)
            cellHeight: Math.round(cellWidth * 1.3 + 40 * (Theme.textScale - 1))
            cacheBuffer: cellHeight * 2
            boundsBehavior: Flickable.StopAtBounds
            // another category or sort: start at the top
            Connections {
                target: Catalog.products
                function onModelReset() { grid.positionViewAtBeginning() }
            }
            delegate: Item {
                id: cell
                required property int index
                required property int productId
                required property string name
                required property string brand
                required property string price
                required property string stockState
                required property string rating
                required property int reviewCount
                required property string image
                width: grid.cellWidth
                height: grid.cellHeight
                ProductCard {
                    objectName: "gridCard_" + cell.index
                    anchors.fill: parent
                    anchors.margins: 8
                    productId: cell.productId
                    name: cell.name
                    brand: cell.brand
                    price: cell.price
                    stockState: cell.stockState
                    rating: cell.rating
                    reviewCount: cell.reviewCount
                    image: cell.image
                    onClicked: Catalog.openProduct(cell.productId)
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
