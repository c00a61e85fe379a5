"""The source viewer finds and selects what was searched, whatever script precedes it."""

from __future__ import annotations

from debate_explorer.core.graph.sources_store import Source
from debate_explorer.ui.sources.viewer import SourceViewer

TEXT = "Notes 🚀 from a call, 𠮷野家 after 電網.\nThe grid queue is five years; 电网 is slow. The grid queue again."


def test_search_selects_the_match_after_characters_outside_the_basic_plane(qtbot):
    viewer = SourceViewer()
    qtbot.addWidget(viewer)
    viewer.set_sources({"s": Source(id="s", title="Call", file="call.txt", text=TEXT)})
    viewer.show_source("s")
    viewer.query.setText("grid queue")
    assert viewer.selected_quote() == "grid queue"
    assert viewer.hits_label.text() == "1 of 2"
    viewer.find_next()
    assert viewer.selected_quote() == "grid queue" and viewer.hits_label.text() == "2 of 2"
    viewer.query.setText("电网")
    assert viewer.selected_quote() == "电网"
