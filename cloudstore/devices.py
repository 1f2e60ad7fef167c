"""Device registration and revocation (operator actions)."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from cloudstore.models import Device, utcnow


def add_device(session: Session, name: str) -> dict[str, str]:
    """Register a kiosk; the secret is shown once here and never again."""
    device = Device(id=f"k-{secrets.token_hex(6)}", name=name, secret=secrets.token_hex(32))
    session.add(device)
    session.flush()
    return {"device_id": device.id, "name": device.name, "secret": device.secret}


def revoke_device(session: Session, device_id: str) -> bool:
    device = session.get(Device, device_id)
    if device is None:
        return False
    if device.revoked_at is None:
        device.revoked_at = utcnow()
    return True
