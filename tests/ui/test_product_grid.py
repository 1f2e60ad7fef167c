"""The category grid pages from the database: keyset pages, every sort, never the whole category."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QGuiApplication
from sqlalchemy import text

from kiosk.catalog.generator import generate_catalog
from kiosk.db.engine import Database
from kiosk.ui.viewmodels.product_grid import PAGE_SIZE, ProductGridModel
from kiosk.ui.viewmodels.queries import SORTS


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from kiosk.db.migrate import upgrade

    database = Database(tmp_path_factory.mktemp("grid") / "kiosk.sqlite3")
    upgrade(database)
    generate_catalog(database, 3000)
    yield database
    database.close()


def biggest_category(db: Database) -> tuple[int, int]:
    with db.read() as s:
        row = s.execute(text("SELECT category_id, count(*) n FROM products GROUP BY category_id "
                             "ORDER BY n DESC LIMIT 1")).one()
    return int(row[0]), int(row[1])


def fetch_all(model: ProductGridModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_pages_concatenate_to_the_full_sorted_category(qapp: QGuiApplication, big_db: Database, sort: str,
                                                       tmp_path: Path) -> None:
    category_id, size = biggest_category(big_db)
    assert size > 3 * PAGE_SIZE
    model = ProductGridModel()
    model.attach(big_db, tmp_path)
    model.setSort(sort)
    model.show_category(category_id)
    model.setSort(sort)
    assert model.rowCount() == PAGE_SIZE  # one page on opening, not the category
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    fetch_all(model)
    column, desc = SORTS[sort]
    with big_db.read() as s:
        direction = "DESC" if desc else "ASC"
        expected = [r[0] for r in s.execute(text(
            f"SELECT id FROM products WHERE category_id = :c AND active "
            f"ORDER BY {column} {direction}, id {direction}"), {"c": category_id})]
    assert [model.productAt(i) for i in range(model.rowCount())] == expected
    assert not model.canFetchMore(QModelIndex())


def test_rows_are_presented_in_the_current_language(qapp: QGuiApplication, big_db: Database,
                                                    tmp_path: Path) -> None:
    category_id, _ = biggest_category(big_db)
    model = ProductGridModel()
    model.attach(big_db, tmp_path)
    model.show_category(category_id)
    names = {v.data().decode(): k for k, v in model.roleNames().items()}
    zh = model.data(model.index(0), names["name"])
    model.set_language("en_US")
    en = model.data(model.index(0), names["name"])
    assert zh != en and not any("\u4e00" <= ch <= "\u9fff" for ch in en)
    assert model.data(model.index(0), names["price"]).startswith("CN¥")
    assert model.data(model.index(0), names["image"]).startswith("file://")
