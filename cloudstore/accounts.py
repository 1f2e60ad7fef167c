"""Staff accounts of the admin pages: users and roles, argon2id passwords, sessions in the database,
the sign-in throttle, one-time sign-in codes and the audit log.

Everything lives in the database, not in a process, so several worker processes serve one store and a
restart signs nobody out. Secrets are stored as hashes only: a password as argon2id (OWASP's
parameters, as `kiosk.technician_pin`), a session token and a one-time code as SHA-256 (they are
random and long-lived only minutes or hours, so a fast hash suffices).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from cloudstore.models import AuditEntry, LoginCode, LoginFailure, StaffSession, StaffUser

MERCHANT = "merchant"
TECHNICIAN = "technician"
ROLES = (MERCHANT, TECHNICIAN)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")

# OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)
# verified against when the name is unknown, so a wrong name costs as long as a wrong password
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))

CODE_DIGITS = 8
# a session's last-seen time is written at most this often (one write per page view is wasteful)
TOUCH_EVERY = dt.timedelta(seconds=30)


class AccountError(ValueError):
    """A refused account change, with a sentence for the operator."""


@dataclass(frozen=True)
class Staff:
    """The signed-in user of a request."""

    user_id: int
    name: str
    role: str
    csrf_token: str
    token_hash: str

    @property
    def merchant(self) -> bool:
        return self.role == MERCHANT


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")


def add_user(session: Session, name: str, role: str, password: str) -> StaffUser:
    if not name or len(name) > 64 or not set(name) <= NAME_CHARS:
        raise AccountError("a user name is 1-64 letters, digits and . _ - @")
    if role not in ROLES:
        raise AccountError(f"the role is one of {', '.join(ROLES)}")
    check_new_password(password)
    if session.execute(select(StaffUser.id).where(StaffUser.name == name)).first() is not None:
        raise AccountError(f"there is already a user {name!r}")
    user = StaffUser(name=name, role=role, password_hash=_HASHER.hash(password))
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, name: str) -> StaffUser | None:
    return session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none()


def set_password(session: Session, name: str, password: str) -> None:
    """A new password; the user's sessions end (whoever knew the old one is signed out)."""
    check_new_password(password)
    user = find_user(session, name)
    if user is None:
        raise AccountError(f"no user {name!r}")
    user.password_hash = _HASHER.hash(password)
    session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def remove_user(session: Session, name: str) -> None:
    user = find_user(session, name)
    if user is None:
        raise AccountError(f"no user {name!r}")
    session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
    session.execute(delete(LoginCode).where(LoginCode.user_id == user.id))
    session.delete(user)


def check_password(session: Session, name: str, password: str) -> StaffUser | None:
    user = find_user(session, name)
    try:
        _HASHER.verify(user.password_hash if user is not None else _DUMMY_HASH, password[:MAX_PASSWORD])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is not None and _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return user


# -- the throttle ---------------------------------------------------------------------------------

def user_scope(name: str) -> str:
    return "user:" + name[:100]


def address_scope(address: str) -> str:
    return "addr:" + address[:100]


def failures(session: Session, scope: str, since: dt.datetime) -> int:
    return int(session.execute(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.scope == scope, LoginFailure.at >= since)).scalar_one())


def record_failure(session: Session, scopes: list[str], now: dt.datetime, window: dt.timedelta) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - window))
    session.add_all(LoginFailure(scope=scope, at=now) for scope in scopes)


def clear_failures(session: Session, scope: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.scope == scope))


# -- sessions -------------------------------------------------------------------------------------

def new_session(session: Session, user: StaffUser, now: dt.datetime) -> str:
    """A new session for the user; returns the cookie's token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=sha256(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                             created_at=now, last_seen_at=now))
    return token


def session_staff(session: Session, token: str, now: dt.datetime, idle: dt.timedelta,
                  lifetime: dt.timedelta) -> Staff | None:
    """The user of a live session, its last-seen time moved on; an idle or too old session ends here."""
    if not token or len(token) > 200:
        return None
    token_hash = sha256(token)
    row = session.execute(select(StaffSession, StaffUser)
                          .join(StaffUser, StaffUser.id == StaffSession.user_id)
                          .where(StaffSession.token_hash == token_hash)).first()
    if row is None:
        return None
    live, user = row
    if now - live.last_seen_at > idle or now - live.created_at > lifetime:
        session.delete(live)
        return None
    if now - live.last_seen_at > TOUCH_EVERY:
        live.last_seen_at = now
    return Staff(user.id, user.name, user.role, live.csrf_token, token_hash)


def peek_session(session: Session, token: str, now: dt.datetime, idle: dt.timedelta,
                 lifetime: dt.timedelta) -> tuple[Staff | None, bool]:
    """`session_staff` on a read-only session: the user, and whether a write is due (the session has
    ended and is to be deleted, or its last-seen time is to move on). Most requests need no write."""
    if not token or len(token) > 200:
        return None, False
    token_hash = sha256(token)
    row = session.execute(select(StaffSession, StaffUser)
                          .join(StaffUser, StaffUser.id == StaffSession.user_id)
                          .where(StaffSession.token_hash == token_hash)).first()
    if row is None:
        return None, False
    live, user = row
    if now - live.last_seen_at > idle or now - live.created_at > lifetime:
        return None, True
    staff = Staff(user.id, user.name, user.role, live.csrf_token, token_hash)
    return staff, now - live.last_seen_at > TOUCH_EVERY


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash))


def prune_sessions(session: Session, now: dt.datetime, idle: dt.timedelta, lifetime: dt.timedelta) -> None:
    session.execute(delete(StaffSession).where(
        (StaffSession.last_seen_at < now - idle) | (StaffSession.created_at < now - lifetime)))


# -- one-time codes -------------------------------------------------------------------------------

def new_login_code(session: Session, name: str, now: dt.datetime, ttl: dt.timedelta) -> str:
    """A one-time sign-in code for the user: CODE_DIGITS digits, good once, until `now + ttl`."""
    user = find_user(session, name)
    if user is None:
        raise AccountError(f"no user {name!r}")
    session.execute(delete(LoginCode).where(LoginCode.expires_at < now))
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    session.add(LoginCode(code_hash=sha256(code), user_id=user.id, expires_at=now + ttl))
    return code


def use_login_code(session: Session, code: str, now: dt.datetime) -> StaffUser | None:
    """The code's user, once: the code is marked used in the same statement that checks it, so two
    requests racing with one code cannot both get in."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != CODE_DIGITS:
        return None
    code_hash = sha256(code)
    used = session.execute(update(LoginCode).where(
        LoginCode.code_hash == code_hash, LoginCode.used_at.is_(None), LoginCode.expires_at >= now)
        .values(used_at=now).returning(LoginCode.user_id)).scalar_one_or_none()
    return session.get(StaffUser, used) if used is not None else None


# -- audit ----------------------------------------------------------------------------------------

def audit(session: Session, user_name: str, action: str, target: str, result: str, now: dt.datetime) -> None:
    session.add(AuditEntry(at=now, user_name=user_name[:64], action=action[:40], target=target[:120],
                           result=result[:200] or "ok"))


def recent_audit(session: Session, limit: int = 200) -> list[AuditEntry]:
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())
