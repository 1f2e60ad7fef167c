import QtQuick
import QtQuick.VirtualKeyboard

// The on-screen keyboard (English and Chinese Pinyin); it slides up when a text field has focus.
InputPanel {
    id: panel
    objectName: "inputPanel"
    width: parent ? parent.width : 0
    y: active ? 0 : height
    visible: active
}
