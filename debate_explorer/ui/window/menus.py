"""Menus, toolbar and keyboard shortcuts of the main window.

Actions only route to the document, the file actions and the panels; the undo
actions mirror the core undo stack's labels and enabled state.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QMenu, QMessageBox, QSpinBox, QToolButton

from debate_explorer.core.editing.app_state import Language
from debate_explorer.core.editing.document import Change
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import preset_paths
from debate_explorer.ui.files import exports, report_export
from debate_explorer.ui.tour import panel as tour
from debate_explorer.ui.window.dialogs import ScenarioInfoDialog, about_text, shortcuts_text

SAMPLE_CHOICES = (10_000, 100_000, 1_000_000)


def _action(window, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(w: Any) -> dict[str, QAction]:
    """The menu bar of ``w``, the main window (typed loosely so this module need not import it:
    the window builds its menus, the menus never reach back for the window's class)."""
    acts: dict[str, QAction] = {}
    _file_menu(w, acts)
    _edit_menu(w, acts)
    _view_menu(w, acts)
    _presets_menu(w)
    _run_menu(w, acts)
    _export_menu(w, acts)
    _help_menu(w)
    _toolbar(w, acts)
    w.ctx.scenarioChanged.connect(lambda _f: _sync_undo(w, acts))
    _sync_undo(w, acts)
    return acts


def _file_menu(w, acts) -> None:
    f = w.files
    m = w.menuBar().addMenu("&File")
    acts["new"] = _action(w, "&New", f.new, QKeySequence.StandardKey.New, "Start from a fresh copy of the baseline")
    acts["open"] = _action(w, "&Open…", f.open_dialog, QKeySequence.StandardKey.Open)
    acts["save"] = _action(w, "&Save", f.save, QKeySequence.StandardKey.Save)
    acts["save_as"] = _action(w, "Save &As…", f.save_as, QKeySequence.StandardKey.SaveAs)
    recent = QMenu("Open &Recent", m)
    recent.aboutToShow.connect(partial(_fill_recent, w, recent))
    m.addActions([acts["new"], acts["open"]])
    m.addMenu(recent)
    m.addSeparator()
    m.addActions([acts["save"], acts["save_as"]])
    m.addSeparator()
    m.addAction(_action(w, "Open S&weep Results…", partial(exports.open_sweep, w)))
    m.addAction(
        _action(
            w,
            "Export &Report…",
            partial(report_export.export_report, w),
            tip="A self-contained HTML page of this scenario, its comparison, claims and cruxes",
        )
    )
    m.addSeparator()
    m.addAction(_action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit))


def _fill_recent(w, menu: QMenu) -> None:
    menu.clear()
    files = w.files.recent()
    if not files:
        menu.addAction("(none yet)").setEnabled(False)
    for path in files:
        menu.addAction(path.name, partial(w.files.open_path, path)).setToolTip(str(path))


