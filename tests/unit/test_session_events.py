"""The funnel's recorder: queued off the caller's thread, stored without personal data, never raising;
funnel days in the store's time zone for the heartbeat."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.models import SessionEvent
from kiosk.session import ShopperSession
from kiosk.session_events import SessionEvents, funnel_days, new_session_id
from kiosk.sync.heartbeat import build_heartbeat
from kiosk.sync.protocol import FUNNEL_STEPS

TZ = ZoneInfo("Asia/Shanghai")


def stored(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [(e.session_id, e.kind, e.subject) for e in session.scalars(select(SessionEvent).order_by(
            SessionEvent.id))]


def test_a_shopper_session_records_each_step_once_and_a_wipe_starts_another(db: Database) -> None:
    recorder = SessionEvents(db)
    shopper = ShopperSession(recorder=recorder.record)
    shopper.step("product_viewed", "17")  # the first step starts the session
    shopper.step("product_viewed", "17")
    shopper.step("added_to_cart", "17")
    first = shopper.session_id
    shopper.wipe()
    assert shopper.session_id == ""
    shopper.step("session")
    assert recorder.flush()
    rows = stored(db)
    assert rows[:3] == [(first, "session", ""), (first, "product_viewed", "17"),
                        (first, "added_to_cart", "17")]
    assert len(rows) == 4 and rows[3][1] == "session" and rows[3][0] not in ("", first)
    assert all(len(sid) == 32 and int(sid, 16) >= 0 for sid, _, _ in rows)  # random hex, nothing else
    recorder.close()


def test_record_never_raises_and_drops_what_is_not_a_funnel_step(db: Database, tmp_path) -> None:
    recorder = SessionEvents(db)
    recorder.record(new_session_id(), "phone_typed", "13812345678")  # not a step: nothing stored
    recorder.record("", "session")
    recorder.record("x" * 40, "session")
    recorder.record(new_session_id(), "product_viewed", "9" * 100)  # the subject is cut to the column
    assert recorder.flush()
    assert [(k, len(s)) for _, k, s in stored(db)] == [("product_viewed", 64)]
    broken = Database(tmp_path / "missing" / "no.sqlite3")  # a database that cannot be opened
    failing = SessionEvents(broken)
    failing.record(new_session_id(), "session")  # logged, never raised
    assert failing.flush()
    failing.close()
    recorder.close()
    recorder.record(new_session_id(), "session")  # after close: dropped quietly
    assert len(stored(db)) == 1


def test_funnel_days_group_sessions_by_the_store_day_they_began_and_ride_the_heartbeat(db: Database) -> None:
    recorder = SessionEvents(db)
    today = dt.date(2026, 12, 7)

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    from kiosk.session_events import Event

    yesterday = today - dt.timedelta(days=1)
    # 23:58 yesterday (store time) to 00:03 today: yesterday's session, all the way to a receipt
    late = [Event(at(yesterday, 23, 58) + dt.timedelta(minutes=i), "a" * 32, step)
            for i, step in enumerate(FUNNEL_STEPS)]
    # 00:30 today: viewed a product, never added one; 07:00 (UTC: still yesterday) a bare session
    early = [Event(at(today, 0, 30), "b" * 32, "session"),
             Event(at(today, 0, 31), "b" * 32, "product_viewed"), Event(at(today, 7), "c" * 32, "session")]
    too_old = [Event(at(today - dt.timedelta(days=7), 12), "d" * 32, "session")]
    assert recorder.write(late + early + too_old)
    days = funnel_days(db, TZ, 7, today)
    assert [d["day"] for d in days] == [(today - dt.timedelta(days=6 - i)).isoformat() for i in range(7)]
    assert days[-2]["counts"] == dict.fromkeys(FUNNEL_STEPS, 1)
    assert days[-1]["counts"] == {"session": 2, "product_viewed": 1, "added_to_cart": 0, "qr_shown": 0,
                                  "paid": 0, "receipt_printed": 0}
    assert all(sum(d["counts"].values()) == 0 for d in days[:-2])

    beat = build_heartbeat(db, dict, "1.0", TZ)
    assert len(beat["funnel"]) == 7 and beat["funnel"][-1]["day"] == funnel_days(db, TZ, 7)[-1]["day"]
    recorder.close()
