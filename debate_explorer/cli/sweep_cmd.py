"""``debate-explorer sweep``: run a parameter sweep or Sobol' analysis on Dask."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate_explorer.cli.common import progress_callback
from debate_explorer.core.errors import InputError

MAX_WORKERS = 256
_SHOWN_FAILURES = 10


def register(subs) -> None:
    p = subs.add_parser(
        "sweep",
        help="run a parameter sweep or Sobol' sensitivity analysis (locally or on a Dask cluster)",
        description=(
            "Run the engine on every point of a sweep spec (grid, Sobol'/Saltelli or a list of scenarios) "
            "and record its metrics. Without --scheduler the points run on a local Dask cluster; with it, "
            "on that cluster. Each finished point is journalled beside the output "
            "(<stem>.journal.jsonl): rerun the same command to resume an interrupted sweep. At the end the "
            "results table, a summary <stem>.sweep.json and, for a Sobol' design, the first-order and "
            "total indices are written. Exit status: 0 all points ran, 1 some points failed (listed with "
            "their parameters; the others are kept), 2 bad input, 130 interrupted."
        ),
        epilog="Spec format: see scenarios/sweeps/example_sobol.toml and example_grid.toml.",
    )
    p.add_argument("spec", type=Path, help="sweep specification (.toml)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="results table: .parquet or .csv")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        metavar="tls://HOST:PORT",
        help="address of a running Dask scheduler (default: start a local cluster on 127.0.0.1); "
        "beyond this machine use tls:// with the certificate options below",
    )
    where.add_argument("--serial", action="store_true", help="run in this process, without Dask")
    p.add_argument(
        "--workers", type=int, metavar="N", help="worker processes of the local cluster (default: one per core)"
    )
    tls = p.add_argument_group("TLS for a remote scheduler (see README, 'On several machines')")
    tls.add_argument("--tls-ca-file", type=Path, metavar="PEM", help="the CA certificate every party trusts")
    tls.add_argument("--tls-cert", type=Path, metavar="PEM", help="this client's certificate (signed by the CA)")
    tls.add_argument("--tls-key", type=Path, metavar="PEM", help="this client's private key (if not in --tls-cert)")
    tls.add_argument(
        "--dask-config",
        type=Path,
        metavar="YAML",
        help="a Dask configuration file to apply (e.g. distributed.comm.tls.* settings)",
    )
    p.add_argument(
        "--restart", action="store_true", help="ignore the journal of an earlier run and compute every point again"
    )
    p.set_defaults(handler=handle)


def check_args(args: argparse.Namespace) -> None:
    tls_given = any(getattr(args, name, None) for name in ("tls_ca_file", "tls_cert", "tls_key"))
    if tls_given and not args.scheduler:
        raise InputError("the --tls-* options are for a remote --scheduler (the local cluster stays on 127.0.0.1)")
    if tls_given and not (args.tls_ca_file and args.tls_cert):
        raise InputError(
            "TLS needs both --tls-ca-file and --tls-cert (and --tls-key unless the key is in the certificate file)"
        )
    if args.workers is not None:
        if args.scheduler or args.serial:
            raise InputError(
                "--workers sets the size of the local cluster; it cannot be used with --scheduler or --serial"
            )
        if not 1 <= args.workers <= MAX_WORKERS:
            raise InputError(f"--workers must be between 1 and {MAX_WORKERS}, got {args.workers}")


def handle(args: argparse.Namespace) -> int:
    from debate_explorer.core.analysis.sweep import load_sweep_spec
    from debate_explorer.core.analysis.sweep.security import dask_config
    from debate_explorer.core.analysis.sweep.store import check_output

    check_args(args)
    spec = load_sweep_spec(args.spec)
    check_output(args.out)
    with dask_config(args.dask_config):
        security = _security(args)
        return _run(args, spec, security)


def _security(args: argparse.Namespace):
    """The TLS settings for --scheduler (None for the local cluster), warning about plain TCP."""
    from debate_explorer.core.analysis.sweep.security import TlsFiles, client_security, plain_tcp_warning

    if not args.scheduler:
        return None
    warning = plain_tcp_warning(args.scheduler)
    if warning:
        print(f"debate-explorer: warning: {warning}", file=sys.stderr)
    tls = TlsFiles(args.tls_ca_file, args.tls_cert, args.tls_key) if args.tls_ca_file else None
    return client_security(args.scheduler, tls)


def _run(args: argparse.Namespace, spec, security) -> int:
    from debate_explorer.core.analysis.sweep.execute import run_sweep
    from debate_explorer.core.analysis.sweep.store import journal_path

    print(
        f"{spec.title or args.spec.name}: {spec.n_points:,} points ({spec.design.type} design) × "
        f"{spec.samples:,} samples",
        file=sys.stderr,
    )
    progress, close = progress_callback("sweeping")
    try:
        outcome = run_sweep(
            spec,
            args.out,
            scheduler=args.scheduler,
            workers=args.workers,
            serial=args.serial,
            restart=args.restart,
            progress=progress,
            security=security,
        )
    except KeyboardInterrupt:
        close()  # the entry point prints this as its one line
        raise KeyboardInterrupt(
            f"finished points are kept in {journal_path(args.out)}; run the same command to resume"
        ) from None
    finally:
        close()
    print(report(outcome))
    return 1 if outcome.failed else 0


def report(outcome) -> str:
    """What the sweep did, where its files are, its failures and its Sobol' indices."""
    from debate_explorer.core.analysis.sweep.sobol import format_sobol_table

    o = outcome
    head = (
        f"{len(o.frame):,} points: {len(o.frame) - len(o.failed):,} ok, {len(o.failed):,} failed "
        f"({o.computed:,} computed, {o.resumed:,} resumed from the journal) in {o.seconds:.1f} s on {o.where}"
    )
    lines = [head, f"results: {o.out}", f"summary: {o.summary_file}"]
    if o.failed:
        lines.append("failed points:")
        for r in o.failed[:_SHOWN_FAILURES]:
            params = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in r.params.items())
            lines.append(f"  #{r.index} ({params}): {r.error}")
        if len(o.failed) > _SHOWN_FAILURES:
            lines.append(f"  … and {len(o.failed) - _SHOWN_FAILURES} more (see the summary)")
    if o.sobol is not None:
        lines += ["", format_sobol_table(o.spec.parameter_names, o.sobol)]
    return "\n".join(lines)
