import QtQuick
import QtQuick.Window
import Kiosk
import Kiosk.Backend

Window {
    id: window
    objectName: "kioskWindow"
    title: Shell.storeName
    color: Theme.background
    width: Theme.designWidth / 2
    height: Theme.designHeight / 2

    // lockdown: the window manager's close (Alt+F4, a close button) is refused
    onClosing: (close) => { close.accepted = !Shell.lockdown }

    // The stage has the design size and is scaled to fit: layouts are written once per orientation.
    Item {
        id: stage
        objectName: "stage"
        width: Theme.designWidth
        height: Theme.designHeight
        anchors.centerIn: parent
        scale: Math.min(window.width / width, window.height / height)

        Loader {
            id: screenLoader
            objectName: "screenLoader"
            anchors.fill: parent
            sourceComponent: {
                switch (Navigator.screen) {
                case "home": return homeScreen
                case "outOfService": return outOfServiceScreen
                default: return attractScreen
                }
            }
        }

        // Qt Virtual Keyboard is heavy to load: it follows the first frame, once the kiosk is ready
        Loader {
            id: keyboardLoader
            objectName: "keyboardLoader"
            z: 100
            width: parent.width
            anchors.bottom: parent.bottom
            active: Shell.ready
            asynchronous: true
            sourceComponent: KeyboardPanel {}
        }
    }

    Component { id: attractScreen; AttractScreen {} }
    Component { id: homeScreen; HomeScreen {} }
    Component { id: outOfServiceScreen; OutOfServiceScreen {} }
}
