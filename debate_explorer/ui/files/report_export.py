"""File ▸ Export Report…: the current scenario as a self-contained HTML report.

The report is built by the core (``core.report``, the same code as
``debate-explorer report``) on the compute worker, since it runs the model several
times; a progress dialog shows how far it is and can cancel it. The comparison
defaults to the baseline preset, like the CLI's ``--against``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path, preset_paths
from debate_explorer.ui.common.compute import Task

TASK = "export report"
NO_COMPARISON = "(no comparison)"


def comparison_choices() -> dict[str, Path | None]:
    """Preset titles → files, the baseline first, then 'no comparison'."""
    baseline = baseline_scenario_path()
    out: dict[str, Path | None] = {}
    for p in sorted(preset_paths(), key=lambda p: p != baseline):
        try:
            out[load_scenario(p).title or p.stem] = p
        except InputError:
            continue
    out[NO_COMPARISON] = None
    return out


def ask_comparison(w) -> tuple[bool, Path | None]:
    choices = comparison_choices()
    name, ok = QInputDialog.getItem(w, "Export report", "Compare the scenario with:", list(choices), 0, False)
    return ok, choices.get(name) if ok else None


def ask_path(w) -> Path | None:
    start = str(Path(w.files.last_dir) / f"{Path(w.ctx.document.display_name).stem}_report.html")
    chosen, _ = QFileDialog.getSaveFileName(w, "Export report as HTML", start, "HTML report (*.html)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(".html")


def export_report(w, against: Path | None | bool = True, path: Path | None = None) -> None:
    """Ask for the comparison and the file (unless given), then build and write the report on the worker."""
    if against is True:
        ok, against = ask_comparison(w)
        if not ok:
            return
    path = path or ask_path(w)
    if path is None:
        return
    from debate_explorer.core.report import build_report, side, write_report

    doc, graph = w.ctx.document, w.ctx.graph
    subject = side(doc.scenario, doc.path, doc.scenario.title or Path(doc.display_name).stem)
    other = side(load_scenario(against), against) if isinstance(against, Path) else None

    def job(cancelled, progress):
        html = build_report(
            subject, other, graph, cancel=cancelled, progress=lambda _what, share: progress(int(100 * share), 100)
        )
        write_report(html, path)
        return path

    dialog = QProgressDialog("Building the report…", "Cancel", 0, 100, w)
    dialog.setWindowTitle("Export report")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    _run(w, job, dialog, path)


def _run(w, job, dialog: QProgressDialog, path: Path) -> None:
    compute = w.ctx.compute

    def progress(name, done, total):
        if name == TASK:
            dialog.setMaximum(total)
            dialog.setValue(done)

    def finished(name, _result):
        if name == TASK:
            done()
            w.statusBar().showMessage(f"Report written to {path}", 8000)

    def failed(name, message):
        if name == TASK:
            done()
            QMessageBox.critical(w, "Cannot export the report", message)

    def cancelled(name):
        if name == TASK:
            done()

    def done():
        for signal, slot in connections:
            signal.disconnect(slot)
        dialog.reset()
        dialog.deleteLater()

    connections = [
        (compute.taskProgress, progress),
        (compute.taskFinished, finished),
        (compute.taskFailed, failed),
        (compute.taskCancelled, cancelled),
    ]
    for signal, slot in connections:
        signal.connect(slot)
    dialog.canceled.connect(compute.cancel_task)
    compute.run_task(Task(TASK, job))
