"""A headless kiosk for the kill -9 matrix: the kiosk's own composition root, no Qt.

The checkout path is Qt-free, so this child runs what the kiosk runs from `kiosk.app.run` on, less
the window: the config loaded as `kiosk/__main__.py` loads it, the instance lock, the log files, and
`build_services` (database, migrations, printer, sync worker, boot reconciliation). Purchases go
through `Services.make_checkout`, as the payment screen's view-model does.

It reads commands on stdin, one a line:

    buy <seed>    one scripted purchase: a random cart (seeded), pickup or delivery, WeChat or Alipay
    quit          close the services and exit 0

and reports on stdout, one line per phase, flushed at once so that the matrix can aim its kills:

    PHASE ready <pid>                    the services are built: boot recovery has begun
    PHASE begin <seed>                   the order is about to be committed
    PHASE qr_up <order_uuid> <code_url>  the QR is on screen: a phone may pay it
    PHASE paid <order_uuid>              the kiosk holds the order as PAID; the receipt is printing
    PHASE printed <order_uuid> <outcome> the receipt job's outcome
    PHASE final <order_uuid> <phase>     the attempt is over (paid, declined, expired, unknown, …)

Run: python -m tests.faults.kill9_child --config <kiosk.toml>
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

# the composition root, imported from this one place only
from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.events import EventBus
from kiosk.instance_lock import InstanceLock
from kiosk.logs import setup_logging
from kiosk.services import data_paths

if TYPE_CHECKING:
    from kiosk.checkout import CheckoutRequest, CheckoutUpdate
    from kiosk.services import Services

FINAL_WAIT_S = 300.0  # an attempt that is not over by then is reported as stuck
_out = threading.Lock()


def phase(*fields: object) -> None:
    line = " ".join(["PHASE", *(str(f) for f in fields)])
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def scripted_request(services: Services, seed: int) -> CheckoutRequest:
    """A cart a shopper could have put together: 1 to 3 products in stock, 1 to 3 of each; a third
    of them delivered (contact details, the delivery fee), the rest picked up."""
    from sqlalchemy import select

    from kiosk.checkout import CheckoutRequest
    from kiosk.db.models import Fulfilment, Product
    from kiosk.orders import CartLine, Contact
    from kiosk.sync.protocol import delivery_fee_minor

    rng = random.Random(seed)
    with services.db.read() as session:
        products = list(session.scalars(select(Product).where(Product.active.is_(True), Product.stock >= 3,
                                                              Product.price_minor > 0).order_by(Product.id)))
        if not products:
            raise RuntimeError("no product in stock to buy")
        lines = [CartLine(sku=p.sku, name_zh=p.name_zh, name_en=p.name_en, unit_price_minor=p.price_minor,
                          quantity=rng.randint(1, 3), product_id=p.id, catalog_version=p.catalog_version)
                 for p in rng.sample(products, k=min(len(products), rng.randint(1, 3)))]
    subtotal = sum(line.unit_price_minor * line.quantity for line in lines)
    fulfilment = Fulfilment.DELIVERY if rng.random() < 1 / 3 else Fulfilment.PICKUP
    contact = Contact()
    if fulfilment is Fulfilment.DELIVERY:
        contact = Contact(name="测试顾客", phone=f"139{rng.randrange(10**8):08d}",
                          address=f"上海市浦东新区世纪大道{rng.randint(1, 999)}号")
    return CheckoutRequest(lines=lines, method=rng.choice(("wechat", "alipay")), fulfilment=fulfilment,
                           contact=contact, shipping_minor=delivery_fee_minor(fulfilment.value, subtotal),
                           language=rng.choice(("zh_CN", "en_US")),
                           catalog_version=max(line.catalog_version for line in lines))


def purchase(services: Services, seed: int, interval_s: float) -> None:
    from kiosk.checkout import Phase

    done = threading.Event()

    def on_update(update: CheckoutUpdate) -> None:
        uuid_ = update.order_uuid or "-"
        if update.phase is Phase.AWAITING_PAYMENT and not update.detail:
            phase("qr_up", uuid_, update.code_url)
        elif update.phase is Phase.PAID and update.receipt_pending:
            phase("paid", uuid_)
        elif update.phase is Phase.PAID and update.receipt is not None:
            phase("printed", uuid_, update.receipt.value)
        if update.final and not update.receipt_pending:
            phase("final", uuid_, update.phase.value)
            done.set()

    checkout = services.make_checkout(on_update, interval_s=interval_s)
    if checkout is None:
        raise RuntimeError("no store is known: paying is unavailable")
    request = scripted_request(services, seed)
    phase("begin", seed)
    checkout.begin(request)
    if not done.wait(FINAL_WAIT_S):
        phase("final", "-", "stuck")
    checkout.wait(FINAL_WAIT_S)


def main() -> int:
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # the matrix asks for stacks of a stuck kiosk
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, required=True, help="the kiosk.toml of this kiosk")
    parser.add_argument("--poll-interval", type=float, default=1.0,
                        help="seconds between payment status queries (the payment screen's default)")
    args = parser.parse_args()
    config = load_config(args.config)
    paths = data_paths(config)
    lock = InstanceLock(paths.lock_file).acquire()
    setup_logging(paths.logs, config.log.level, config.log.max_bytes, config.log.backups, console=False)
    services = build_services(config, paths, EventBus())
    phase("ready", os.getpid())
    try:
        for line in sys.stdin:
            command, *rest = line.split()
            if command == "buy":
                purchase(services, int(rest[0]), args.poll_interval)
            elif command == "quit":
                break
    finally:
        services.close()
        lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
