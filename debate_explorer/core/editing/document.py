"""The open scenario: its current value, file, undo history and change events.

This is the one place a front end changes a scenario. Every edit becomes an
undoable command; every change bumps ``revision`` and emits ``changed`` with
flags saying what changed, so views refresh only what they show and results can
be tied to the revision they were computed from (napari/Anki style: the model
emits, views listen, views never talk to each other).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from psygnal import Signal

from debate_explorer.core.editing.commands import Command, UndoStack
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.model.credences import check_credences, require_node
from debate_explorer.core.model.distributions import AnyDist
from debate_explorer.core.model.scenario import Scenario, load_scenario, save_scenario, scenario_from_dict


class Change(enum.Flag):
    CREDENCES = enum.auto()
    ASSUMPTIONS = enum.auto()  # overrides and priors
    RUN = enum.auto()  # samples, seed, time span
    SETTINGS = enum.auto()  # model-kind settings
    META = enum.auto()  # title and notes: no recompute needed
    FILE = enum.auto()  # path or saved state
    ALL = CREDENCES | ASSUMPTIONS | RUN | SETTINGS | META | FILE

    @property
    def needs_run(self) -> bool:
        return bool(self & (Change.CREDENCES | Change.ASSUMPTIONS | Change.RUN | Change.SETTINGS))


def _diff(a: Scenario, b: Scenario) -> Change:
    flags = Change(0)
    if a.model != b.model:
        return Change.ALL
    if a.graph != b.graph:
        flags |= Change.CREDENCES
    if a.assumptions != b.assumptions or a.priors != b.priors or a.correlations != b.correlations:
        flags |= Change.ASSUMPTIONS
    if a.run != b.run:
        flags |= Change.RUN
    if a.settings != b.settings:
        flags |= Change.SETTINGS
    if a.title != b.title or a.notes != b.notes:
        flags |= Change.META
    return flags


class ScenarioDocument:
    """A scenario being edited, with its file and history."""

    changed = Signal(object)  # Change flags

    def __init__(
        self, scenario: Scenario | None = None, path: Path | None = None, graph: ArgumentGraph | None = None
    ) -> None:
        """An InputError naming ``path`` if a credence of ``scenario`` names no node of ``graph``."""
        self.graph = graph
        self._scenario = scenario or scenario_from_dict({"format_version": 1})
        if graph is not None:
            check_credences(self._scenario, graph, file=path)
        self.path = Path(path) if path else None
        self.revision = 0
        # The revision at which the current scenario was opened (new, open, preset, restore):
        # results of an earlier revision describe another scenario and must not be shown for it.
        self.opened_revision = 0
        self.undo_stack: UndoStack[Scenario] = UndoStack()

    # -- reading ---------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.is_clean

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "untitled.toml"

    # -- editing ---------------------------------------------------------------
    def apply(self, new: Scenario, label: str, merge_key: str | None = None) -> None:
        """Make ``new`` the current scenario as one undoable step (or part of a gesture)."""
        flags = _diff(self._scenario, new)
        if not flags:
            return
        self.undo_stack.push(Command(label, self._scenario, new, merge_key))
        self._set(new, flags)

    def set_graph(self, graph: ArgumentGraph) -> None:
        """Use another argument map (the user's overlay edited or opened): a new revision, rerun.

        Not an undo step of the scenario: the map's edits have their own history
        (core.editing.session). A credence on a node the new map no longer has (a
        claim whose addition was undone) is dropped with it.
        """
        credences = {k: v for k, v in self._scenario.graph.credences.items() if k in graph.nodes}
        scenario = self._scenario
        if len(credences) != len(scenario.graph.credences):
            scenario = scenario.model_copy(update={"graph": scenario.graph.model_copy(update={"credences": credences})})
        self.graph = graph
        self._set(scenario, Change.CREDENCES | Change.ASSUMPTIONS)

    def record_overlay(self, overlay_path: Path | None, scenario_path: Path) -> None:
        """Note in the scenario which map overlay it is saved with (path relative to ``scenario_path``
        and its hash), just before saving; not an undo step (it records a file, not a belief)."""
        from debate_explorer.core.graph.scenario_overlay import record_overlay

        self._scenario = record_overlay(self._scenario, scenario_path, overlay_path)

    def end_gesture(self) -> None:
        self.undo_stack.seal()

    def set_credence(self, node: str, value: float, *, gesture: bool = False) -> None:
        if self.graph is not None:
            require_node(self.graph, node, field=f"graph.credences.{node}")
        value = min(max(float(value), 0.0), 1.0)
        credences = dict(self._scenario.graph.credences)
        credences[node] = round(value, 4)
        graph = self._scenario.graph.model_copy(update={"credences": credences})
        title = self.graph.node(node).title_en if self.graph is not None else node
        self.apply(
            self._scenario.model_copy(update={"graph": graph}),
            f"Credence of “{_short(title)}”",
            f"credence:{node}" if gesture else None,
        )

    def reset_credence(self, node: str) -> None:
        credences = {k: v for k, v in self._scenario.graph.credences.items() if k != node}
        graph = self._scenario.graph.model_copy(update={"credences": credences})
        self.apply(self._scenario.model_copy(update={"graph": graph}), "Reset credence")

    def set_override(self, assumption: str, dist: AnyDist | None) -> None:
        """Replace an assumption's mixture with ``dist``, or remove the override (None)."""
        overrides: dict[str, Any] = {k: v.to_raw() for k, v in self._scenario.assumptions.items()}
        name = self._scenario.kind.assumption(assumption).label  # the Edit menu speaks the user's words
        if dist is None:
            overrides.pop(assumption, None)
            label = f"Reset {name}"
        else:
            overrides[assumption] = dist.to_raw()
            label = f"Override {name}"
        self.apply(self._scenario.replace(assumptions=overrides), label)

    def set_run(self, **changes: Any) -> None:
        """Change run settings (samples, seed, start, horizon, step)."""
        run = self._scenario.run.model_dump(exclude_none=True) | changes
        what = ", ".join(changes)
        self.apply(self._scenario.replace(run=run), f"Change {what}")

    def set_prior_weight(self, weight: float, *, gesture: bool = False) -> None:
        graph = {**self._scenario.graph.model_dump(), "prior_weight": float(weight)}
        self.apply(self._scenario.replace(graph=graph), "Prior weight", "prior_weight" if gesture else None)

    def undo(self) -> None:
        before = self.undo_stack.undo()
        if before is not None:
            self._set(before, _diff(self._scenario, before) | Change.FILE)

    def redo(self) -> None:
        after = self.undo_stack.redo()
        if after is not None:
            self._set(after, _diff(self._scenario, after) | Change.FILE)

    # -- files -----------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load ``path``; on any error the current scenario stays untouched."""
        self.replace_all(load_scenario(path), Path(path))

    def replace_all(self, scenario: Scenario, path: Path | None, *, modified: bool = False) -> None:
        """Start over with a new scenario (new file, preset, restored autosave).

        The scenario must pass every check a run makes (``compute.check_runnable``):
        a file that loads but cannot run is refused here, with the current scenario
        and its results untouched, rather than replacing them and failing later.
        """
        from debate_explorer.core.engine.compute import check_runnable

        check_runnable(scenario, self.graph, file=path)
        flags = _diff(self._scenario, scenario) | Change.FILE | Change.RUN
        self._scenario = scenario
        self.path = Path(path) if path else None
        self.undo_stack.clear()
        if modified:
            self.undo_stack._clean = None  # noqa: SLF001 - a restored autosave is unsaved work
        self.opened_revision = self.revision + 1
        self._set(scenario, flags)

    def save(self, path: Path | None = None, *, replace_read_only: bool = False) -> Path:
        target = Path(path) if path else self.path
        if target is None:
            raise InputError("choose a file name first")
        save_scenario(self._scenario, target, replace_read_only=replace_read_only)
        self.path = target
        self.undo_stack.set_clean()
        self.revision += 1
        self.changed.emit(Change.FILE)
        return target

    def _set(self, scenario: Scenario, flags: Change) -> None:
        self._scenario = scenario
        self.revision += 1
        self.changed.emit(flags | Change.FILE)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
