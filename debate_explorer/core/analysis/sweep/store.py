"""Where a sweep's results go: an append-only journal, then the final files.

Every finished point is appended to ``<stem>.journal.jsonl`` beside the output
as one JSON line and flushed at once, so killing the sweep loses at most the
points in flight. The first line names the sweep (a digest of everything that
determines the numbers); rerunning the same sweep reads the journal back and
skips the points already done — failed points are run again, in case the
failure was transient. At the end the results table (parquet or CSV, by
extension) and the summary ``<stem>.sweep.json`` (design, metrics, failures,
Sobol' indices) are written atomically; the journal is kept for the record.

The journal may hold ``Infinity``/``NaN`` (Python's JSON extension: a median
not reached by the horizon is +inf); the summary is strict JSON (``null``).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from debate_explorer.core.analysis.sweep.point import PointRecord
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import atomic_write_text, atomic_writer, check_regular_file

JOURNAL_FORMAT = "debate-explorer sweep journal"
RESULT_SUFFIXES = (".parquet", ".csv")
FIXED_COLUMNS = ("index", "status", "seed", "seconds", "error")


def journal_path(out: Path) -> Path:
    return out.with_name(out.stem + ".journal.jsonl")


def summary_path(out: Path) -> Path:
    return out.with_name(out.stem + ".sweep.json")


def check_output(out: Path) -> None:
    """The output must be a parquet or CSV file in a folder that exists."""
    if out.suffix.lower() not in RESULT_SUFFIXES:
        raise InputError(f"the results file must end in {' or '.join(RESULT_SUFFIXES)}", file=out)
    if not out.parent.is_dir():
        raise InputError("the folder does not exist", file=out)


class Journal:
    """The append-only record of finished points for one sweep."""

    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def open(cls, path: Path, digest: str, *, restart: bool = False) -> tuple[Journal, dict[int, PointRecord]]:
        """Open (or start) the journal; return it with the points already finished."""
        done: dict[int, PointRecord] = {}
        if path.exists() and not restart:
            done = _read_journal(path, digest)
            _drop_partial_line(path)
            handle = path.open("a", encoding="utf-8", newline="\n")
        else:
            handle = path.open("w", encoding="utf-8", newline="\n")
            handle.write(json.dumps({"journal": JOURNAL_FORMAT, "version": 1, "digest": digest}) + "\n")
            handle.flush()
        return cls(path, handle), done

    def append(self, record: PointRecord) -> None:
        self._handle.write(json.dumps(asdict(record)) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


def _read_journal(path: Path, digest: str) -> dict[int, PointRecord]:
    # Not read_text: a long sweep's journal may outgrow the limit meant for hand-written files.
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    header = _parse_line(lines[0]) if lines else None
    if not isinstance(header, dict) or header.get("journal") != JOURNAL_FORMAT:
        raise InputError("is not a sweep journal; delete it or choose another output name", file=path)
    if header.get("digest") != digest:
        raise InputError(
            "belongs to a different sweep (spec, scenario or graph changed); rerun with "
            "--restart to start over, or choose another output name",
            file=path,
        )
    done: dict[int, PointRecord] = {}
    for line in lines[1:]:
        data = _parse_line(line)
        try:  # a torn last line (killed mid-write) is skipped
            record = PointRecord(**data)
        except TypeError:
            continue
        if record.status == "ok":
            done[record.index] = record
        else:
            done.pop(record.index, None)
    return done


def _parse_line(line: str) -> Any:
    try:
        return json.loads(line)
    except ValueError:
        return None


def _drop_partial_line(path: Path) -> None:
    """Cut a torn last line so that the next record starts on a line of its own."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)


def records_frame(records: list[PointRecord], parameters: tuple[str, ...], metrics: tuple[str, ...]) -> pd.DataFrame:
    """One row per point in index order: index, status, parameters, metrics, seed, seconds, error."""
    rows = []
    for r in sorted(records, key=lambda r: r.index):
        row: dict[str, Any] = {"index": r.index, "status": r.status}
        row.update({p: r.params.get(p) for p in parameters})
        row.update({m: r.metrics.get(m, math.nan) for m in metrics})
        row.update(seed=r.seed, seconds=r.seconds, error=r.error)
        rows.append(row)
    columns = ["index", "status", *parameters, *metrics, "seed", "seconds", "error"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"index": "int64", "seed": "int64", **{m: "float64" for m in metrics}})


