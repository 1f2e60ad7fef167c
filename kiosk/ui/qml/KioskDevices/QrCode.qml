import QtQuick

// The payment QR, crisp: a whole number of device pixels per module, shown 1:1 without smoothing.
// It fits the largest such image into its own size, whatever the scale of the items around it.
Item {
    id: root
    required property QtObject view

    // device pixels per scene unit here: every ancestor's scale, times the screen's pixel ratio
    readonly property real pixelScale: {
        let s = Screen.devicePixelRatio > 0 ? Screen.devicePixelRatio : 1
        for (let p = root; p; p = p.parent)
            s *= p.scale
        return s > 0 ? s : 1
    }
    readonly property int modules: view ? view.moduleCount : 0
    readonly property int moduleScale: modules > 0
        ? Math.max(1, Math.floor(Math.min(width, height) * pixelScale / modules)) : 1
    readonly property int imagePixels: modules * moduleScale

    implicitWidth: 320
    implicitHeight: 320

    Rectangle {
        // white behind the code: the quiet zone is part of the image, this only frames it
        anchors.fill: image
        color: "#FFFFFF"
        visible: image.visible
    }

    Image {
        id: image
        objectName: "qrImage"
        anchors.centerIn: parent
        width: root.imagePixels / root.pixelScale
        height: width
        visible: root.view !== null && root.modules > 0 && root.view.active
        // reading revision re-evaluates the binding when another code of the same size comes
        source: visible && root.view !== null && root.view.revision > 0 ? root.view.imageUrl(root.moduleScale) : ""
        smooth: false
        mipmap: false
        cache: false
        fillMode: Image.Stretch
    }
}
