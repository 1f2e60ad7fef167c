"""Product search: an SQLite FTS5 index in the kiosk's own database file.

The index is derived data, outside Alembic: `ensure_index` creates its tables, `rebuild_index`
refills them from the catalog in one write transaction whenever the catalog changes.

Shape of the index, chosen so search-as-you-type stays in single milliseconds at 100,000 products:

- Products are numbered by popularity (`search_docs.rank`, 1 = most popular) and that number is the
  FTS rowid. FTS5 returns matches in rowid order, so "most popular first" needs no sort and a
  `LIMIT` stops the scan early: no query ever ranks its whole match set.
- Chinese characters are indexed one per token, so a Chinese query is a phrase query: substring
  matching without a word segmenter. Latin words and pinyin are prefix queries, served by FTS5
  prefix indexes for 1–3 characters; barcodes and SKUs have their own table with prefix indexes up
  to 8 digits, as they are typed digit by digit.
- Pinyin: each name's syllables are indexed as the concatenated pinyin of every suffix of the
  name ("kekoukele koukele kele le" for 可口可乐), so "kele" and "kou" are token prefixes; initials
  the same way ("kkkl kkl kl l"). pypinyin is imported only while rebuilding.
- Tiers: products whose name, brand or name pinyin starts with the query come first (a small
  table of those first tokens answers it), then any other match, each in popularity order. Only
  when that finds almost nothing, typo corrections of Latin words follow (an edit-distance pass
  over a small vocabulary of name and brand words, its candidates found by trigram overlap).
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kiosk.db.engine import Database

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 64  # longer input is cut: no product name needs more to be found
MAX_TERMS = 6
MAX_PINYIN_SYLLABLES = 8  # a suffix token covers at most this many characters of a name
TYPO_MIN_CHARS = 4  # shorter Latin words have too many one-edit neighbours to guess from
TYPO_BELOW = 3  # corrections are searched only when the query as typed finds fewer products
TYPO_CANDIDATES = 48  # vocabulary words checked by edit distance per query word
TYPO_CORRECTIONS = 6  # corrections per query word that the typo tier searches for
HEAD_CHARS = 16  # of a Chinese name, the first characters kept as one "starts with" token
BULK_HASH_BYTES = 16 << 20  # FTS5's in-memory buffer while rebuilding (default 1 MB)

_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_CHAR = re.compile(f"[{_CJK_RANGES}]")
_CJK_RUN = re.compile(f"[{_CJK_RANGES}]+")
# runs of Chinese characters, or runs of other letters/digits (the underscore is not a word char here)
_TERM = re.compile(f"[{_CJK_RANGES}]+|[^\\W_{_CJK_RANGES}]+")
_WORD = re.compile(r"[^\W_]+")
_LATIN_WORD = re.compile(r"[a-z]+")
_SPACE = re.compile(r"\s+")

_SCHEMA = (
    # rank (1 = most popular) is the FTS rowid
    "CREATE TABLE IF NOT EXISTS search_docs (rank INTEGER PRIMARY KEY, product_id INTEGER NOT NULL)",
    # contentless: the text lives in products; positions kept (detail=full) for Chinese phrases
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        name_zh, name_en, brand, pinyin, initials,
        content='', columnsize=0, prefix='1 2 3',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    # what names start with, one token each: the Chinese name's first characters run together, the
    # first English word, the brand's first word, the whole name's pinyin and initials. Kept apart
    # so "starts with" reads only these, not every product that has the letters somewhere.
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_head USING fts5(
        head, content='', columnsize=0, detail=none, prefix='1 2 3',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    # barcodes and SKUs apart: typed digit by digit, their prefixes outgrow the names' prefix index;
    # no positions needed (detail=none), so the long prefix index stays small
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_codes USING fts5(
        code, content='', columnsize=0, detail=none, prefix='1 2 3 4 5 6 7 8',
        tokenize='unicode61'
    )""",
    "CREATE TABLE IF NOT EXISTS search_words (word TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID",
    """CREATE TABLE IF NOT EXISTS search_grams (
        gram TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (gram, word)
    ) WITHOUT ROWID""",
    "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_TABLES = ("search_docs", "search_fts", "search_head", "search_codes", "search_words", "search_grams",
           "search_meta")

# what a catalog change moves; compared with the value stored at the last rebuild
_SIGNATURE_SQL = """
SELECT (SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(max(updated_at), '') || ':'
               || ifnull(sum(catalog_version), 0) FROM products WHERE active)
    || '/' || (SELECT count(*) || ':' || ifnull(max(rowid), 0) || ':' || ifnull(sum(product_id), 0)
               FROM product_barcodes)
"""


