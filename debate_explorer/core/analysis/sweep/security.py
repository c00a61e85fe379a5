"""Who may talk to a sweep's Dask cluster: TLS for anything beyond this machine.

A Dask scheduler runs the (pickled) work it is sent, so anyone who can reach a
plain-TCP scheduler can run code on every worker. Sweeps beyond one machine
therefore use TLS with mutual authentication: the client, the scheduler and the
workers each present a certificate signed by a CA they all trust, and refuse
peers that do not. The certificates come from the ``sweep`` options
(``--tls-ca-file``, ``--tls-cert``, ``--tls-key``) or from a Dask configuration
file (``distributed.comm.tls.*``, see the README). The local cluster listens
on 127.0.0.1 only and needs none of this.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import read_text

if TYPE_CHECKING:
    from distributed.security import Security

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass(frozen=True)
class TlsFiles:
    """PEM files: the CA that signed every party's certificate, and this client's certificate and key."""

    ca_file: Path
    cert: Path
    key: Path | None = None  # None: the key is in the certificate file

    def check(self) -> None:
        for label, path in (("--tls-ca-file", self.ca_file), ("--tls-cert", self.cert), ("--tls-key", self.key)):
            if path is not None:
                text = read_text(path)  # one line naming the file if missing, a FIFO, binary, ...
                if "-----BEGIN" not in text:
                    raise InputError(f"is not a PEM file (given to {label})", file=path)


def scheme_and_host(address: str) -> tuple[str, str]:
    """('tcp', '10.0.0.5') for 'tcp://10.0.0.5:8786'; Dask reads an address without a scheme as tcp."""
    if "://" not in address:
        address = "tcp://" + address
    parts = urlsplit(address)
    return parts.scheme.lower(), (parts.hostname or "").lower()


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve anywhere


def plain_tcp_warning(address: str) -> str | None:
    """A warning for a plain-TCP scheduler that other machines can reach, else None."""
    scheme, host = scheme_and_host(address)
    if scheme != "tcp" or is_loopback(host):
        return None
    return (
        f"{address} is plain TCP: anyone who can reach it can run code on every worker. "
        "Use a tls:// scheduler with --tls-ca-file/--tls-cert/--tls-key or a Dask config file "
        "(see the README, 'On several machines')."
    )


def client_security(address: str, tls: TlsFiles | None) -> Security | None:
    """The ``distributed.Security`` for a client of ``address`` (None: Dask's configured default)."""
    from distributed.security import Security

    scheme, _ = scheme_and_host(address)
    if tls is not None:
        if scheme != "tls":
            raise InputError(f"certificates were given but the scheduler address {address} is not tls://")
        tls.check()
        return Security(
            tls_ca_file=str(tls.ca_file),
            tls_client_cert=str(tls.cert),
            tls_client_key=str(tls.key) if tls.key else None,
            require_encryption=True,
        )
    if scheme == "tls":
        configured = Security()  # from Dask's configuration (e.g. --dask-config)
        # distributed sets these __slots__ fields by setattr and never declares their types.
        ca_file, client_cert = configured.tls_ca_file, configured.tls_client_cert  # type: ignore[attr-defined]
        if not ca_file or not client_cert:
            raise InputError(
                f"the scheduler {address} uses TLS: give --tls-ca-file and --tls-cert (and --tls-key), "
                "or a Dask config file with distributed.comm.tls.ca-file and .client.cert"
            )
        return configured
    return None


@contextmanager
def dask_config(path: Path | None) -> Iterator[None]:
    """Apply a Dask YAML configuration file for the duration of the block."""
    if path is None:
        yield
        return
    config = _read_dask_config(path)
    import dask

    with dask.config.set(config):
        yield


def _read_dask_config(path: Path) -> dict[str, Any]:
    import yaml

    text = read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"is not valid YAML: {str(exc).splitlines()[0]}", file=path) from None
    if not isinstance(data, dict):
        raise InputError("a Dask config file holds a mapping (e.g. distributed: comm: tls: ...)", file=path)
    return _flatten(data)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys, so that setting them changes only those values, not whole sections."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out
