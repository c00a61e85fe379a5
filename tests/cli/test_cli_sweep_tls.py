"""Sweeps beyond one machine use TLS: a sweep on a TLS Dask cluster made with Dask's temporary
certificates, refusal without certificates, a warning for plain non-loopback TCP, and a local
cluster that listens on 127.0.0.1 only."""

from __future__ import annotations

import logging
import warnings

import pandas as pd
import pytest
import tomli_w

from debate_explorer.cli import main
from debate_explorer.core.analysis.sweep.security import plain_tcp_warning

SPEC = {
    "format_version": 1,
    "title": "tls grid",
    "samples": 200,
    "seed": 3,
    "metrics": ["agi_median"],
    "design": {"type": "grid", "parameters": [{"assumption": "g_compute", "values": [0.4, 0.8]}]},
}


def _spec(tmp_path):
    path = tmp_path / "spec.toml"
    path.write_text(tomli_w.dumps(SPEC))
    return path


@pytest.fixture
def tls_cluster(tmp_path):
    """A Dask cluster on tls://127.0.0.1 that accepts only peers with certificates from its CA."""
    pytest.importorskip("cryptography")  # Security.temporary() makes the certificates with it
    from distributed import LocalCluster
    from distributed.security import Security

    security = Security.temporary()
    files = {}
    for name, attr in (("ca", "tls_ca_file"), ("cert", "tls_client_cert"), ("key", "tls_client_key")):
        files[name] = tmp_path / f"{name}.pem"
        files[name].write_text(getattr(security, attr))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        cluster = LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=False,
            protocol="tls://",
            host="127.0.0.1",
            security=security,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster:
        yield cluster.scheduler_address, files


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_sweep_runs_on_a_tls_cluster(tmp_path, tls_cluster, capsys):
    address, files = tls_cluster
    assert address.startswith("tls://127.0.0.1")
    out = tmp_path / "r.csv"
    rc = main(
        [
            "sweep",
            str(_spec(tmp_path)),
            "--out",
            str(out),
            "--scheduler",
            address,
            "--tls-ca-file",
            str(files["ca"]),
            "--tls-cert",
            str(files["cert"]),
            "--tls-key",
            str(files["key"]),
        ]
    )
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "warning" not in captured.err
    frame = pd.read_csv(out)
    assert list(frame["status"]) == ["ok", "ok"] and frame["agi_median"].notna().all()


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_the_certificates_can_come_from_a_dask_config_file(tmp_path, tls_cluster, capsys):
    address, files = tls_cluster
    config = tmp_path / "dask.yaml"
    config.write_text(f"""distributed:
  comm:
    require-encryption: true
    tls:
      ca-file: {files["ca"]}
      client:
        cert: {files["cert"]}
        key: {files["key"]}
""")
    rc = main(
        [
            "sweep",
            str(_spec(tmp_path)),
            "--out",
            str(tmp_path / "r.csv"),
            "--scheduler",
            address,
            "--dask-config",
            str(config),
        ]
    )
    assert rc == 0, capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_tls_scheduler_without_certificates_is_one_line_exit_2(tmp_path, tls_cluster, capsys):
    address, _ = tls_cluster
    rc = main(["sweep", str(_spec(tmp_path)), "--out", str(tmp_path / "r.csv"), "--scheduler", address])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "--tls-ca-file" in err[0]


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_wrong_certificate_is_refused(tmp_path, tls_cluster, capsys):
    from distributed.security import Security

    address, files = tls_cluster
    stranger = Security.temporary()  # a certificate from another CA
    for name, attr in (("ca", "tls_ca_file"), ("cert", "tls_client_cert"), ("key", "tls_client_key")):
        (tmp_path / f"x-{name}.pem").write_text(getattr(stranger, attr))
    rc = main(
        [
            "sweep",
            str(_spec(tmp_path)),
            "--out",
            str(tmp_path / "r.csv"),
            "--scheduler",
            address,
            "--tls-ca-file",
            str(tmp_path / "x-ca.pem"),
            "--tls-cert",
            str(tmp_path / "x-cert.pem"),
            "--tls-key",
            str(tmp_path / "x-key.pem"),
        ]
    )
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert rc == 2 and len(errors) == 1 and "cannot reach the Dask scheduler" in errors[0]


@pytest.mark.parametrize(
    "address, warned",
    [
        ("tcp://10.0.0.5:8786", True),
        ("10.0.0.5:8786", True),
        ("tcp://scheduler.example.org:8786", True),
        ("tcp://[2001:db8::1]:8786", True),
        ("tcp://127.0.0.1:8786", False),
        ("tcp://localhost:8786", False),
        ("tcp://[::1]:8786", False),
        ("tls://10.0.0.5:8786", False),
    ],
)
def test_plain_tcp_beyond_loopback_is_warned_about(address, warned):
    assert (plain_tcp_warning(address) is not None) == warned


def test_the_cli_prints_the_warning(tmp_path, capsys, monkeypatch):
    from debate_explorer.core.analysis.sweep import execute
    from debate_explorer.core.errors import InputError

    def stop(*args, **kwargs):
        raise InputError("stopped before connecting")

    monkeypatch.setattr(execute, "run_sweep", stop)
    rc = main(["sweep", str(_spec(tmp_path)), "--out", str(tmp_path / "r.csv"), "--scheduler", "tcp://10.0.0.5:8786"])
    err = capsys.readouterr().err
    assert rc == 2 and "warning: tcp://10.0.0.5:8786 is plain TCP" in err


@pytest.mark.parametrize(
    "args, words",
    [
        (["--tls-ca-file", "ca.pem", "--tls-cert", "c.pem"], "remote --scheduler"),
        (["--scheduler", "tls://127.0.0.1:1", "--tls-ca-file", "ca.pem"], "both --tls-ca-file and --tls-cert"),
        (["--scheduler", "tcp://127.0.0.1:1", "--tls-ca-file", "ca.pem", "--tls-cert", "ca.pem"], "is not tls://"),
    ],
)
def test_tls_option_mistakes_are_one_line(tmp_path, capsys, args, words):
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    rc = main(
        [
            "sweep",
            str(_spec(tmp_path)),
            "--out",
            str(tmp_path / "r.csv"),
            *[str(tmp_path / a) if a.endswith(".pem") else a for a in args],
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and words in err[0], err


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_the_local_cluster_listens_on_loopback_only():
    from debate_explorer.core.analysis.sweep.execute import dask_client

    with dask_client(None, 1) as (client, _):
        info = client.scheduler_info()
        addresses = [info["address"], *info["workers"]]
        assert addresses and all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses
