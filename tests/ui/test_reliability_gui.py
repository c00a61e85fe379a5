"""The window under hostile files, failing runs, two instances, full disks and links (issue 12)."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from debate_explorer.core.errors import InputError
from debate_explorer.core.files import atomic
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.model.scenario import load_scenario, save_scenario
from debate_explorer.core.paths import baseline_scenario_path
from debate_explorer.ui.files import save_target
from debate_explorer.ui.window.app import application, build_window
from debate_explorer.ui.window.waiting import wait_until_current

SAMPLES = 4096


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes recorded instead of shown; answers can be changed per test."""
    seen: dict[str, list] = {"critical": [], "warning": [], "question": []}
    answers = {"critical": QMessageBox.Ok, "warning": QMessageBox.Discard, "question": QMessageBox.No}

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            seen[kind].append((title, text))
            return answers[kind]

        return box

    for kind in seen:
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    # Saving a preset-titled scenario asks for a title first: accept what is proposed.
    monkeypatch.setattr(save_target, "ask_title_and_notes", lambda parent, title, notes: (title, notes))
    seen["answers"] = answers
    return seen


def _start_file(tmp_path):
    start = tmp_path / "start.toml"
    if not start.exists():
        base = load_scenario(baseline_scenario_path())
        save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": SAMPLES}), start)
    return start


