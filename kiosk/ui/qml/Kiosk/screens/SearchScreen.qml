import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Search as you type, with the on-screen keyboard (English, or Chinese by pinyin).
Rectangle {
    objectName: "searchScreen"
    color: Theme.background
    // the field takes focus (and so brings up the keyboard) once the keyboard has loaded
    property bool keyboardReady: false
    onKeyboardReadyChanged: if (keyboardReady) field.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: qsTr("Search")
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            spacing: 16
            TextField {
                id: field
                objectName: "searchField"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.touchMin + 24, implicitHeight)
                font.pixelSize: Theme.fontBody
                color: Theme.text
                placeholderText: qsTr("Name, brand, pinyin or barcode")
                placeholderTextColor: Theme.textMuted
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                text: Search.text
                // letters still being composed search too; once per change of either, after both
                function typed() { Search.setTyped(text, preeditText) }
                onTextChanged: Qt.callLater(typed)
                onPreeditTextChanged: Qt.callLater(typed)
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: field.activeFocus ? Theme.primary : Theme.border
                    border.width: 3
                }
                Component.onCompleted: if (keyboardReady) forceActiveFocus()
            }
            KioskButton {
                objectName: "searchClear"
                Layout.preferredHeight: field.height
                text: qsTr("Clear")
                primary: false
                visible: field.text !== ""
                onClicked: { Search.clear(); field.forceActiveFocus() }
            }
        }

        // nothing typed yet, or nothing found: say so and offer the categories (scrolled, where the
        // keyboard leaves too little room for them all: a button never shrinks below a touch target)
        Flickable {
            objectName: "searchSuggestions"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.spacing
            visible: Search.state !== "results"
            contentHeight: suggestions.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: suggestions
                width: parent.width
                spacing: Theme.spacing
                Text {
                    objectName: Search.state === "noResults" ? "searchNoResults" : "searchEmpty"
                    Layout.fillWidth: true
                    text: Search.state === "noResults"
                          ? qsTr("Nothing found for “%1”. Check the spelling, or browse a category:").arg(Search.query)
                          : qsTr("Type a product name, brand, pinyin (e.g. “kl” for 可乐) or barcode, or browse a category:")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
                CategoryChips {
                    Layout.fillWidth: true
                }
            }
        }
        GridView {
            id: results
            objectName: "searchResults"
            visible: Search.state === "results"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            clip: true
            model: Search.results
            cellWidth: Math.floor(width / (Theme.gridColumns + 1))
            // a whole card fits above the keyboard (in landscape it leaves one short row): the picture
            // gives up its height, the name and price keep theirs
            cellHeight: Math.min(Math.round(cellWidth * 1.35 + 40 * (Theme.textScale - 1)),
                                 Math.max(Math.round(cellWidth * 0.6), height))
            boundsBehavior: Flickable.StopAtBounds
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
                width: results.cellWidth
                height: results.cellHeight
                ProductCard {
                    objectName: "resultCard_" + cell.index
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
        // stays in sight above the keyboard: help, language and the cart while typing too
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