@dataclass(frozen=True, slots=True)
class SearchHit:
    product_id: int
    # higher is better: 3.x starts-with, 2.x contains, 1.x typo correction; the fraction is popularity
    score: float


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    cjk: bool

    def fts(self) -> str:
        """This term as an FTS5 expression: a phrase of characters, or a token prefix."""
        # the text holds only letters and digits; quote-doubling keeps FTS5 syntax out regardless
        if self.cjk:
            return '"' + " ".join(self.text).replace('"', '""') + '"'
        return '"' + self.text.replace('"', '""') + '" *'

    def head_fts(self) -> str:
        """This term as a token prefix in `search_head` (Chinese unspaced: heads are whole runs)."""
        return '"' + self.text.replace('"', '""') + '" *'


# --- text -----------------------------------------------------------------------------------------

def _normalise(text: str) -> str:
    # NFKC folds full-width Latin and digits from Chinese IMEs (ＡＢＣ１２３) to ASCII
    return unicodedata.normalize("NFKC", text).lower()


def _spaced(text: str) -> str:
    """One token per Chinese character for the unicode61 tokenizer."""
    return _CJK_RUN.sub(lambda m: " " + " ".join(m.group()) + " ", text)


def _query_terms(query: str) -> list[_Term]:
    text = _normalise(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    terms = [_Term(m.group(), bool(_CJK_CHAR.match(m.group()))) for m in _TERM.finditer(text)]
    return terms[:MAX_TERMS]


def _expression(terms: Sequence[_Term]) -> str:
    return " AND ".join(t.fts() for t in terms)


def _head_tokens(zh: str, en: str, brand: str, pinyins: Iterable[str]) -> str:
    """The name's first characters and word, every brand word, and the whole-text pinyin tokens."""
    firsts = [_WORD.search(text) for text in (_SPACE.sub("", zh)[:HEAD_CHARS], en)]
    tokens = [m.group() for m in firsts if m] + _WORD.findall(brand)
    tokens += [text.partition(" ")[0] for text in pinyins if text]
    return " ".join(tokens)


# --- pinyin (rebuild only) ------------------------------------------------------------------------

@functools.cache
def _segmenter() -> Callable[[str], list[str]]:
    from pypinyin.seg.simpleseg import seg  # pypinyin takes ~0.15 s to import: off the start-up path

    return seg


@functools.lru_cache(maxsize=1 << 16)
def _word_pinyin(word: str) -> tuple[str, ...]:
    # lazy_pinyin converts each segmented word on its own, so caching per word gives the same
    # readings (可乐 kele, 音乐 yinyue) at a fraction of the cost: catalog names share their words
    from pypinyin import lazy_pinyin

    return tuple(s for s in lazy_pinyin(word, errors="ignore") if _LATIN_WORD.fullmatch(s))


@functools.lru_cache(maxsize=1 << 17)
def _run_syllables(run: str) -> tuple[str, ...]:
    """Syllables of one run of Chinese characters; runs (brands, product words) repeat a lot."""
    return tuple(s for word in _segmenter()(run) for s in _word_pinyin(word))


def _pinyin_tokens(text: str) -> tuple[str, str]:
    """(pinyin, initials) suffix tokens of the Chinese in `text`, the whole text's first."""
    syllables = [s for run in _CJK_RUN.findall(text) for s in _run_syllables(run)]
    full: list[str] = []
    initials: list[str] = []
    firsts = "".join(s[0] for s in syllables)
    for i in range(len(syllables)):
        full.append("".join(syllables[i : i + MAX_PINYIN_SYLLABLES]))
        initials.append(firsts[i : i + MAX_PINYIN_SYLLABLES])
    return " ".join(full), " ".join(initials)


# --- schema and rebuild ---------------------------------------------------------------------------

def _raw(conn: Connection) -> sqlite3.Connection:
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def ensure_index(db: Database) -> None:
    """Create the index tables when missing (cheap and idempotent; an empty index finds nothing)."""
    with db.write() as session:
        raw = _raw(session.connection())
        for statement in _SCHEMA:
            raw.execute(statement)


def _signature(raw: sqlite3.Connection) -> str:
    return str(raw.execute(_SIGNATURE_SQL).fetchone()[0])


def index_is_current(db: Database) -> bool:
    """True when the index was built from the catalog as it is now."""
    with db.read() as session:
        raw = _raw(session.connection())
        try:
            row = raw.execute("SELECT value FROM search_meta WHERE key = 'signature'").fetchone()
        except sqlite3.OperationalError:  # tables not created yet
            return False
        return row is not None and row[0] == _signature(raw)


def refresh_index(db: Database) -> bool:
    """Rebuild only when the catalog changed since the last build; True when it rebuilt."""
    if index_is_current(db):
        return False
    rebuild_index(db)
    return True


def _grams(word: str) -> set[str]:
    padded = "^" + word  # anchors the first letters, which typists rarely get wrong
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass
class _Build:
    signature: str
    docs: list[tuple[int, int]]
    fts: list[tuple[int, str, str, str, str, str]]
    heads: list[tuple[int, str]]
    codes: list[tuple[int, str]]
    words: Counter[str]


def _prepare(raw: sqlite3.Connection) -> _Build:
    """Every row of the new index, computed from one read snapshot of the catalog."""
    codes: dict[int, list[str]] = {}
    for product_id, gtin in raw.execute("SELECT product_id, gtin FROM product_barcodes"):
        codes.setdefault(product_id, []).append(gtin)
    build = _Build(_signature(raw), [], [], [], [], Counter())
    brands: dict[str, tuple[str, str]] = {}
    products = raw.execute("SELECT id, name_zh, name_en, brand, sku FROM products WHERE active "
                           "ORDER BY popularity DESC, id")
    for rank, (product_id, name_zh, name_en, brand, sku) in enumerate(products, start=1):
        zh, en, br = _normalise(name_zh), _normalise(name_en), _normalise(brand)
        pinyin, initials = _pinyin_tokens(zh)
        if br not in brands:
            brands[br] = _pinyin_tokens(br)
        brand_pinyin, brand_initials = brands[br]
        build.docs.append((rank, product_id))
        build.fts.append((rank, _spaced(zh), en, _spaced(br), f"{pinyin} {brand_pinyin}",
                          f"{initials} {brand_initials}"))
        build.heads.append((rank, _head_tokens(zh, en, br, (pinyin, initials, brand_pinyin, brand_initials))))
        build.codes.append((rank, " ".join([sku, *codes.get(product_id, ())])))
        build.words.update({w for w in _LATIN_WORD.findall(f"{en} {br}") if len(w) >= 3})
    return build


def _bulk_load(raw: sqlite3.Connection, table: str, columns: str, rows: Sequence[tuple[Any, ...]]) -> None:
    # a large in-memory buffer and no merging while loading, then one 'optimize' that leaves a
    # single segment to read: about twice as fast as FTS5's defaults for a bulk load
    raw.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {BULK_HASH_BYTES})")
    raw.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)")
    marks = ", ".join("?" * (columns.count(",") + 2))
    raw.executemany(f"INSERT INTO {table} (rowid, {columns}) VALUES ({marks})", rows)
    raw.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


