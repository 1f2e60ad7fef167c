import QtQuick
import Kiosk
import Kiosk.Backend

// A short message that fades by itself (a scan not found, what is in the cart).
Rectangle {
    objectName: "toast"
    visible: Session.toast !== ""
    width: Math.min(parent.width - 2 * Theme.margin, toastText.implicitWidth + 2 * Theme.margin)
    height: toastText.implicitHeight + Theme.margin
    radius: height / 2
    color: Theme.highContrast ? "#FFFFFF" : "#E6222222"
    Text {
        id: toastText
        objectName: "toastText"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, parent.parent.width - 4 * Theme.margin)
        text: Session.toast
        textFormat: Text.PlainText  // a toast may echo a scanned code: markup in it is shown, never rendered
        color: Theme.highContrast ? "#000000" : "#FFFFFF"
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }
}
