"""Test certificates made on the fly (a private CA and server certificates it signs), and the reference
store serving HTTPS with one.

EC P-256 keys: quick to make, so every test gets its own.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cloudstore.devices import add_device
from tests.unit.cloudstore.harness import LiveStore, running_store

LOCAL_NAMES = ("127.0.0.1", "localhost")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


@dataclass(frozen=True)
class Ca:
    name: str
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    cert_file: Path  # what a kiosk's store.ca_file points at

    def issue(self, folder: Path, stem: str, names: tuple[str, ...] = LOCAL_NAMES, *,
              not_before: dt.datetime | None = None, not_after: dt.datetime | None = None) -> tuple[str, str]:
        """A server certificate for `names` (IP addresses or DNS names) signed by this CA; returns the
        (certificate file, key file) a server serves."""
        key = ec.generate_private_key(ec.SECP256R1())
        start = not_before or _now() - dt.timedelta(minutes=5)
        end = not_after or _now() + dt.timedelta(days=30)
        alt: list[x509.GeneralName] = []
        for name in names:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                alt.append(x509.DNSName(name))
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
                .issuer_name(self.cert.subject)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(end)
                .add_extension(x509.SubjectAlternativeName(alt), critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False)
                .sign(self.key, hashes.SHA256()))
        cert_file, key_file = folder / f"{stem}.pem", folder / f"{stem}.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        _write_key(key, key_file)
        return str(cert_file), str(key_file)


def make_ca(folder: Path, name: str = "Test Store CA") -> Ca:
    """A self-signed CA whose certificate is written to `folder/<name>.pem`."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(_now() - dt.timedelta(days=1)).not_valid_after(_now() + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_file = folder / (name.replace(" ", "-").lower() + ".pem")
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Ca(name, key, cert, cert_file)


@contextmanager
def https_store(tmp_path: Path, cert: tuple[str, str], ca: Ca) -> Iterator[LiveStore]:
    """The reference store serving HTTPS with `cert`; the harness's own clients trust `ca`."""
    trust = ssl.create_default_context(cafile=str(ca.cert_file))
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", tls=cert, verify=trust,
                       sandbox_controls=True) as live:
        yield live


def register(store: LiveStore) -> tuple[str, str]:
    """A device added in the store's database: the store's HTTP side may refuse every TLS client here."""
    with store.db.write() as session:
        created = add_device(session, "K01")
    return created["device_id"], created["secret"]
