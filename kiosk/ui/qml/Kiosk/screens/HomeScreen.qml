import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Start of every visit: search, categories, best sellers and what is popular now.
Rectangle {
    objectName: "homeScreen"
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ScreenHeader {
            Layout.fillWidth: true
            title: Shell.storeName
        }
        Flickable {
            id: flick
            objectName: "homeFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight + 2 * Theme.margin
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: body
                x: Theme.margin
                y: Theme.margin
                width: flick.width - 2 * Theme.margin
                spacing: Theme.spacing * 1.5

                Text {
                    objectName: "homeWelcome"
                    // landscape is short: the rows of products matter more than a greeting
                    visible: Theme.portrait
                    Layout.fillWidth: true
                    text: qsTr("Welcome")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontHero * 0.6
                    font.bold: true
                }
                // looks like a text field; the real one (with the keyboard) is on the search screen
                Rectangle {
                    objectName: "homeSearchField"
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.touchMin + 32, searchHint.implicitHeight + 32)
                    radius: height / 2
                    color: Theme.surface
                    border.color: Theme.primary
                    border.width: 3
                    Text {
                        id: searchHint
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.leftMargin: Theme.margin
                        anchors.rightMargin: Theme.margin
                        text: qsTr("Search products, brands, pinyin or barcodes")
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: Navigator.push("search")
                    }
                }

                Text {
                    text: qsTr("Categories")
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                }
                GridLayout {
                    objectName: "categoryGrid"
                    Layout.fillWidth: true
                    columns: Theme.portrait ? 3 : 6
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacing
                    uniformCellWidths: true
                    Repeater {
                        model: Catalog.categories
                        Rectangle {
                            required property int index
                            required property int categoryId
                            required property string name
                            required property string icon
                            objectName: "categoryTile_" + index
                            Layout.fillWidth: true
                            Layout.fillHeight: true  // a row of tiles shares one height
                            Layout.preferredWidth: 100
                            implicitHeight: tileColumn.implicitHeight + 24
                            radius: Theme.radius
                            color: Theme.surface
                            border.color: Theme.border
                            border.width: Theme.highContrast ? 2 : 1
                            opacity: tileArea.pressed ? 0.8 : 1.0
                            // from the top: the icons of a row line up whatever their labels' length
                            ColumnLayout {
                                id: tileColumn
                                anchors.top: parent.top
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.margins: 12
                                spacing: 8
                                Image {
                                    objectName: "categoryIcon_" + index
                                    Layout.alignment: Qt.AlignHCenter
                                    Layout.preferredWidth: Theme.portrait ? 96 : 72
                                    Layout.preferredHeight: Theme.portrait ? 96 : 72
                                    source: icon
                                    asynchronous: true
                                    sourceSize.width: 96
                                    sourceSize.height: 96
                                    fillMode: Image.PreserveAspectFit
                                }
                                Text {
                                    Layout.fillWidth: true
                                    text: name
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    horizontalAlignment: Text.AlignHCenter
                                    wrapMode: Text.Wrap
                                }
                            }
                            MouseArea {
                                id: tileArea
                                anchors.fill: parent
                                onClicked: Catalog.openCategory(categoryId)
                            }
                        }
                    }
                }

                ProductRow {
                    Layout.fillWidth: true
                    title: qsTr("Best sellers")
                    namePrefix: "featured"
                    model: Catalog.featured
                }
                ProductRow {
                    Layout.fillWidth: true
                    title: qsTr("Popular now")
                    namePrefix: "popular"
                    model: Catalog.popular
                }
                ProductRow {
                    objectName: "hourlySection"
                    Layout.fillWidth: true
                    visible: Recommend.hourly.count > 0
                    title: qsTr("Popular at this hour")
                    namePrefix: "hourly"
                    model: Recommend.hourly
                }
            }
        }
        ShopperToolBar {
            Layout.fillWidth: true
        }
    }
}
