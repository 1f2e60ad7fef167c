pragma Singleton
import QtQuick
import Kiosk.Backend

// Sizes are in design pixels: the stage is 1080×1920 (portrait) or 1920×1080 (landscape) and
// is scaled to the real screen, so a 64 px touch target stays 64 px at 1080p.
QtObject {
    readonly property bool portrait: Shell.orientation === "portrait"
    readonly property int designWidth: portrait ? 1080 : 1920
    readonly property int designHeight: portrait ? 1920 : 1080

    readonly property bool highContrast: Shell.highContrast
    readonly property real textScale: Shell.largeText ? 1.35 : 1.0
    // reach mode: controls live in the lower part of the screen (ADA 707: ≤ 1220 mm)
    // (a landscape screen is shorter, so less of it is out of reach)
    readonly property real reachTop: Shell.reachMode ? designHeight * (portrait ? 0.45 : 0.3) : 0

    readonly property int touchMin: 64
    readonly property int spacing: 24
    readonly property int margin: 40
    readonly property int radius: 16

    readonly property int fontSmall: Math.round(24 * textScale)
    readonly property int fontBody: Math.round(30 * textScale)
    readonly property int fontTitle: Math.round(44 * textScale)
    readonly property int fontHero: Math.round(88 * textScale)

    readonly property color background: highContrast ? "#000000" : "#F6F4F1"
    readonly property color surface: highContrast ? "#000000" : "#FFFFFF"
    readonly property color text: highContrast ? "#FFFFFF" : "#1F1F1F"
    readonly property color textMuted: highContrast ? "#FFFF00" : "#5F5F5F"
    readonly property color primary: highContrast ? "#FFFF00" : "#C8102E"
    readonly property color textOnPrimary: highContrast ? "#000000" : "#FFFFFF"
    readonly property color accent: highContrast ? "#00FFFF" : "#F2A900"
    readonly property color border: highContrast ? "#FFFFFF" : "#E2DDD6"
    readonly property color danger: highContrast ? "#FF6060" : "#B00020"
    readonly property color success: highContrast ? "#00FF00" : "#1E7B34"
    readonly property color warning: highContrast ? "#FFA500" : "#B35C00"
    readonly property color scrim: "#B3000000"
    readonly property color star: highContrast ? "#FFFF00" : "#E8A317"

    readonly property int headerHeight: Math.round(112 * Math.min(textScale, 1.2))
    readonly property int toolbarHeight: Math.round(112 * Math.min(textScale, 1.2))
    // product tiles per row
    readonly property int gridColumns: portrait ? 3 : 5
}