def _edit_menu(w, acts) -> None:
    doc = w.ctx.document
    m = w.menuBar().addMenu("&Edit")
    acts["undo"] = _action(w, "&Undo", doc.undo, QKeySequence.StandardKey.Undo)
    acts["redo"] = _action(w, "&Redo", doc.redo, QKeySequence("Ctrl+Shift+Z"))
    acts["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    m.addActions([acts["undo"], acts["redo"]])
    m.addSeparator()
    acts["find"] = _action(w, "&Find on Map…", w.map.focus_search, QKeySequence.StandardKey.Find)
    m.addAction(acts["find"])
    m.addAction(_action(w, "Scenario &Title and Notes…", partial(_edit_info, w)))


def _sync_undo(w, acts) -> None:
    stack = w.ctx.document.undo_stack
    for key, label, verb in (("undo", stack.undo_label, "Undo"), ("redo", stack.redo_label, "Redo")):
        acts[key].setEnabled(label is not None)
        acts[key].setText(f"&{verb} {label.replace('&', '&&')}" if label else f"&{verb}")


def _edit_info(w) -> None:
    s = w.ctx.document.scenario
    dialog = ScenarioInfoDialog(s.title, s.notes, w)
    if dialog.exec():
        title, notes = dialog.values()
        w.ctx.document.apply(s.model_copy(update={"title": title, "notes": notes}), "Edit title and notes")


def _view_menu(w, acts) -> None:
    m = w.menuBar().addMenu("&View")
    for dock in w.docks.values():
        m.addAction(dock.toggleViewAction())
    m.addSeparator()
    acts["chinese"] = _action(w, "中文 / &Chinese Titles and Quotes", w.ctx.state.toggle_language, "Ctrl+L")
    acts["chinese"].setCheckable(True)
    acts["chinese"].setChecked(w.ctx.state.language is Language.ZH)
    w.ctx.state.events.language.connect(lambda lang: acts["chinese"].setChecked(lang is Language.ZH))
    m.addAction(acts["chinese"])
    acts["fit"] = _action(w, "&Fit Map", w.map.fit, "Ctrl+0")
    acts["focus"] = _action(
        w,
        "&Zoom to Selection",
        lambda: w.ctx.selected and w.map.focus_node(w.ctx.selected),
        "Ctrl+E",
        "Zoom the map to the selected node and its neighbours",
    )
    m.addActions([acts["fit"], acts["focus"]])
    m.addAction(_action(w, "&Reset Layout", w.reset_layout))


def _presets_menu(w) -> None:
    m = w.menuBar().addMenu("&Presets")
    for path in preset_paths():
        try:
            title = load_scenario(path).title or path.stem
        except InputError:
            continue
        m.addAction(_action(w, title, partial(w.files.open_preset, path), tip=str(path)))


def _run_menu(w, acts) -> None:
    m = w.menuBar().addMenu("&Run")
    group = QActionGroup(w)
    sizes = m.addMenu("&Samples")
    for i, n in enumerate(SAMPLE_CHOICES, start=1):
        a = _action(w, f"{n:,}", partial(_set_samples, w, n), f"Ctrl+{i}")
        a.setCheckable(True)
        group.addAction(a)
        sizes.addAction(a)
        acts[f"samples_{n}"] = a
    m.addAction(_action(w, "S&eed…", partial(_ask_seed, w)))
    m.addAction(_action(w, "&Recompute", w.ctx.recompute, "F5"))
    m.addSeparator()
    acts["pin"] = _action(w, "&Pin Current Result for Comparison", partial(_pin_current, w), "Ctrl+P")
    m.addAction(acts["pin"])
    m.addAction(_action(w, "Pin a &Preset…", partial(exports.pin_preset, w)))
    m.addAction(_action(w, "&Unpin", lambda: w.ctx.pin(None)))
    w.ctx.scenarioChanged.connect(lambda _f: _sync_samples(w, acts))
    _sync_samples(w, acts)


def _sync_samples(w, acts) -> None:
    n = w.ctx.document.scenario.run.samples
    for choice in SAMPLE_CHOICES:
        acts[f"samples_{choice}"].setChecked(choice == n)


def _set_samples(w, n: int) -> None:
    if w.ctx.document.scenario.run.samples != n:
        w.ctx.document.set_run(samples=n)


def _ask_seed(w) -> None:
    current = w.ctx.document.scenario.run.seed
    seed, ok = QInputDialog.getInt(
        w, "Random seed", "Seed (same seed and samples → same results):", min(current, 2**31 - 1), 0, 2**31 - 1
    )
    if ok and seed != current:
        w.ctx.document.set_run(seed=seed)


def _pin_current(w) -> None:
    if w.ctx.results is not None:
        w.ctx.pin(w.ctx.results, w.ctx.document.scenario.title or w.ctx.document.display_name)


def _export_menu(w, acts) -> None:
    m = w.menuBar().addMenu("E&xport")
    m.addAction(_action(w, "Plot as &PNG…", partial(exports.export_plot, w, "png")))
    m.addAction(_action(w, "Plot as &SVG…", partial(exports.export_plot, w, "svg")))
    m.addAction(_action(w, "Samples as &CSV…", partial(exports.export_samples, w)))
    m.addSeparator()
    m.addAction(_action(w, "&Map as PNG…", partial(exports.export_map, w, "png")))
    m.addAction(_action(w, "Map as S&VG…", partial(exports.export_map, w, "svg")))
    m.addSeparator()
    m.addAction(_action(w, "Graph as &Argdown…", partial(exports.export_graph_file, w, "argdown")))
    m.addAction(_action(w, "Graph as A&IF JSON…", partial(exports.export_graph_file, w, "aif")))
    m.addAction(_action(w, "Graph as &GraphML…", partial(exports.export_graph_file, w, "graphml")))


def _help_menu(w) -> None:
    m = w.menuBar().addMenu("&Help")
    m.addAction(_action(w, "Take the &Tour", partial(tour.start_tour, w), tip="Ten stops through the debate"))
    m.addAction(
        _action(
            w,
            "&Keyboard Shortcuts",
            lambda: QMessageBox.information(w, "Keyboard shortcuts", shortcuts_text()),
            QKeySequence.StandardKey.HelpContents,
        )
    )
    m.addAction(
        _action(
            w, "&About Debate Explorer", lambda: QMessageBox.about(w, "About Debate Explorer", about_text(w.ctx.graph))
        )
    )


def _fixed_label_button(action: QAction, label: str) -> QToolButton:
    """A toolbar button for ``action`` that keeps a short label (the full one is its tooltip).

    The menu's "Undo Set credence of …" grows and shrinks with every edit; in the
    toolbar that would shift every control to its right.
    """
    button = QToolButton()
    button.setText(label)
    button.setObjectName(f"{label.lower()}Button")
    button.setAutoRaise(True)
    button.clicked.connect(action.trigger)

    def sync() -> None:
        button.setEnabled(action.isEnabled())
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")  # drop the mnemonic
        button.setToolTip(f"{text} ({action.shortcut().toString()})")

    action.changed.connect(sync)
    sync()
    return button


def _toolbar(w, acts) -> None:
    bar = w.addToolBar("Main")
    bar.setObjectName("toolbar-main")
    bar.addActions([acts["open"], acts["save"]])
    bar.addSeparator()
    for key in ("undo", "redo"):
        bar.addWidget(_fixed_label_button(acts[key], key.capitalize()))
    bar.addSeparator()
    bar.addWidget(QLabel(" Samples "))
    combo = QComboBox()
    combo.setObjectName("samplesCombo")
    for n in SAMPLE_CHOICES:
        combo.addItem(f"{n:,}", n)
    combo.setToolTip("Monte Carlo samples per run")
    bar.addWidget(combo)
    bar.addWidget(QLabel(" Seed "))
    seed = QSpinBox()
    seed.setObjectName("seedBox")
    seed.setRange(0, 2**31 - 1)
    seed.setKeyboardTracking(False)
    bar.addWidget(seed)
    bar.addSeparator()
    bar.addAction(acts["pin"])

    def sync(_flags=Change.RUN) -> None:
        run = w.ctx.document.scenario.run
        i = combo.findData(run.samples)
        combo.blockSignals(True)
        if i < 0:
            combo.addItem(f"{run.samples:,}", run.samples)
            i = combo.count() - 1
        combo.setCurrentIndex(i)
        combo.blockSignals(False)
        seed.blockSignals(True)
        seed.setValue(min(run.seed, 2**31 - 1))
        seed.blockSignals(False)

    combo.currentIndexChanged.connect(lambda i: _set_samples(w, combo.itemData(i)))
    seed.valueChanged.connect(lambda v: v != w.ctx.document.scenario.run.seed and w.ctx.document.set_run(seed=v))
    w.ctx.scenarioChanged.connect(sync)
    sync()
