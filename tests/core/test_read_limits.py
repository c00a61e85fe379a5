"""read_structured: regular files only, a size cap, and limits on nesting and numbers."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.files import fileio
from debate_explorer.core.files.fileio import read_structured
from debate_explorer.core.files.structured import MAX_DEPTH


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_structured(path)
    assert str(path) in info.value.message and "\n" not in info.value.message
    return info.value


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "scenario.toml"
    os.mkfifo(fifo)
    assert "not a regular file" in _error(fifo).reason


@pytest.mark.timeout(20)
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_an_endless_device_is_refused(tmp_path):
    link = tmp_path / "scenario.toml"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in _error(link).reason


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate(4 * 2**30)  # sparse: 4 GB on paper, nothing on disk
    assert "at most" in _error(big).reason


def test_a_file_growing_past_the_cap_while_read_is_cut_off(tmp_path, monkeypatch):
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 100)
    path = tmp_path / "s.toml"
    path.write_text("a = 1\n" * 100)
    real_fstat = os.fstat

    def small(fd):  # the size seen when the file was opened; it has grown since
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10, 0, 0, 0))

    monkeypatch.setattr(os, "fstat", small)
    assert "at most" in _error(path).reason


def test_a_folder_is_refused(tmp_path):
    assert "folder" in _error(tmp_path).reason


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_nesting_thousands_deep_names_the_line(tmp_path, suffix):
    path = tmp_path / f"deep{suffix}"
    if suffix == ".json":
        path.write_text('{"format_version": 1,\n"assumptions": ' + "[" * 5000 + "]" * 5000 + "}")
    else:
        path.write_text("format_version = 1\n[assumptions]\ng_compute = " + "[" * 5000 + "]" * 5000 + "\n")
    err = _error(path)
    assert "nested too deeply" in err.reason and "line" in err.reason
    assert err.field in ("assumptions", "assumptions.g_compute")


def test_nesting_just_past_the_limit_names_the_field(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"priors": {"x": ' + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "}}")
    err = _error(path)
    assert "levels deep" in err.reason and err.field.startswith("priors.x[0]")


def test_deep_dotted_keys_are_caught_after_parsing(tmp_path):
    path = tmp_path / "dotted.toml"
    path.write_text("a." + ".".join(f"k{i}" for i in range(3000)) + " = 1\n")
    assert "levels deep" in _error(path).reason


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_an_integer_of_thousands_of_digits_names_its_field(tmp_path, suffix):
    path = tmp_path / f"long{suffix}"
    digits = "7" * 5001
    if suffix == ".json":
        path.write_text('{"format_version": 1, "run": {"seed": ' + digits + "}}")
    else:
        path.write_text(f"format_version = 1\n[run]\nseed = {digits}\n")
    err = _error(path)
    assert "digits" in err.reason and err.field == "run.seed"


def test_an_integer_beyond_64_bits_names_its_field(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text("[run]\nseed = 100000000000000000000000000000\n")
    err = _error(path)
    assert err.field == "run.seed" and "too large" in err.reason


def test_duplicate_json_keys_are_refused(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"title": "a", "title": "b"}')
    assert "appears twice" in _error(path).reason


def test_reading_never_blocks_on_a_fifo_even_when_a_writer_comes(tmp_path):
    # The check happens on open, so a writer appearing later changes nothing.
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    t = threading.Thread(target=lambda: result.append(pytest.raises(InputError, read_structured, fifo).value))
    t.start()
    t.join(10)
    assert not t.is_alive() and result


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_sweep_results_that_are_a_fifo_are_refused_without_blocking(tmp_path):
    from debate_explorer.core.analysis.sweep.store import load_sweep_results

    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_sweep_results(fifo)


def test_a_key_with_a_newline_keeps_the_message_on_one_line(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('format_version = 1\n[run]\n"a\\nb" = 1\n')
    from debate_explorer.core.model.scenario import load_scenario

    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert "\n" not in info.value.message and '"a\\nb"' in info.value.message
