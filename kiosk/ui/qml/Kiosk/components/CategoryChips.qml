import QtQuick
import Kiosk
import Kiosk.Backend

// Categories as large buttons that wrap: suggestions when a search finds nothing.
Flow {
    id: chips
    property string namePrefix: "suggestCategory_"
    spacing: 16
    Repeater {
        model: Catalog.categories
        KioskButton {
            required property int index
            required property int categoryId
            required property string name
            objectName: chips.namePrefix + index
            text: name
            primary: false
            onClicked: Catalog.openCategory(categoryId)
        }
    }
}
