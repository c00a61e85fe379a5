"""The document and its undo stack: edits, gestures, undo/redo, saved state, files."""

from __future__ import annotations

import pytest

from debate_explorer.core.editing.document import Change, ScenarioDocument
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.distributions import parse_dist
from debate_explorer.core.model.scenario import load_scenario, scenario_from_dict


@pytest.fixture
def doc(shipped_graph):
    return ScenarioDocument(scenario_from_dict({"format_version": 1}), graph=shipped_graph)


def events(doc):
    seen = []
    doc.changed.connect(seen.append)
    return seen


def test_credence_edit_is_undoable_and_flags_what_changed(doc):
    seen = events(doc)
    doc.set_credence("hive_mind", 0.9)
    assert doc.scenario.credence("hive_mind") == 0.9
    assert seen[-1] & Change.CREDENCES and seen[-1].needs_run
    assert doc.is_modified
    doc.undo()
    assert doc.scenario.credence("hive_mind") == 0.5
    assert not doc.is_modified
    doc.redo()
    assert doc.scenario.credence("hive_mind") == 0.9


def test_a_drag_is_one_undo_step(doc):
    for v in (0.55, 0.6, 0.7, 0.8):
        doc.set_credence("hive_mind", v, gesture=True)
    doc.end_gesture()
    doc.set_credence("hive_mind", 0.2, gesture=True)  # a second drag
    doc.end_gesture()
    doc.undo()
    assert doc.scenario.credence("hive_mind") == 0.8
    doc.undo()
    assert doc.scenario.credence("hive_mind") == 0.5
    assert doc.undo_stack.undo_label is None


def test_override_and_run_settings_are_undoable(doc):
    doc.set_override("g_compute", parse_dist("0.3 to 0.5 @80%"))
    doc.set_run(samples=10_000, seed=9)
    assert doc.scenario.assumptions["g_compute"].describe().startswith("lognormal")
    assert doc.undo_stack.undo_label == "Change samples, seed"
    doc.undo()
    assert doc.scenario.run.samples == 100_000
    doc.undo()
    assert "g_compute" not in doc.scenario.assumptions
    doc.redo()
    doc.set_override("g_compute", None)
    assert "g_compute" not in doc.scenario.assumptions


def test_revision_increases_on_every_change(doc):
    r0 = doc.revision
    doc.set_credence("hive_mind", 0.7)
    doc.undo()
    assert doc.revision == r0 + 2


def test_unknown_node_is_refused(doc):
    with pytest.raises(InputError, match="no node"):
        doc.set_credence("no_such_node", 0.3)


def test_a_scenario_naming_an_unknown_node_is_refused_when_the_document_is_made(shipped_graph, tmp_path):
    scenario = scenario_from_dict({"format_version": 1, "graph": {"credences": {"ghost_node": 0.4}}})
    with pytest.raises(InputError) as info:
        ScenarioDocument(scenario, tmp_path / "mine.toml", graph=shipped_graph)
    assert info.value.file == str(tmp_path / "mine.toml")
    assert info.value.field == "graph.credences.ghost_node"
    assert "no node 'ghost_node' in the argument graph" in info.value.message


def test_save_marks_clean_and_open_replaces(doc, tmp_path):
    doc.set_credence("hive_mind", 0.8)
    path = tmp_path / "mine.toml"
    doc.save(path)
    assert not doc.is_modified and doc.display_name == "mine.toml"
    assert load_scenario(path) == doc.scenario
    doc.set_credence("hive_mind", 0.1)
    doc.undo()
    assert not doc.is_modified  # back at the saved state
    doc.undo()
    assert doc.is_modified  # before the saved state
    other = ScenarioDocument(graph=doc.graph)
    other.open(path)
    assert other.scenario.credence("hive_mind") == 0.8


def test_opening_a_broken_file_keeps_the_current_scenario(doc, tmp_path):
    doc.set_credence("hive_mind", 0.8)
    before = doc.scenario
    bad = tmp_path / "bad.toml"
    bad.write_text("format_version = 1\n[graph.credences]\nnot_a_node = 0.5\n")
    with pytest.raises(InputError, match="not_a_node"):
        doc.open(bad)
    assert doc.scenario is before and doc.path is None


def test_undo_after_new_edit_drops_the_redo_branch(doc):
    doc.set_credence("hive_mind", 0.8)
    doc.undo()
    doc.set_credence("amplification", 0.3)
    assert doc.undo_stack.redo_label is None
    doc.redo()
    assert doc.scenario.credence("hive_mind") == 0.5


def test_undo_labels_name_assumptions_as_users_read_them(doc):
    label = doc.scenario.kind.assumption("g_compute").label
    doc.set_override("g_compute", parse_dist("0.3 to 0.5 @80%"))
    assert doc.undo_stack.undo_label == f"Override {label}"
    doc.set_override("g_compute", None)
    assert doc.undo_stack.undo_label == f"Reset {label}"
    assert "g_compute" not in doc.undo_stack.undo_label
