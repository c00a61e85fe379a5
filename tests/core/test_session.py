"""One undo history for the scenario and the map overlay; map edits reach the scenario's graph."""

from __future__ import annotations

import pytest

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.editing.session import MapSession
from debate_explorer.core.graph import load_graph, overlay_edit
from debate_explorer.core.graph.sources_store import new_source
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path

TEXT = "An interview.\nQ: Will the grid hold?\nA: Transformers take four years to deliver, so no.\n"
QUOTE = "Transformers take four years to deliver"


@pytest.fixture
def session() -> MapSession:
    doc = ScenarioDocument(load_scenario(baseline_scenario_path()), None, graph=load_graph())
    return MapSession(doc)


def add_claim(s: MapSession) -> None:
    s.edit(
        "Add source",
        overlay_edit.add_source,
        new_source("grid_talk", title="Grid talk", text=TEXT, speakers=("A. Engineer",)),
    )
    s.edit(
        "New claim",
        overlay_edit.add_claim_from_quote,
        node_id="user_transformers",
        source_id="grid_talk",
        quote=QUOTE,
        speaker="A. Engineer",
        title_en="Transformers are the grid's bottleneck",
        summary="Lead times for transformers hold back new capacity.",
        theme="energy",
    )


def test_a_map_edit_reaches_the_scenario_graph_and_bumps_its_revision(session: MapSession) -> None:
    rev = session.document.revision
    add_claim(session)
    assert "user_transformers" in session.document.graph.nodes
    assert session.document.revision > rev


def test_one_undo_history_in_the_order_edits_were_made(session: MapSession) -> None:
    add_claim(session)
    session.document.set_credence("user_transformers", 0.9)
    assert session.undo_label and "credence" in session.undo_label.lower()
    session.undo()  # the credence
    assert "user_transformers" not in session.document.scenario.graph.credences
    assert session.undo_label == "New claim"
    session.undo()  # the claim
    assert "user_transformers" not in session.document.graph.nodes
    session.redo()  # the claim comes back first
    assert "user_transformers" in session.document.graph.nodes
    assert "user_transformers" not in session.document.scenario.graph.credences
    session.redo()
    assert session.document.scenario.graph.credences["user_transformers"] == 0.9


def test_undoing_a_claim_drops_its_credence(session: MapSession) -> None:
    add_claim(session)
    session.document.set_credence("user_transformers", 0.8)
    session.overlay.undo()  # the map alone, as a file reload would
    assert "user_transformers" not in session.document.scenario.graph.credences


def test_a_bad_edit_changes_nothing(session: MapSession) -> None:
    add_claim(session)
    before = session.document.graph
    with pytest.raises(Exception, match="verbatim"):
        session.edit(
            "New claim",
            overlay_edit.add_claim_from_quote,
            node_id="user_other",
            source_id="grid_talk",
            quote="words nobody said",
            speaker="A. Engineer",
            title_en="x",
            summary="y",
            theme="energy",
        )
    assert session.document.graph is before and session.undo_label == "New claim"


def test_a_crashed_instances_overlay_comes_back_with_its_scenario(tmp_path) -> None:
    from types import SimpleNamespace

    from debate_explorer.core.graph.overlay_commands import OverlayDocument

    slot = SimpleNamespace(slot=tmp_path / "slot-1")
    doc = ScenarioDocument(load_scenario(baseline_scenario_path()), None, graph=load_graph())
    crashed = MapSession(doc, OverlayDocument(autosaver=slot))
    add_claim(crashed)  # each edit is mirrored to the slot
    assert (tmp_path / "slot-1" / "overlay" / "overlay.toml").is_file()

    fresh = MapSession(ScenarioDocument(load_scenario(baseline_scenario_path()), None, graph=load_graph()))
    merged = fresh.restore_overlay(tmp_path / "slot-1")
    assert merged is not None and "user_transformers" in fresh.document.graph.nodes
    assert not fresh.overlay.is_clean and fresh.overlay.path is None  # unsaved work, to be saved somewhere
    assert fresh.restore_overlay(tmp_path / "nothing-here") is None
