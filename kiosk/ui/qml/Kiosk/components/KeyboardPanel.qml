import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk
import Kiosk.Backend

// The on-screen keyboard (English and Chinese Pinyin); it slides up when a text field has focus and
// starts in the shopper's language.
InputPanel {
    id: panel
    objectName: "inputPanel"
    // its height follows its width: in landscape a full-width keyboard would cover the results
    width: Theme.portrait ? Theme.designWidth : Math.min(Theme.designWidth, 1240)
    y: active ? 0 : height
    visible: active

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = Shell.language
    }
    Connections {
        target: Shell
        function onLanguageChanged() { VirtualKeyboardSettings.locale = Shell.language }
    }
}
