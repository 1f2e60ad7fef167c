"""Every UI string is translated in both languages, the .qm files are current, and switching is live."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from kiosk.paths import qml_dir
from kiosk.ui import i18n_update
from kiosk.ui.app import KioskUi
from kiosk.ui.translations import LANGUAGES
from tests.ui.conftest import prop, tap

# Chinese characters, or Chinese punctuation (a list's 、 and ； are translations of ", " and "; ")
_CJK = re.compile(r"[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b]")
_LATIN = re.compile(r"[A-Za-z]")
# deliberately not translated: each language named in itself
LANGUAGE_NAMES = {"中文", "English"}


def messages(ts: Path) -> list[tuple[str, list[str], bool]]:
    """(source, translations, unfinished) of every message."""
    found = []
    for message in ET.parse(ts).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        found.append((source, forms, translation.get("type") in ("unfinished", "vanished", "obsolete")))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_string_is_translated(tmp_path: Path, language: str) -> None:
    shipped = i18n_update.ts_file(language)
    fresh = tmp_path / shipped.name
    shutil.copy(shipped, fresh)
    i18n_update.lupdate(fresh, language)  # what the code asks for today
    current = messages(fresh)
    untranslated = [src for src, forms, unfinished in current
                    if unfinished or not all(f.strip() for f in forms)]
    assert untranslated == [], f"run `python -m kiosk.ui.i18n_update` and translate these: {untranslated}"
    assert {m[0] for m in current} == {m[0] for m in messages(shipped)}, "the shipped .ts is out of date"
    if language == "zh_CN":
        assert all(_CJK.search(" ".join(forms)) for _, forms, _ in current)


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path, language: str) -> None:
    shipped = i18n_update.ts_file(language)
    compiled = tmp_path / "check.qm"
    i18n_update.lrelease(shipped, compiled)
    assert compiled.read_bytes() == shipped.with_suffix(".qm").read_bytes()


def test_no_hard_coded_one_language_text_in_qml() -> None:
    """Visible literals are either qsTr() or deliberately bilingual (attract, out of service)."""
    offenders = []
    # a binding at the start of a line, with its continuation lines (+ … / ? … / : …)
    binding = re.compile(r'^\s*(?:text|title|label|placeholderText)\s*:\s*(.*(?:\n\s*[+?:].*)*)', re.M)
    for path in (qml_dir() / "Kiosk").rglob("*.qml"):
        for expression in binding.findall(path.read_text(encoding="utf-8")):
            if "qsTr(" in expression:
                continue
            literal = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', expression))
            if literal in LANGUAGE_NAMES or not (_LATIN.search(literal) or _CJK.search(literal)):
                continue
            if _LATIN.search(literal) and _CJK.search(literal):
                continue  # both languages at once, before the shopper has chosen
            offenders.append(f"{path.name}: {literal}")
    assert offenders == []


@pytest.mark.gui
def test_switching_language_is_live_on_the_product_screen(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    tap(qtbot, ui, ui.item("featuredCard_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    zh = {n: prop(ui, n, "text") for n in ("productName", "productPrice", "productDelivery", "backButton",
                                            "screenTitle", "specKey_0")}
    assert zh["backButton"] == "返回" and zh["productPrice"].startswith("¥")
    tap(qtbot, ui, ui.item("languageSwitch"))
    qtbot.waitUntil(lambda: prop(ui, "backButton", "text") == "Back")
    en = {n: prop(ui, n, "text") for n in zh}
    assert en["screenTitle"] == "Product details"
    assert en["productPrice"].startswith("CN¥")
    assert en["productDelivery"].startswith("Ships ") and not _CJK.search(en["productDelivery"])
    assert en["productName"] != zh["productName"] and not _CJK.search(en["productName"])
    assert not _CJK.search(en["specKey_0"])
    assert prop(ui, "languageSwitch", "text") == "中文"
    tap(qtbot, ui, ui.item("languageSwitch"))
    qtbot.waitUntil(lambda: prop(ui, "backButton", "text") == "返回")
    assert prop(ui, "productDelivery", "text") == zh["productDelivery"]


def test_catalog_text_falls_back_to_the_other_language() -> None:
    from kiosk.ui.viewmodels.catalog_text import pick

    assert pick("可乐", "Cola", "en_US") == "Cola"
    assert pick("可乐", "", "en_US") == "可乐"
    assert pick("", "Cola", "zh_CN") == "Cola"


@pytest.mark.gui
def test_the_store_name_follows_the_language(qtbot: Any, kiosk_factory: Any) -> None:
    ui = kiosk_factory()
    assert prop(ui, "attractStoreName", "text") == "云商城自助终端" == ui.window.title()
    tap(qtbot, ui, ui.item("languageEn"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    assert prop(ui, "screenTitle", "text") == "Cloud Mall Self-Service" == ui.window.title()
    ui.shopper.session.wipe()  # the next shopper starts in the configured language
    qtbot.waitUntil(lambda: prop(ui, "attractStoreName", "text") == "云商城自助终端")
    assert ui.window.title() == "云商城自助终端"


@pytest.mark.gui
def test_a_configured_english_store_name(qtbot: Any, kiosk_factory: Any) -> None:
    ui = kiosk_factory(identity={"store_name": "万达广场自助购", "store_name_en": "Wanda Plaza Kiosk"},
                       ui={"language": "en_US"})
    assert prop(ui, "attractStoreName", "text") == "Wanda Plaza Kiosk" == ui.window.title()
    ui.shell.setLanguage("zh_CN")
    qtbot.waitUntil(lambda: ui.window.title() == "万达广场自助购")
