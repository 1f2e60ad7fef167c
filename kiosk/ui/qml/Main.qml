import QtQuick
import QtQuick.Window
import Kiosk
import Kiosk.Backend

Window {
    id: window
    objectName: "kioskWindow"
    title: Shell.storeName
    color: Theme.background
    // not bound to the orientation: the window's size is set from Python (kiosk/ui/placement.py)
    width: 540
    height: 960

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

        readonly property real keyboardHeight:
            keyboardLoader.item && keyboardLoader.item.active ? keyboardLoader.item.height : 0

        // reach mode: the upper part of the screen holds no controls, only this note
        Text {
            objectName: "reachBanner"
            visible: Theme.reachTop > 0
            width: parent.width
            height: Theme.reachTop
            padding: Theme.margin
            text: qsTr("Reach mode: every control is in the lower part of the screen.")
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignBottom
        }

        // where screens and overlays live: below the reach band, above the keyboard
        Item {
            id: screenArea
            objectName: "screenArea"
            anchors.fill: parent
            anchors.topMargin: Navigator.screen === "attract" ? 0 : Theme.reachTop
            anchors.bottomMargin: stage.keyboardHeight

            // one Loader per screen: a screen stays alive while it is on the navigator's stack, so
            // back shows it at once, scrolled where the shopper left it. The category and product
            // screens are built once the kiosk is ready ("warm") and only refilled on each visit: a
            // tap then costs a new page of data, not a new screen.
            Repeater {
                model: [
                    { name: "attract", component: attractScreen, warm: false },
                    { name: "home", component: homeScreen, warm: false },
                    { name: "category", component: categoryScreen, warm: true },
                    { name: "product", component: productScreen, warm: true },
                    { name: "search", component: searchScreen, warm: false },
                    { name: "cart", component: cartScreen, warm: false },
                    { name: "fulfilment", component: fulfilmentScreen, warm: false },
                    { name: "payment", component: paymentScreen, warm: false },
                    { name: "paymentProblem", component: paymentProblemScreen, warm: false },
                    { name: "done", component: doneScreen, warm: false },
                    { name: "help", component: helpScreen, warm: false },
                    { name: "orderLookup", component: orderLookupScreen, warm: false },
                    { name: "order", component: orderScreen, warm: false },
                    { name: "orderChange", component: orderChangeScreen, warm: false },
                    { name: "orderReturn", component: orderReturnScreen, warm: false },
                    { name: "outOfService", component: outOfServiceScreen, warm: false },
                    { name: "closed", component: closedScreen, warm: false },
                    { name: "maintenance", component: maintenanceScreen, warm: false }
                ]
                Loader {
                    required property var modelData
                    objectName: modelData.name + "Loader"
                    anchors.fill: parent
                    active: Navigator.stack.indexOf(modelData.name) >= 0 || (modelData.warm && Shell.ready)
                    visible: Navigator.screen === modelData.name
                    sourceComponent: modelData.component
                }
            }

            Toast {
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                // above the toolbar, and above the action bar of the screens that have one
                anchors.bottomMargin: Theme.toolbarHeight + Theme.spacing
                                      + (["cart", "fulfilment", "payment", "order", "orderChange", "orderReturn"]
                                         .indexOf(Navigator.screen) >= 0 ? 160 : 0)
                z: 10
            }
            Loader {
                objectName: "accessibilityLoader"
                anchors.fill: parent
                z: 20
                active: Session.accessibilityOpen
                sourceComponent: AccessibilityPanel {}
            }
            Loader {
                objectName: "idleLoader"
                anchors.fill: parent
                z: 30
                active: Idle.warning
                sourceComponent: IdleOverlay {}
            }
        }

        // the technician's PIN pad: over every screen and the keyboard
        Loader {
            objectName: "pinPadLoader"
            anchors.fill: parent
            z: 200
            active: Maintenance.state === "pin" || Maintenance.state === "setPin"
            sourceComponent: PinPad {}
        }

        // Qt Virtual Keyboard is heavy to load: it follows the first frame, once the kiosk is ready
        Loader {
            id: keyboardLoader
            objectName: "keyboardLoader"
            z: 100
            // sized by the keyboard itself (see KeyboardPanel), centred at the bottom
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.bottom: parent.bottom
            active: Shell.ready
            asynchronous: true
            sourceComponent: KeyboardPanel {}
        }
    }

    Component { id: attractScreen; AttractScreen {} }
    Component { id: homeScreen; HomeScreen {} }
    Component { id: categoryScreen; CategoryScreen {} }
    Component { id: productScreen; ProductScreen {} }
    Component { id: helpScreen; HelpScreen {} }
    Component { id: orderLookupScreen; OrderLookupScreen {} }
    Component { id: orderScreen; OrderScreen {} }
    Component { id: orderChangeScreen; OrderChangeScreen {} }
    Component { id: orderReturnScreen; OrderReturnScreen {} }
    Component { id: searchScreen; SearchScreen { keyboardReady: keyboardLoader.status === Loader.Ready } }
    Component { id: cartScreen; CartScreen {} }
    Component { id: fulfilmentScreen; FulfilmentScreen {} }
    Component { id: paymentScreen; PaymentScreen {} }
    Component { id: paymentProblemScreen; PaymentProblemScreen {} }
    Component { id: doneScreen; DoneScreen {} }
    Component { id: outOfServiceScreen; OutOfServiceScreen {} }
    Component { id: closedScreen; ClosedScreen {} }
    Component { id: maintenanceScreen; MaintenanceScreen {} }
}
