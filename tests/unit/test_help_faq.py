"""The FAQ in one Qt-free place: the seed's three questions and the kiosk's own, every string found by
lupdate (so it is translated centrally), and a plain-text search over questions and answers as shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk import help_faq
from kiosk.help_faq import FAQS, search

SEED = {"payment_failed", "when_ship", "change_order"}
KIOSK = {"receipt_not_printed", "item_not_found", "scanner", "accessibility", "how_to_shop"}


def test_the_seed_questions_and_the_kiosk_questions_are_all_there_once() -> None:
    ids = [faq.id for faq in FAQS]
    assert len(ids) == len(set(ids))
    assert set(ids) >= SEED | KIOSK
    change = next(faq for faq in FAQS if faq.id == "change_order").answer.lower()
    # the seed's three branches of a change, in plain words
    assert "not paid" in change and "merchant approves" in change and "shipped" in change


def test_lupdate_finds_every_question_and_answer(tmp_path: Path) -> None:
    from kiosk.ui import i18n_update

    ts = tmp_path / "kiosk_zh_CN.ts"
    i18n_update.lupdate(ts, "zh_CN")
    found = {(context.findtext("name"), message.findtext("source"))
             for context in ET.parse(ts).iter("context") for message in context.iter("message")}
    for faq in FAQS:
        assert (help_faq.CONTEXT, faq.question) in found
        assert (help_faq.CONTEXT, faq.answer) in found


def test_search_is_case_insensitive_over_questions_and_answers() -> None:
    assert [f.id for f in search("")] == [f.id for f in FAQS]
    receipt = [f.id for f in search("RECEIPT")]
    assert "receipt_not_printed" in receipt
    assert all("receipt" in (f.question + f.answer).lower() for f in FAQS if f.id in receipt)
    assert all("receipt" not in (f.question + f.answer).lower() for f in FAQS if f.id not in receipt)
    # an answer's words find it too, every word must be there, in any order
    assert [f.id for f in search("20 cm steady")] == ["scanner"]
    assert search("scanner zzqxv") == []


def test_search_is_plain_text_not_a_pattern() -> None:
    assert search(".*") == []
    assert search("[") == []


def test_search_looks_at_the_text_as_shown_in_the_current_language() -> None:
    shown = {FAQS[0].question: "我的付款失败了", FAQS[0].answer: "请重试或呼叫工作人员"}
    found = search("付款", lambda source: shown.get(source, source))
    assert [f.id for f in found] == [FAQS[0].id]
    # full-width letters match their ASCII forms (NFKC)
    assert [f.id for f in search("ＲＥＣＥＩＰＴ")] == [f.id for f in search("receipt")]
