from __future__ import annotations

from pathlib import Path

from debate_explorer.core.autosave import Autosaver
from debate_explorer.core.model.scenario import scenario_from_dict


def test_unsaved_work_is_offered_back_and_cleared(tmp_path):
    saver = Autosaver(tmp_path)
    assert saver.pending() is None
    s = scenario_from_dict({"format_version": 1, "title": "unsaved", "graph": {"credences": {"hive_mind": 0.9}}})
    saver.save(s, Path("/somewhere/mine.toml"))
    found = Autosaver(tmp_path).pending()
    assert found.scenario == s
    assert found.original_path == Path("/somewhere/mine.toml")
    saver.clear()
    assert saver.pending() is None


def test_a_damaged_autosave_is_discarded(tmp_path):
    saver = Autosaver(tmp_path)
    saver.scenario_file.write_text("format_version = [")
    assert saver.pending() is None
    assert not saver.scenario_file.exists()
