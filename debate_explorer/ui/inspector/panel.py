"""The inspector: everything about the selected node, and its credence slider.

Dragging the slider is one undoable gesture (the document folds the drag into a
single step, sealed on release); typing a value or pressing Reset is one step.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.core.graph.coverage import graph_drives
from debate_explorer.core.graph.model import Edge
from debate_explorer.core.graph.sources import source_label
from debate_explorer.core.model.linking import voice_weight
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.common.units import GLOSSARY
from debate_explorer.ui.inspector.crux_swing import CruxSwing

SLIDER_STEPS = 1000
KIND_NAMES = {"position": "Position", "claim": "Claim", "evidence": "Evidence", "question": "Question"}
# How the source gives a claim, in words a reader understands at a glance.
PROVENANCE_NAMES = {
    "direct": "in their own words",
    "reported": "reported by the write-up",
    "summary": "from a machine-written summary",
    "critic": "a critic's paraphrase",
}


def _label(text: str = "", *, wrap: bool = True, selectable: bool = True, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.RichText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    if object_name:
        label.setObjectName(object_name)
    return label


def _basis_text(link) -> str:
    """The link's rationale, led by where its number comes from (quoted, derived, judgement)."""
    return f"{link.basis.capitalize()}: {link.rationale}" if link.basis else link.rationale


class CredenceEditor(QWidget):
    """A slider and a number box bound to one node's credence."""

    edited = Signal(float, bool)  # value, part of a drag gesture
    gestureEnded = Signal()
    resetRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(SLIDER_STEPS // 10)
        self.slider.setAccessibleName("Credence")
        self.spin = QDoubleSpinBox()
        self.spin.setRange(0.0, 1.0)
        self.spin.setDecimals(2)
        self.spin.setSingleStep(0.05)
        self.spin.setKeyboardTracking(False)
        self.reset = QPushButton("Reset")
        self.reset.setToolTip("Back to undecided (0.5)")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        row.addWidget(self.reset)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self.gestureEnded)
        self.spin.valueChanged.connect(self._spin_changed)
        self.reset.clicked.connect(self.resetRequested)
        self._updating = False

    def set_value(self, value: float) -> None:
        """Show ``value`` without emitting an edit."""
        self._updating = True
        try:
            if not self.slider.isSliderDown():
                self.slider.setValue(round(value * SLIDER_STEPS))
            self.spin.setValue(value)
        finally:
            self._updating = False

    def _slider_moved(self, position: int) -> None:
        if self._updating:
            return
        value = position / SLIDER_STEPS
        self._updating = True
        self.spin.setValue(value)
        self._updating = False
        self.edited.emit(value, self.slider.isSliderDown())

    def _spin_changed(self, value: float) -> None:
        if not self._updating:
            self.edited.emit(value, False)


