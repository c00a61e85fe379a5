"""Map overlays (issue 20): sources, verbatim quotes, merge onto the bundled map, conflicts, edits, undo, save."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import overlay_edit as edit
from debate_explorer.core.graph.overlay import (
    bundled_base,
    check_graph_quotes,
    empty_overlay,
    load_overlay,
    merge_overlay,
    save_overlay,
)
from debate_explorer.core.graph.overlay_commands import OverlayDocument, recover_overlay
from debate_explorer.core.graph.quotes import is_verbatim, locate, normalise
from debate_explorer.core.graph.scenario_overlay import overlay_status, record_overlay
from debate_explorer.core.graph.sources_store import bundled_sources, new_source, search
from debate_explorer.core.model.scenario import load_scenario, save_scenario

TALK = "Q: And power?\nDoe: The grid is   the limit.\n電網建設的速度，決定了算力的上限。\n"


def _claim(ov, node_id="doe_grid", quote="The grid is the limit."):
    return edit.add_claim_from_quote(
        ov,
        node_id=node_id,
        source_id="doe_talk",
        quote=quote,
        speaker="Jane Doe",
        title_en="The grid is the limit",
        summary="Doe: power, not chips, sets the pace.",
        theme="energy",
    )


@pytest.fixture
def with_source():
    return edit.add_source(
        empty_overlay(), new_source("doe_talk", title="Doe on power", text=TALK, speakers=("Jane Doe",))
    )


# -- quotes -----------------------------------------------------------------------------


def test_normalisation_is_nfc_and_whitespace_only() -> None:
    assert normalise("a \n\t b\u3000c") == "a b c"
    assert is_verbatim("Cafe\u0301  noir", "un Café noir ici")  # NFD quote, NFC source
    assert not is_verbatim("the Grid is", "the grid is")  # no case folding
    assert not is_verbatim("決定了算力的上限", "决定了算力的上限")  # no traditional/simplified folding
    assert locate("grid is the", TALK) == (TALK.index("grid"), TALK.index("grid") + len("grid is   the"))


def test_search_returns_offsets_case_insensitive_across_line_breaks() -> None:
    hits = search(TALK, "and POWER")
    assert [TALK[a:b] for a, b in hits] == ["And power"]
    assert [TALK[a:b] for a, b in search(TALK, "power? doe:")] == ["power?\nDoe:"]
    assert search(TALK, "算力") == [(TALK.index("算力"), TALK.index("算力") + 2)]
    assert search(TALK, "   ") == []


def test_bundled_quotes_are_verbatim_in_the_seeds(shipped_graph, seeds_dir) -> None:
    check = check_graph_quotes(shipped_graph, {}, file="agi_debate.toml")
    assert check.complete and check.checked == sum(1 for n in shipped_graph.nodes.values() if n.quote)


def test_without_the_seeds_bundled_quotes_are_skipped_with_a_reason(shipped_graph, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DEBATE_EXPLORER_SEEDS", str(tmp_path / "absent"))
    check = check_graph_quotes(shipped_graph, {}, file="agi_debate.toml")
    assert check.checked == 0 and len(check.skipped) == 5
    assert "not in" in check.summary() and "DEBATE_EXPLORER_SEEDS" in check.summary()


def test_bundled_seeds_open_with_full_text_and_titles(seeds_dir) -> None:
    seeds = bundled_sources(seeds_dir)
    assert len(seeds) == 5 and all(s.text and s.bundled for s in seeds.values())
    assert "Thoughts on the eve of AGI" in seeds["002_a4b02a4ddda3132f.txt"].title


# -- merging ----------------------------------------------------------------------------


def test_an_overlay_adds_a_claim_and_an_edge(with_source) -> None:
    ov = _claim(with_source)
    ov = edit.add_edge(
        ov, source="doe_grid", target="grid_bottleneck", type="supports", reason="She says so.", scheme="expert_opinion"
    )
    merged = merge_overlay(ov)
    g = merged.graph
    _, base = bundled_base()
    assert len(g.nodes) == len(base.nodes) + 1 and "doe_grid" in g.supporters("grid_bottleneck")
    assert g.node("doe_grid").speaker == "Jane Doe" and g.node("doe_grid").source == "doe_talk"
    assert not merged.conflicts and not merged.base_changed


def test_a_claim_whose_quote_is_not_in_its_source_is_refused(with_source) -> None:
    with pytest.raises(InputError, match="not verbatim in source 'doe_talk'"):
        _claim(with_source, quote="The grid is no limit.")


def test_edits_retype_reweight_remove_and_links(with_source) -> None:
    _, base = bundled_base()
    first = next(e for e in base.edges if e.type == "attacks")
    key = (first.source, first.target, first.type)
    ov = edit.edit_edge(with_source, key, weight=0.25, reason="Reweighted.", scheme="other")
    ov = edit.edit_node(ov, "grid_bottleneck", {"summary": "Edited by a user."})
    g = merge_overlay(ov).graph
    e = next(e for e in g.edges if (e.source, e.target) == key[:2])
    assert (e.weight, e.reason, e.scheme) == (0.25, "Reweighted.", "other")
    assert g.node("grid_bottleneck").summary == "Edited by a user."
    g = merge_overlay(edit.remove_edge(ov, key)).graph
    assert not any((e.source, e.target) == key[:2] for e in g.edges)
    ov = _claim(ov)
    ov = edit.set_link(
        ov,
        g,
        node="doe_grid",
        assumption="compute_wall_year",
        dist="2028 to 2032 @80%",
        basis="judgement",
        rationale="Her view.",
    )
    g2 = merge_overlay(ov).graph
    assert [link.assumption for link in g2.links_for_node("doe_grid")] == ["compute_wall_year"]
    g3 = merge_overlay(edit.remove_node(ov, "doe_grid")).graph
    assert "doe_grid" not in g3 and not any(link.node == "doe_grid" for link in g3.informs)
    retyped = merge_overlay(edit.edit_edge(with_source, key, new_type="supports")).graph
    assert next(e for e in retyped.edges if (e.source, e.target) == key[:2]).type == "supports"


def test_conflicts_with_a_newer_bundled_map_are_listed_not_dropped(with_source) -> None:
    ov = edit.edit_node(with_source, "node_gone_in_a_new_release", {"summary": "x"})
    ov = edit.remove_edge(ov, ("grid_bottleneck", "no_longer_there", "supports"))
    merged = merge_overlay(ov)
    assert [c.field.split(" ")[0] for c in merged.conflicts] == ["removals[0]", "node_edits[0]"]
    assert "does not have" in str(merged.conflicts[1]) and merged.notes()[0].startswith("conflict:")


def test_an_overlay_written_against_another_map_says_so(with_source) -> None:
    data = with_source.spec.model_dump(by_alias=True)
    data["base"]["content_hash"] = "0" * 64
    ov = edit.rebuild(with_source, **{"base": data["base"]})  # type: ignore[arg-type]
    assert merge_overlay(ov).base_changed


def test_a_support_cycle_is_an_error_naming_the_edge(with_source) -> None:
    ov = _claim(with_source)
    ov = edit.add_edge(ov, source="doe_grid", target="grid_bottleneck", type="supports", reason="r", scheme="sign")
    ov = edit.add_edge(ov, source="grid_bottleneck", target="doe_grid", type="supports", reason="r", scheme="sign")
    with pytest.raises(InputError, match=r"edges\[1\].*closes a cycle of support"):
        merge_overlay(ov, file="mine.toml")


# -- files, undo, autosave, scenarios -------------------------------------------------------


def test_save_and_load_round_trip_with_source_files(with_source, tmp_path: Path) -> None:
    ov = _claim(with_source)
    path = tmp_path / "map.toml"
    save_overlay(ov, path)
    assert (tmp_path / "sources" / "doe_talk.txt").read_text(encoding="utf-8") == TALK
    merged = load_overlay(path)
    assert merged.overlay.spec == ov.spec and merged.graph.content_hash == merge_overlay(ov).graph.content_hash
    (tmp_path / "sources" / "doe_talk.txt").write_text(TALK + "more", encoding="utf-8")
    with pytest.raises(InputError, match=r"sources\[0\].*has changed since the overlay was saved"):
        load_overlay(path)


def test_a_changed_source_makes_the_quote_check_fail_on_save(with_source, tmp_path: Path) -> None:
    ov = _claim(with_source)
    tampered = edit.rebuild(ov, texts={"doe_talk": "Something else entirely."})
    with pytest.raises(InputError, match="not verbatim"):
        save_overlay(tampered, tmp_path / "map.toml")
    assert not (tmp_path / "map.toml").exists()  # nothing written


def test_document_undo_redo_autosave_and_refused_edits(with_source, tmp_path: Path) -> None:
    class Slot:
        slot = tmp_path / "slot"

    doc = OverlayDocument(with_source, autosaver=Slot())
    doc.apply("New claim", _claim)
    doc.apply(
        "Attack",
        edit.add_edge,
        source="doe_grid",
        target="scaling_continues",
        type="attacks",
        reason="r",
        scheme="sign",
    )
    assert "doe_grid" in doc.merged.graph.attackers("scaling_continues")
    assert "doe_grid" in recover_overlay(Slot.slot).graph  # autosaved
    with pytest.raises(InputError):
        doc.apply(
            "Dangling", edit.add_edge, source="doe_grid", target="nowhere", type="attacks", reason="r", scheme="sign"
        )
    assert doc.undo_stack.undo_label == "Attack"  # the refused edit did not enter the history
    assert doc.undo() and "doe_grid" not in doc.merged.graph.attackers("scaling_continues")
    assert doc.redo() and "doe_grid" in doc.merged.graph.attackers("scaling_continues")
    doc.save(tmp_path / "mine.toml")
    assert doc.is_clean and "doe_grid" in load_overlay(tmp_path / "mine.toml").graph


def test_a_scenario_records_its_overlay_and_reports_missing_or_changed(with_source, tmp_path: Path, repo) -> None:
    (tmp_path / "maps").mkdir()
    save_overlay(_claim(with_source), tmp_path / "maps" / "mine.toml")
    scenario = record_overlay(
        load_scenario(repo / "scenarios" / "baseline.toml"), tmp_path / "s.toml", tmp_path / "maps" / "mine.toml"
    )
    save_scenario(scenario, tmp_path / "s.toml")
    again = load_scenario(tmp_path / "s.toml")
    assert again.graph.overlay is not None and again.graph.overlay.path == "maps/mine.toml"
    assert overlay_status(again, tmp_path / "s.toml").state == "ok"
    (tmp_path / "maps" / "mine.toml").write_text((tmp_path / "maps" / "mine.toml").read_text() + "\n# edited\n")
    assert overlay_status(again, tmp_path / "s.toml").state == "changed"
    (tmp_path / "maps" / "mine.toml").unlink()
    status = overlay_status(again, tmp_path / "s.toml")
    assert status.state == "missing" and "mine.toml" in status.message
