"""Autosave: one slot per running instance, recovery only of work whose owner is gone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.model.scenario import scenario_from_dict


def _scenario(title: str):
    return scenario_from_dict({"format_version": 1, "title": title, "graph": {"credences": {"hive_mind": 0.9}}})


def test_work_of_a_crashed_instance_is_offered_back_and_can_be_discarded(tmp_path):
    crashed = Autosaver(tmp_path)
    crashed.save(_scenario("unsaved"), Path("/somewhere/mine.toml"))
    crashed.detach()  # what a crash does: the lock goes, the files stay
    me = Autosaver(tmp_path)
    found = me.pending()
    assert [f.scenario.title for f in found] == ["unsaved"]
    assert found[0].original_path == Path("/somewhere/mine.toml")
    assert Autosaver(tmp_path).pending() == []  # claimed: two instances never offer the same work
    me.release_claims()
    later = Autosaver(tmp_path)
    again = later.pending()
    assert [f.scenario.title for f in again] == ["unsaved"]
    later.discard(again[0])
    assert Autosaver(tmp_path).pending() == [] and not crashed.slot.exists()


def test_a_live_instance_keeps_its_slot(tmp_path):
    first, second = Autosaver(tmp_path), Autosaver(tmp_path)
    first.save(_scenario("first's live work"), None)
    assert second.pending() == []  # the owner is running: nothing to recover
    second.save(_scenario("second's work"), None)
    second.clear()  # a clean exit of the second ...
    assert first.scenario_file.exists()  # ... leaves the first one's autosave alone
    first.detach()
    assert [f.scenario.title for f in Autosaver(tmp_path).pending()] == ["first's live work"]


def test_discard_and_adopt_remove_the_orphan_release_keeps_it(tmp_path):
    for title in ("a", "b"):
        crashed = Autosaver(tmp_path)
        crashed.save(_scenario(title), None)
        crashed.detach()
    me = Autosaver(tmp_path)
    found = me.pending()
    assert len(found) == 2
    me.discard(found[0])
    me.release_claims()
    left = Autosaver(tmp_path).pending()
    assert [f.scenario.title for f in left] == [found[1].scenario.title]


def test_a_damaged_orphan_is_removed(tmp_path):
    crashed = Autosaver(tmp_path)
    crashed.save(_scenario("x"), None)
    crashed.scenario_file.write_text("format_version = [")
    crashed.detach()
    assert Autosaver(tmp_path).pending() == []
    assert not crashed.slot.exists()


def test_the_lock_file_holds_the_owner_pid(tmp_path):
    saver = Autosaver(tmp_path)
    saver.save(_scenario("x"), None)
    assert (saver.slot / "lock").read_text().strip() == str(os.getpid())
    saver.clear()
    assert not saver.slot.exists()


def test_a_full_disk_is_an_input_error(tmp_path, monkeypatch):
    import debate_explorer.core.files.atomic as atomic

    def full(fd):
        raise OSError(28, "No space left on device")

    saver = Autosaver(tmp_path)
    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(InputError, match="No space left"):
        saver.save(_scenario("x"), None)


def test_work_left_by_the_previous_version_is_offered(tmp_path):
    (tmp_path / "autosave.toml").write_text('format_version = 1\ntitle = "old slot"\n')
    found = Autosaver(tmp_path).pending()
    assert [f.scenario.title for f in found] == ["old slot"]


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_another_process_is_left_alone_until_it_dies(tmp_path):
    child = textwrap.dedent(f"""
        import sys
        from debate_explorer.core.files.autosave import Autosaver
        from debate_explorer.core.model.scenario import scenario_from_dict
        s = Autosaver({str(tmp_path)!r})
        s.save(scenario_from_dict({{"format_version": 1, "title": "other process"}}), None)
        print("saved", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", child], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "saved"
        assert Autosaver(tmp_path).pending() == []  # alive: not offered, not deleted
        proc.kill()  # a crash
        proc.wait(30)
        assert [f.scenario.title for f in Autosaver(tmp_path).pending()] == ["other process"]
    finally:
        if proc.poll() is None:
            proc.kill()
