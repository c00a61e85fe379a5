"""File ▸ Export Report… in the running window: pick a comparison and a file, get the report."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.model.scenario import load_scenario, save_scenario
from debate_explorer.core.paths import preset_path
from debate_explorer.ui.window.app import application, build_window
from debate_explorer.ui.window.waiting import wait_until_current

SAMPLES = 4096


def menu_action(w, menu: str, text: str):
    bar = w.menuBar()
    for top in bar.actions():
        if top.text().replace("&", "") == menu:
            for a in top.menu().actions():
                if a.text().replace("&", "") == text:
                    return a
    raise AssertionError(f"no {menu} ▸ {text}")


def test_export_report_from_the_file_menu(qtbot, tmp_path, monkeypatch) -> None:
    application()
    start = tmp_path / "hive.toml"
    hive = load_scenario(preset_path("hive_mind"))
    save_scenario(hive.replace(run={**hive.run.model_dump(exclude_none=True), "samples": SAMPLES}), start)
    out = tmp_path / "hive_report.html"
    asked: list[list[str]] = []

    def pick(parent, title, label, items, current, editable):
        asked.append(list(items))
        return items[0], True  # the baseline is offered first

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *a, **k: errors.append(text))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = build_window(start, settings=settings, autosaver=Autosaver(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.show()
    try:
        wait_until_current(w.ctx, 120.0)
        menu_action(w, "File", "Export Report…").trigger()
        qtbot.waitUntil(lambda: out.exists() or bool(errors), timeout=180_000)
        assert errors == []
        assert asked and asked[0][0] == load_scenario(preset_path("baseline")).title
        html = out.read_text(encoding="utf-8")
        assert "Hive mind (Patel)" in html and 'id="why"' in html
        assert set(re.findall(r'data-median="(\w+)"', html)) == {m.key for m in hive.kind.milestones}
        qtbot.waitUntil(lambda: "Report written" in w.statusBar().currentMessage(), timeout=10_000)
        assert Path(w.ctx.document.path) == start  # the user's scenario is untouched
    finally:
        w.ctx.document.undo_stack.set_clean()
        w.ctx.compute.shutdown()
