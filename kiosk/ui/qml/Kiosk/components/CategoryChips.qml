import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Categories as large buttons in rows of equal columns: suggestions when a search finds nothing.
GridLayout {
    id: chips
    property string namePrefix: "suggestCategory_"
    columns: Theme.portrait ? 3 : 5
    columnSpacing: 16
    rowSpacing: 16
    uniformCellWidths: true
    Repeater {
        model: Catalog.categories
        KioskButton {
            required property int index
            required property int categoryId
            required property string name
            objectName: chips.namePrefix + index
            Layout.fillWidth: true
            Layout.fillHeight: true  // a row shares one height…
            Layout.minimumHeight: implicitHeight  // …never less than a touch target
            text: name
            primary: false
            onClicked: Catalog.openCategory(categoryId)
        }
    }
}
