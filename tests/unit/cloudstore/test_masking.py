"""What personal data the store's pages may show, and in which language the order page speaks."""

from __future__ import annotations

import pytest

from cloudstore.routes.order_page import language
from kiosk.sync.protocol import mask_address, mask_name, mask_phone


@pytest.mark.parametrize(("address", "shown"), [
    ("上海市浦东新区张江路88号3号楼1201室", "上海市浦东新区****"),
    ("上海市浦东新区张江高科技园区", "上海市浦东新区****"),  # a park's name is no district
    ("广东省深圳市南山区科技园南区高新南一道9号", "广东省深圳市南山区****"),
    ("新疆维吾尔自治区乌鲁木齐市天山区解放路1号", "新疆维吾尔自治区乌鲁木齐市天山区****"),
    ("江苏省苏州市昆山市玉山镇", "江苏省苏州市昆山市****"),
    ("中关村大街1号", "****"),  # no region to show: nothing
    ("Room 5, 88 Zhangjiang Rd, Pudong, Shanghai", "****, Pudong, Shanghai"),
    ("88 Main Street", "****"),
    ("<script>alert(1)</script>", "****"),
])
def test_an_address_shows_only_its_region(address: str, shown: str) -> None:
    assert mask_address(address) == shown


def test_names_and_phones() -> None:
    assert (mask_name("张三"), mask_name("张三丰"), mask_name("Li Lei"), mask_name("")) == ("张*", "张**",
                                                                                        "L****i", "")
    assert mask_phone("13800138000") == mask_phone("+86 138 0013 8000") == "138****8000"
    assert mask_phone("12345") == "***45"


@pytest.mark.parametrize(("query", "header", "chosen"), [
    (None, None, "zh"),
    (None, "en-US,en;q=0.9", "en"),
    (None, "en-GB;q=0.5,zh-CN;q=0.8", "zh"),
    (None, "fr-FR,en;q=0.3", "en"),
    (None, "fr-FR", "zh"),
    (None, "en;q=0", "zh"),
    ("en", "zh-CN", "en"),
    ("zh", "en", "zh"),
    ("de", "en", "en"),  # a language we do not speak is no choice
])
def test_the_order_page_language(query: str | None, header: str | None, chosen: str) -> None:
    assert language(query, header) == chosen
