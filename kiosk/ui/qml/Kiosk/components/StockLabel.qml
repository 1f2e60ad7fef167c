import QtQuick
import Kiosk

// In stock / only a few left / sold out, in words and colour.
Text {
    property string state: "inStock"
    property int stock: 0
    text: state === "soldOut" ? qsTr("Sold out")
        : state === "low" ? (stock > 0 ? qsTr("Only %1 left").arg(stock) : qsTr("Few left"))
        : qsTr("In stock")
    textFormat: Text.PlainText
    color: state === "soldOut" ? Theme.danger : state === "low" ? Theme.warning : Theme.success
    font.pixelSize: Theme.fontSmall
    font.bold: true
}