@dataclass(frozen=True, slots=True)
class RebuildStats:
    products: int
    prepare_s: float  # reading the catalog and computing pinyin: no lock held
    write_s: float  # the one write transaction: the time other writers wait


def rebuild_index(db: Database) -> RebuildStats:
    """Refill the index from the active products.

    The rows are computed from a read snapshot first, so the write lock is held only for the
    inserts; they replace the old index in one transaction, and readers never see half of one.
    If the catalog changes meanwhile, the stored signature is the older one and the next
    `refresh_index` builds again.
    """
    started = time.perf_counter()
    with db.read() as session:
        build = _prepare(_raw(session.connection()))
    prepared = time.perf_counter()
    with db.write() as session:
        raw = _raw(session.connection())
        # dropping is far cheaper than deleting 100,000 rows from an FTS index
        for table in _TABLES:
            raw.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA:
            raw.execute(statement)
        raw.executemany("INSERT INTO search_docs VALUES (?, ?)", build.docs)
        _bulk_load(raw, "search_fts", "name_zh, name_en, brand, pinyin, initials", build.fts)
        _bulk_load(raw, "search_head", "head", build.heads)
        _bulk_load(raw, "search_codes", "code", build.codes)
        raw.executemany("INSERT INTO search_words VALUES (?, ?)", build.words.items())
        raw.executemany("INSERT INTO search_grams VALUES (?, ?)",
                        ((g, w) for w in build.words for g in _grams(w)))
        raw.executemany("INSERT INTO search_meta VALUES (?, ?)",
                        [("signature", build.signature), ("count", str(len(build.docs)))])
    return RebuildStats(len(build.docs), prepared - started, time.perf_counter() - prepared)


# --- typo corrections -----------------------------------------------------------------------------

def _prefix_distance(term: str, word: str, limit: int) -> int:
    """Fewest edits (with transpositions) turning `term` into some prefix of `word`.

    `word[:j]` for j within `limit` of len(term): a shopper may still be typing the word.
    """
    n, m = len(term), len(word)
    previous2: list[int] = []
    previous = list(range(m + 1))
    for i in range(1, n + 1):
        current = [i] + [0] * m
        for j in range(1, m + 1):
            cost = 0 if term[i - 1] == word[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and term[i - 1] == word[j - 2] and term[i - 2] == word[j - 1]):
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[max(0, n - limit) : min(m, n + limit) + 1], default=limit + 1)