class InspectorPanel(QScrollArea):
    """Details of the selected node; edits its credence through the document."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.node_id: str | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)
        self.placeholder = _label(
            "<b>Start here:</b> Help ▸ Take the Tour (ten stops), or click a position "
            "on the map.<br><i>Click a node on the map to see who said what, and to set "
            "how much you believe it.</i>",
            selectable=False,
        )
        self.title = _label(object_name="inspectorTitle")
        self.subtitle = _label(object_name="inspectorSubtitle")
        self.meta = _label()
        self.quote = _label(object_name="inspectorQuote")
        self.summary = _label()
        self.credence = CredenceEditor()
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 1000)
        self.strength_bar.setTextVisible(True)
        self.relations = _label()
        self.links = _label()
        self.sections = [self.title, self.subtitle, self.meta, self.quote, self.summary]
        lay.addWidget(self.placeholder)
        for w in self.sections:
            lay.addWidget(w)
        self.credence_box = self._boxed("Your credence", self.credence)
        self.strength_box = self._boxed("Strength after supports and attacks", self.strength_bar)
        self.swing = CruxSwing(ctx)
        self.swing_box = self._boxed("Believing it fully vs not at all", self.swing)
        lay.addWidget(self.credence_box)
        lay.addWidget(self.strength_box)
        lay.addWidget(self.swing_box)
        lay.addWidget(self.relations)
        lay.addWidget(self.links)
        lay.addStretch(1)
        for label in (self.relations, self.links, self.meta):
            label.linkActivated.connect(self._follow)
        self.credence.edited.connect(self._credence_edited)
        self.credence.gestureEnded.connect(ctx.document.end_gesture)
        self.credence.resetRequested.connect(self._reset)
        ctx.selectionChanged.connect(self.show_node)
        ctx.strengthsChanged.connect(self._refresh_values)
        ctx.scenarioChanged.connect(lambda _flags: self._refresh_values())
        ctx.languageChanged.connect(lambda _lang: self.show_node(self.node_id))
        self.show_node(None)

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(_label(f"<b>{html.escape(title)}</b>", selectable=False))
        lay.addWidget(widget)
        return box

    # -- showing ----------------------------------------------------------------
    def show_node(self, node_id: str | None) -> None:
        self.node_id = node_id
        node = self.ctx.graph.nodes.get(node_id) if node_id is not None else None
        has = node is not None
        self.placeholder.setVisible(not has)
        for w in [*self.sections, self.credence_box, self.strength_box, self.swing_box, self.relations, self.links]:
            w.setVisible(has)
        self.swing.show_node(node_id if has else None)
        if node is None:
            return
        zh = self.ctx.language == "zh"
        first, second = (node.title_zh, node.title_en) if zh else (node.title_en, node.title_zh)
        self.title.setText(f"<h3>{html.escape(first or second)}</h3>")
        self.subtitle.setText(html.escape(second or ""))
        theme = self.ctx.graph.theme(node.theme)
        theme_title = theme.title_zh if zh else theme.title_en
        meta = [f"<b>{KIND_NAMES.get(node.kind, node.kind)}</b> · {html.escape(theme_title)}"]
        if node.source:
            meta.append(html.escape(source_label(node)))
        provenance = PROVENANCE_NAMES.get(node.provenance, node.provenance) if node.provenance else None
        facts = [provenance, node.claim_type]
        if any(facts):
            meta.append("<small>" + " · ".join(html.escape(f) for f in facts if f) + "</small>")
        self.meta.setText("<br>".join(meta))
        self.meta.setToolTip(node.source or "")
        self.quote.setText(self._quote_html(node))
        self.quote.setVisible(bool(node.quote or node.quote_en))
        self.summary.setText(html.escape(node.summary or ""))
        self._refresh_values()

    @staticmethod
    def _quote_html(node) -> str:
        parts = []
        if node.quote:
            parts.append(f"<p style='margin:0'>「{html.escape(node.quote)}」</p>")
        if node.quote_en:
            parts.append(f"<p style='margin-top:4px'><i>“{html.escape(node.quote_en)}”</i></p>")
        return "".join(parts)

    def _refresh_values(self) -> None:
        if self.ctx.graph is None or self.node_id is None or self.node_id not in self.ctx.graph.nodes:
            return
        node_id = self.node_id
        drives = graph_drives(self.ctx.graph, self.ctx.document.scenario.model)
        self.credence.setEnabled(drives)  # a model that ignores the map: no slider that does nothing
        self.credence.setToolTip("" if drives else "This scenario's model does not use the argument map")
        credence = self.ctx.document.scenario.credence(node_id)
        self.credence.set_value(credence)
        strength = self.ctx.strengths.get(node_id, credence)
        self.strength_bar.setValue(round(strength * 1000))
        self.strength_bar.setFormat(f"{strength:.2f}")
        self.relations.setText(self._relations_html(node_id))
        self.links.setText(self._links_html(node_id))

    def _node_link(self, other: str) -> str:
        s = self.ctx.strengths.get(other, 0.5)
        return f"<a href='node:{other}'>{html.escape(self.ctx.title_of(other))}</a> <small>({s:.2f})</small>"

    def _relations_html(self, node_id: str) -> str:
        g = self.ctx.graph
        incoming = {e.source: e for e in g.edges_of(node_id) if e.target == node_id}
        rows = []
        for title, ids in (("Supported by", g.supporters(node_id)), ("Attacked by", g.attackers(node_id))):
            if ids:
                rows.append(
                    f"<b>{title}</b><ul style='margin-top:0'>"
                    + "".join(f"<li>{self._node_link(i)}{_edge_reason_html(incoming.get(i))}</li>" for i in ids)
                    + "</ul>"
                )
        targets = [e for e in g.edges_of(node_id) if e.source == node_id]
        if targets:
            rows.append(
                "<b>Argues</b><ul style='margin-top:0'>"
                + "".join(f"<li>{e.type}: {self._node_link(e.target)}{_edge_reason_html(e)}</li>" for e in targets)
                + "</ul>"
            )
        return "".join(rows)

    def _links_html(self, node_id: str) -> str:
        links = self.ctx.graph.links_for_node(node_id)
        if not links:
            return ""
        shares = {}
        for e in self.ctx.effective:
            for part, share in zip(e.parts, e.shares()):
                if part.node == node_id:
                    shares[e.assumption.name] = (share, e.overridden, e.assumption, part.weight)
        belief = self.ctx.beliefs.get(node_id, 0.5)
        rows = []
        shown = self.ctx.document.scenario.model
        for link in links:
            other = link.model != shown  # a link that acts on another model kind than this scenario's
            share, overridden, a, w = (
                (0.0, False, None, 0.0) if other else shares.get(link.assumption, (0.0, False, None, 0.0))
            )
            label = a.label if a else link.assumption
            unit = f" ({a.unit})" if a else ""
            weight = (
                f"acts on the {link.model} model, not on this scenario's ({shown})"
                if other
                else "overridden in this scenario"
                if overridden
                else (f"{share:.0%} of the mixture · {_weight_reason(belief, w)}")
            )
            rows.append(
                f"<li><b>{html.escape(label)}</b>{html.escape(unit)}: {html.escape(link.dist.describe())}"
                f" — <i>{weight}</i><br><small>{html.escape(_basis_text(link))}</small></li>"
            )
        glossary = f"<small>{html.escape(GLOSSARY)}</small>" if any("OOM" in r for r in rows) else ""
        return "<b>Informs the model</b><ul style='margin-top:0'>" + "".join(rows) + "</ul>" + glossary

    # -- editing ----------------------------------------------------------------
    def _credence_edited(self, value: float, gesture: bool) -> None:
        if self.node_id is not None:
            self.ctx.document.set_credence(self.node_id, value, gesture=gesture)

    def _reset(self) -> None:
        if self.node_id is not None:
            self.ctx.document.reset_credence(self.node_id)

    def _follow(self, href: str) -> None:
        if href.startswith("node:"):
            self.ctx.select(href[5:])


def _weight_reason(belief: float, weight: float) -> str:
    """How the linking rule weighed this link: the odds of the belief, squared, split among
    rival answers to one question (core.model.linking)."""
    full = voice_weight(belief)
    rivals = round(full / weight) - 1 if weight > 0 else 0
    split = f", shared with {rivals} rival answer{'s' if rivals != 1 else ''}" if rivals > 0 else ""
    return f"belief {belief:.2f} → weight {weight:.3g} (odds², {'' if split else 'its own voice'}{split.lstrip(', ')})"


def _edge_reason_html(edge: Edge | None) -> str:
    """Why the edge holds and how it argues, under the link: the reader checks it against the sources."""
    if edge is None or not edge.reason:
        return ""
    scheme = f"<i>{html.escape(edge.scheme.replace('_', ' '))}</i> — " if edge.scheme else ""
    return f"<br><small>{scheme}{html.escape(edge.reason)}</small>"