def write_results(frame: pd.DataFrame, out: Path) -> None:
    """The results table, atomically (an interrupted write leaves the old file)."""
    if out.suffix.lower() == ".parquet":
        with atomic_writer(out, "wb") as handle:
            frame.to_parquet(handle, index=False)
    else:
        with atomic_writer(out) as handle:
            frame.to_csv(handle, index=False)


def write_summary(summary: dict[str, Any], out: Path) -> Path:
    path = summary_path(out)
    atomic_write_text(path, json.dumps(_strict(summary), indent=2, allow_nan=False) + "\n")
    return path


def _strict(value: Any) -> Any:
    """Non-finite floats become null, so the summary is standard JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v) for v in value]
    return value


SUMMARY_FORMAT = "debate-explorer sweep summary"


@dataclass(frozen=True)
class SweepData:
    """A finished sweep read back: the table, which columns are which, and the summary."""

    frame: pd.DataFrame
    parameters: tuple[str, ...]
    metrics: tuple[str, ...]
    summary: dict[str, Any]
    path: Path

    @property
    def sobol(self) -> dict[str, dict[str, Any]]:
        """Indices per metric (``{"skipped": why}`` for a metric that could not be analysed)."""
        return ((self.summary.get("sobol") or {}).get("indices")) or {}


def load_sweep_results(path: str | Path) -> SweepData:
    """Read a results table (or its ``.sweep.json`` summary) and the summary beside it."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        summary = _read_summary(path)
        results = path.with_name(str(summary.get("results", "")))
        if not summary.get("results") or not results.is_file():
            raise InputError(f"the results file it names ({summary.get('results')!r}) is not beside it", file=path)
        path = results
    else:
        side = summary_path(path)
        summary = _read_summary(side) if side.is_file() else {}
    frame = _read_table(path)
    return SweepData(frame, *_columns(frame, summary, path), summary, path)


def _read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() not in RESULT_SUFFIXES:
        raise InputError(f"sweep results end in {' or '.join(RESULT_SUFFIXES)} (or .sweep.json)", file=path)
    check_regular_file(path)  # a FIFO would block pandas forever, /dev/zero would fill memory
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, keep_default_na=False, na_values=["", "nan", "NaN"])
    except Exception as exc:  # noqa: BLE001 - pyarrow and pandas raise many kinds for a broken file
        kind = "parquet" if path.suffix.lower() == ".parquet" else "CSV"
        raise InputError(f"is not a readable {kind} table ({type(exc).__name__}: {exc})"[:300], file=path) from None
    missing = [c for c in ("index", "status") if c not in frame.columns]
    if missing:
        raise InputError(f"does not look like sweep results (no column {', '.join(map(repr, missing))})", file=path)
    return frame


def _read_summary(path: Path) -> dict[str, Any]:
    from debate_explorer.core.files.fileio import read_structured

    data = read_structured(path)
    if data.get("format") != SUMMARY_FORMAT:
        raise InputError("is not a sweep summary (no 'format' naming one)", file=path)
    return data


def _columns(frame: pd.DataFrame, summary: dict[str, Any], path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Parameter and metric columns: from the summary, or guessed from the table without one."""
    if not summary:
        numeric = [c for c in frame.columns if c not in FIXED_COLUMNS and pd.api.types.is_numeric_dtype(frame[c])]
        return tuple(c for c in frame.columns if c not in FIXED_COLUMNS), tuple(numeric)
    names = []
    for key in ("parameters", "metrics"):
        value = summary.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError("must be a list of column names", file=summary_path(path), field=key)
        absent = [v for v in value if v not in frame.columns]
        if absent:
            raise InputError(
                f"names columns the results table lacks: {', '.join(absent)}", file=summary_path(path), field=key
            )
        names.append(tuple(value))
    return names[0], names[1]
