"""Export and comparison actions: plots, samples, the map, the graph, pinned presets.

Each asks for a file name, delegates the writing to the panel or the core
(which write atomically), and reports failures in a dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.results_io import write_samples_csv
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import export_graph
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import preset_paths
from debate_explorer.ui.common.compute import Task

FILTERS = {
    "png": "PNG image (*.png)",
    "svg": "SVG image (*.svg)",
    "csv": "CSV table (*.csv)",
    "argdown": "Argdown (*.argdown)",
    "aif": "AIF JSON (*.json)",
    "graphml": "GraphML (*.graphml)",
}
SUFFIX = {"aif": ".json"}


def pick_save_path(w, title: str, stem: str, fmt: str) -> Path | None:
    suffix = SUFFIX.get(fmt, f".{fmt}")
    start = str(Path(w.files.last_dir) / f"{stem}{suffix}")
    chosen, _ = QFileDialog.getSaveFileName(w, title, start, FILTERS[fmt])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(suffix)


def _stem(w) -> str:
    return Path(w.ctx.document.display_name).stem


def _export(w, what: str, stem: str, fmt: str, write) -> None:
    """Ask for a file name, call ``write(path)``, and report the outcome."""
    path = pick_save_path(w, f"Export {what} as {fmt.upper()}", stem, fmt)
    if path is None:
        return
    try:
        write(path)
    except (OSError, InputError, ValueError) as exc:
        text = exc.message if isinstance(exc, InputError) else str(exc)
        QMessageBox.critical(w, f"Cannot export {what}", text)
    else:
        w.statusBar().showMessage(f"{what.capitalize()} written to {path}", 5000)


def export_plot(w, fmt: str) -> None:
    _export(w, "the plot", f"{_stem(w)}_{w.outcomes.current_plot_name()}", fmt, w.outcomes.export_plot)


def export_map(w, fmt: str) -> None:
    _export(w, "the map", f"{_stem(w)}_map", fmt, w.map.render_to_image)


def export_graph_file(w, fmt: str) -> None:
    _export(w, "the graph", "agi_debate", fmt, lambda path: export_graph(w.ctx.graph, fmt, path))


def export_samples(w) -> None:
    """Re-run the current scenario keeping per-sample inputs, on the compute worker, then write CSV."""
    path = pick_save_path(w, "Export samples as CSV", f"{_stem(w)}_samples", "csv")
    if path is None:
        return
    scenario, graph = w.ctx.document.scenario, w.ctx.graph

    def job(cancelled, progress):
        result = run_compiled(
            compile_scenario(scenario, graph),
            samples=scenario.run.samples,
            seed=scenario.run.seed,
            keep_inputs=True,
            cancel=cancelled,
            progress=progress,
        )
        write_samples_csv(result, path)
        return path

    _run_task(w, "export samples", job, lambda _result: w.statusBar().showMessage(f"Samples written to {path}", 8000))


def _run_task(w, name: str, job, on_done) -> None:
    """Run ``job`` on the compute worker; ``on_done(result)`` in the GUI thread, or a dialog."""
    compute = w.ctx.compute

    def finished(task_name, result):
        if task_name == name:
            disconnect()
            on_done(result)

    def failed(task_name, message):
        if task_name == name:
            QMessageBox.critical(w, f"Cannot {name}", message)
            disconnect()

    def cancelled(task_name):
        if task_name == name:
            disconnect()

    def disconnect():
        compute.taskFinished.disconnect(finished)
        compute.taskFailed.disconnect(failed)
        compute.taskCancelled.disconnect(cancelled)

    compute.taskFinished.connect(finished)
    compute.taskFailed.connect(failed)
    compute.taskCancelled.connect(cancelled)
    compute.run_task(Task(name, job))


def pin_preset(w) -> None:
    """Run a preset on the worker and pin its result as the dashed comparison."""
    presets = {}
    for p in preset_paths():
        try:
            presets[load_scenario(p).title or p.stem] = p
        except InputError:
            continue
    name, ok = QInputDialog.getItem(w, "Pin a preset", "Compare the current scenario with:", list(presets), 0, False)
    if not ok:
        return
    scenario = load_scenario(presets[name])
    samples = w.ctx.document.scenario.run.samples  # compare like with like
    graph = w.ctx.graph

    def job(cancelled, progress):
        return run_compiled(
            compile_scenario(scenario, graph),
            samples=samples,
            seed=scenario.run.seed,
            cancel=cancelled,
            progress=progress,
        )

    _run_task(w, "pin preset", job, lambda result: w.ctx.pin(result, name, scenario))


def open_sweep(w) -> None:
    from debate_explorer.ui.sweep.view import SweepView

    path, _ = QFileDialog.getOpenFileName(
        w, "Open sweep results", w.files.last_dir, "Sweep results (*.parquet *.csv *.sweep.json);;All files (*)"
    )
    if not path:
        return
    view = SweepView()
    view.setParent(w, Qt.WindowType.Window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    try:
        view.load(Path(path))
    except InputError as exc:
        QMessageBox.critical(w, "Cannot open sweep results", exc.message)
        view.deleteLater()
        return
    view.setWindowTitle(f"Sweep — {Path(path).name}")
    view.resize(1000, 650)
    view.show()
