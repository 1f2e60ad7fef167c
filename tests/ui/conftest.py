"""A real kiosk UI (QML on the offscreen platform) over a real, migrated SQLite data dir."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtQuick import QQuickItem

from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.services import Services, data_paths
from kiosk.ui.app import KioskUi


def make_services(tmp_path: Path, **overrides: Any) -> Services:
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path / "data"), **overrides})
    # the local store and simulated devices have their own tests; the shell needs neither
    return build_services(config, data_paths(config), with_devices=False, with_store=False)


@pytest.fixture
def kiosk_factory(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., KioskUi]]:
    made: list[KioskUi] = []

    def make(**overrides: Any) -> KioskUi:
        services = make_services(tmp_path, **overrides)
        ui = KioskUi(services.config, services.events)
        ui.attach(services)
        ui.show()
        qtbot.waitExposed(ui.window)
        qtbot.waitUntil(lambda: ui.shopper.catalog.property("loaded"))  # the home rows load beside
        made.append(ui)
        return ui

    yield make
    for ui in made:
        ui.close()
        if ui.services is not None:
            ui.services.close()
    # delete the engines and windows now: a dead kiosk window must not keep animating beside the next test's
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk_ui(kiosk_factory: Callable[..., KioskUi]) -> KioskUi:
    return kiosk_factory()


def tap(qtbot: Any, ui: KioskUi, item: QQuickItem) -> None:
    """Tap the centre of an item as a finger would."""
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    qtbot.mouseClick(ui.window, Qt.MouseButton.LeftButton, pos=centre)


def prop(ui: KioskUi, name: str, key: str) -> Any:
    """A property of a named item, or None while the item is not (yet) on screen."""
    try:
        return ui.item(name).property(key)
    except LookupError:
        return None


def open_delivery_form(qtbot: Any, ui: KioskUi) -> None:
    """A best seller bought now, then home delivery: the delivery form on screen."""
    ui.shopper.catalog.openProduct(int(ui.shopper.catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("buyNow"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "fulfilment")
    tap(qtbot, ui, ui.item("deliveryOption"))
    qtbot.waitUntil(lambda: ui.item("deliveryName").isVisible())
