import QtQuick
import QtQuick.Controls.Basic

// A switch that always shows the view-model's value: a click asks for the change (`toggledTo`)
// and the binding comes back, so the switch follows the device even when something else changed it.
Switch {
    id: control
    property bool value
    signal toggledTo(bool on)
    checked: value
    onToggled: {
        control.toggledTo(checked)
        checked = Qt.binding(() => control.value)
    }
}