def _window(qtbot, tmp_path, name="a"):
    application()
    settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.IniFormat)
    w = build_window(_start_file(tmp_path), settings=settings, autosaver=Autosaver(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.show()
    return w


def _results(qtbot, w):
    wait_until_current(w.ctx, 120.0, idle=True)
    return w.ctx.results


def _close(w):
    w.ctx.document.undo_stack.set_clean()
    w.ctx.compute.shutdown()


@pytest.fixture
def window(qtbot, tmp_path, boxes):
    w = _window(qtbot, tmp_path)
    _results(qtbot, w)
    yield w
    _close(w)


def _modify(w, value=0.83):
    w.ctx.document.set_credence(next(iter(w.ctx.graph.nodes)), value)


@pytest.mark.timeout(300)
def test_opening_any_bad_file_shows_a_dialog_and_keeps_scenario_and_results(window, boxes, hostile_corpus):
    doc, ctx = window.ctx.document, window.ctx
    before = (doc.scenario, doc.path, ctx.results)
    for name, path in sorted(hostile_corpus.items()):  # graph files too: they are not scenarios
        boxes["critical"].clear()
        assert window.files.open_path(path, confirmed=True) is False, name
        assert len(boxes["critical"]) == 1, name
        title, text = boxes["critical"][0]
        assert title == "Cannot open scenario" and str(path) in text, (name, text)
        assert (doc.scenario, doc.path, ctx.results) == before, name
        assert window.outcomes.arrival.is_available(), name


def test_a_failing_run_clears_the_results_instead_of_showing_old_ones(qtbot, window, monkeypatch):
    import debate_explorer.core.engine.runner as runner

    def fail(*args, **kwargs):
        raise InputError("the engine refused", file="x.toml")

    with monkeypatch.context() as patch:
        patch.setattr(runner, "run_compiled", fail)  # the scheduler imports it when it runs
        _modify(window)
        qtbot.waitUntil(lambda: window.ctx.results is None and not window.ctx.compute.is_busy, timeout=60_000)
        assert not window.outcomes.arrival.is_available()
        assert "the engine refused" in window.outcomes.arrival._note.text()
        assert window.run_label.text() == ""
    window.ctx.recompute()
    _results(qtbot, window)
    assert window.outcomes.arrival.is_available()


def test_opening_another_file_never_shows_the_old_results_under_its_name(qtbot, window, tmp_path):
    other = tmp_path / "other.toml"
    save_scenario(window.ctx.document.scenario.replace(title="Other"), other)
    old = window.ctx.results
    assert window.files.open_path(other, confirmed=True)
    assert window.ctx.results is None  # cleared at once, not left under the new name
    assert not window.outcomes.arrival.is_available()
    new = _results(qtbot, window)
    assert new is not old and new.revision >= window.ctx.document.opened_revision


def test_two_instances_keep_separate_autosaves(qtbot, tmp_path, boxes):
    first = _window(qtbot, tmp_path, "first")
    second = _window(qtbot, tmp_path, "second")
    try:
        _modify(first)
        first.files.autosave_now()
        assert first.files.autosaver.scenario_file.exists()
        second.files.offer_recovery()
        assert boxes["question"] == []  # the first one is running: nothing to "recover"
        assert first.files.autosaver.scenario_file.exists()  # and nothing deleted
        second.close()  # a clean exit of the second …
        assert first.files.autosaver.scenario_file.exists()  # … leaves the first one's autosave alone
        first.files.autosaver.detach()  # now the first crashes
        third = _window(qtbot, tmp_path, "third")
        boxes["answers"]["question"] = QMessageBox.Yes
        third.files.offer_recovery()
        assert len(boxes["question"]) == 1
        assert third.ctx.document.scenario == first.ctx.document.scenario and third.ctx.document.is_modified
        assert third.files.autosaver.scenario_file.exists()  # its own slot now protects the work
        assert not first.files.autosaver.slot.exists()
        _close(third)
    finally:
        _close(first)
        _close(second)


def test_a_full_disk_autosave_warns_in_the_window(window, boxes, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "fsync", full)
        _modify(window)
        window.files.autosave_now()
        assert [t for t, _ in boxes["warning"]] == ["Autosave failed"]
        assert "No space left" in boxes["warning"][0][1]
        assert window.files.autosave_status.isVisible()
        window.files.autosave_now()
        assert len(boxes["warning"]) == 1  # one dialog per streak; the status stays
    window.files.autosave_now()
    assert not window.files.autosave_status.isVisible()


def test_discard_clears_the_autosave(window, boxes):
    _modify(window)
    window.files.autosave_now()
    assert window.files.autosaver.scenario_file.exists()
    window.files.new()  # answers Discard to "unsaved changes"
    assert [t for t, _ in boxes["warning"]] == ["Unsaved changes"]
    assert not window.files.autosaver.slot.exists()


def test_save_through_a_symlink_updates_the_target(window, tmp_path, monkeypatch):
    real = tmp_path / "real" / "mine.toml"
    real.parent.mkdir()
    save_scenario(window.ctx.document.scenario, real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert window.files.open_path(link, confirmed=True)
    _modify(window, 0.27)
    assert window.files.save()
    assert link.is_symlink() and load_scenario(real) == window.ctx.document.scenario


def test_save_keeps_hard_links(window, tmp_path):
    path = tmp_path / "mine.toml"
    save_scenario(window.ctx.document.scenario, path)
    twin = tmp_path / "twin.toml"
    os.link(path, twin)
    assert window.files.open_path(path, confirmed=True)
    _modify(window, 0.31)
    assert window.files.save()
    assert load_scenario(twin) == window.ctx.document.scenario and twin.stat().st_ino == path.stat().st_ino


def test_save_asks_before_replacing_a_read_only_file(window, tmp_path, boxes):
    path = tmp_path / "locked.toml"
    save_scenario(window.ctx.document.scenario, path)
    assert window.files.open_path(path, confirmed=True)
    path.chmod(0o444)
    _modify(window, 0.41)
    before = path.read_text()
    assert window.files.save() is False  # answered No
    assert [t for t, _ in boxes["question"]] == ["Replace read-only file?"] and path.read_text() == before
    boxes["answers"]["question"] = QMessageBox.Yes
    assert window.files.save()
    assert load_scenario(path) == window.ctx.document.scenario


def test_cannot_save_names_the_path_once(window, tmp_path, boxes, monkeypatch):
    target = tmp_path / "no-such-folder" / "x.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save_as() is False
    title, text = boxes["critical"][0]
    assert title == "Cannot save" and text.count(str(target)) == 1