def _corrections(raw: sqlite3.Connection, term: str) -> list[str]:
    limit = 1 if len(term) < 8 else 2
    grams = sorted(_grams(term))
    marks = ", ".join("?" * len(grams))
    rows = raw.execute(
        f"SELECT g.word, w.docs FROM search_grams AS g JOIN search_words AS w ON w.word = g.word "
        f"WHERE g.gram IN ({marks}) GROUP BY g.word ORDER BY count(*) DESC, w.docs DESC LIMIT ?",
        (*grams, TYPO_CANDIDATES)).fetchall()
    scored = []
    for word, docs in rows:
        if word.startswith(term):
            continue  # already found by the prefix query
        distance = _prefix_distance(term, word, limit)
        if distance <= limit:
            scored.append((distance, -docs, word))
    return [word for _, _, word in sorted(scored)[:TYPO_CORRECTIONS]]


def _typo_expression(raw: sqlite3.Connection, terms: Sequence[_Term]) -> str | None:
    parts: list[str] = []
    corrected = False
    for term in terms:
        fixes = (_corrections(raw, term.text)
                 if not term.cjk and len(term.text) >= TYPO_MIN_CHARS and term.text.isascii()
                 and term.text.isalpha() else [])
        if fixes:
            corrected = True
            parts.append("(" + " OR ".join([term.fts(), *(f'"{w}"' for w in fixes)]) + ")")
        else:
            parts.append(term.fts())
    return " AND ".join(parts) if corrected else None


# --- search ---------------------------------------------------------------------------------------

def _matches(raw: sqlite3.Connection, table: str, expression: str, count: int) -> list[tuple[int, int]]:
    """(rank, product_id) of the `count` most popular matches, most popular first."""
    return raw.execute(
        f"SELECT {table}.rowid, d.product_id FROM {table} JOIN search_docs AS d ON d.rank = {table}.rowid "
        f"WHERE {table} MATCH ? ORDER BY {table}.rowid LIMIT ?", (expression, count)).fetchall()


def _head_matches(raw: sqlite3.Connection, terms: Sequence[_Term], count: int) -> list[tuple[int, int]]:
    """Products whose name, brand or name pinyin starts with the first term and that match the rest."""
    if len(terms) == 1:
        return _matches(raw, "search_head", terms[0].head_fts(), count)
    # the head table drives (few rows, popularity order); the rest is checked per row by rowid
    return raw.execute(
        "SELECT search_head.rowid, d.product_id FROM search_head "
        "JOIN search_fts ON search_fts.rowid = search_head.rowid "
        "JOIN search_docs AS d ON d.rank = search_head.rowid "
        "WHERE search_head MATCH ? AND search_fts MATCH ? ORDER BY search_head.rowid LIMIT ?",
        (terms[0].head_fts(), _expression(terms[1:]), count)).fetchall()


def _any_matches(raw: sqlite3.Connection, terms: Sequence[_Term], count: int) -> list[tuple[int, int]]:
    rows = _matches(raw, "search_fts", _expression(terms), count)
    if len(terms) == 1 and not terms[0].cjk and any(c.isdigit() for c in terms[0].text):
        # a barcode or SKU being typed: merge its matches in popularity order
        codes = _matches(raw, "search_codes", terms[0].fts(), count)
        rows = sorted(set(rows) | set(codes))[:count]
    return rows


def search(db: Database, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """One page of products matching `query`, best first. Any text is safe; blank finds nothing."""
    terms = _query_terms(query)
    if not terms or limit <= 0 or offset < 0:
        return []
    wanted = offset + limit
    hits: dict[int, float] = {}  # product_id -> score, in result order
    with db.read() as session:
        raw = _raw(session.connection())
        try:
            _collect(raw, terms, wanted, hits)
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            # searched before ensure_index ran: nothing to find yet, not a reason to fail the screen
            log.warning("search index missing: %s", exc)
            return []
    page = list(hits.items())[offset:wanted]
    return [SearchHit(product_id, score) for product_id, score in page]


def _collect(raw: sqlite3.Connection, terms: Sequence[_Term], wanted: int, hits: dict[int, float]) -> None:
    """Fill `hits` with the first `wanted` results, tier after tier."""

    def take(rows: Iterable[tuple[int, int]], base: float) -> None:
        for rank, product_id in rows:
            if product_id not in hits:
                hits[product_id] = base + 1.0 - rank / (rank + 1000.0)

    take(_head_matches(raw, terms, wanted), 3.0)
    if len(hits) < wanted:
        take(_any_matches(raw, terms, wanted + len(hits)), 2.0)
    # fewer than `wanted` means every exact match is in `hits`, so pages agree on the typo tier
    if len(hits) < min(wanted, TYPO_BELOW):
        typo = _typo_expression(raw, terms)
        if typo is not None:
            take(_matches(raw, "search_fts", typo, wanted + len(hits)), 1.0)
