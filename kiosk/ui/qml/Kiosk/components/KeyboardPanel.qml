import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles
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

    // A locale switch rebuilds the keyboard's layout; one that lands while the panel is still being
    // created (it loads asynchronously) leaves the style's key delegates reading a null key. So the
    // locale is set once the panel is complete, and later switches run after the current event.
    property bool complete: false

    function followLanguage() {
        if (VirtualKeyboardSettings.locale !== Shell.language)
            VirtualKeyboardSettings.locale = Shell.language
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        // Pinyin's candidates are part of the panel (and so of the height the screens leave free),
        // never a strip slid over the bottom of the screen; English has none and no strip
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = Qt.binding(
            () => InputContext.locale.startsWith("zh"))
        followLanguage()
        complete = true
    }
    // a candidate is a touch target like any key: at least Theme.touchMin tall and wide, its word in
    // the kiosk's body size (Bindings: the style object can be replaced while the panel lives, and its
    // own values are bindings on the panel's width)
    Binding {
        target: panel.keyboard ? panel.keyboard.style : null
        property: "selectionListHeight"
        value: Theme.touchMin + 16
    }
    Binding {
        target: panel.keyboard ? panel.keyboard.style : null
        property: "selectionListDelegate"
        value: candidateDelegate
    }
    Component {
        id: candidateDelegate
        SelectionListItem {
            id: candidate
            width: Math.max(Theme.touchMin + 16, word.implicitWidth + 2 * Theme.spacing)
            Text {
                id: word
                anchors.centerIn: parent
                text: display  // the model's role, as in Qt's own styles
                textFormat: Text.PlainText
                color: "#FFFFFF"
                opacity: candidate.ListView.isCurrentItem ? 1 : 0.9
                font.pixelSize: Theme.fontBody
            }
            Rectangle {  // the separator between candidates
                width: 2
                height: Theme.fontBody
                color: "#5F6B73"
                anchors.verticalCenter: parent.verticalCenter
                anchors.right: parent.left
            }
        }
    }
    // A switch while the keyboard is hidden waits until it shows: its layout may still be loading in
    // the background, and a rebuild then leaves the key delegates reading a null key (seen when the
    // language is switched just after the kiosk became ready).
    Connections {
        target: Shell
        enabled: panel.complete
        function onLanguageChanged() {
            if (panel.active)
                Qt.callLater(panel.followLanguage)
        }
    }
    onActiveChanged: {
        if (active && complete)
            followLanguage()
    }
}
