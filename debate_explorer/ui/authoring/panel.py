"""The "Edit map" panel: the selected node's edges (with reasons) and model links, and the commands on them.

It follows the selection like the Inspector: every supports/attacks/answers edge
touching the node with its reason and argument scheme, every assumption it
informs with the basis, and buttons to add, change or delete them. The commands
are the window's :class:`~debate_explorer.ui.authoring.editing.MapEditing`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.ui.authoring.editing import MapEditing


class MapEditPanel(QWidget):
    def __init__(self, ctx, editing: MapEditing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.editing = ctx, editing
        self.title = QLabel("Select a node on the map to edit its edges and links.")
        self.title.setWordWrap(True)
        self.edges = QListWidget()
        self.edges.setWordWrap(True)
        self.links = QListWidget()
        self.links.setWordWrap(True)
        self.buttons = {
            "add_edge": QPushButton("Add edge…"),
            "edit_edge": QPushButton("Edit edge…"),
            "delete_edge": QPushButton("Delete edge"),
            "add_link": QPushButton("Link to assumption…"),
            "edit_link": QPushButton("Edit link…"),
            "remove_link": QPushButton("Remove link"),
        }
        b = self.buttons
        b["add_edge"].clicked.connect(self._add_edge)
        b["edit_edge"].clicked.connect(self._edit_edge)
        b["delete_edge"].clicked.connect(self._delete_edge)
        b["add_link"].clicked.connect(self._add_link)
        b["edit_link"].clicked.connect(self._edit_link)
        b["remove_link"].clicked.connect(self._remove_link)
        self.edges.itemDoubleClicked.connect(lambda _i: self._edit_edge())
        self.edges.currentItemChanged.connect(lambda *_: self._enable())
        self.links.currentItemChanged.connect(lambda *_: self._enable())
        self._build()
        ctx.selectionChanged.connect(lambda _n: self.refresh())
        ctx.graphChanged.connect(lambda _g: self.refresh())
        self.refresh()

    def _build(self) -> None:
        grid = QGridLayout()
        for i, key in enumerate(self.buttons):
            grid.addWidget(self.buttons[key], i // 3, i % 3)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(QLabel("<b>Edges</b> (why each holds)"))
        column.addWidget(self.edges, 2)
        column.addWidget(QLabel("<b>Links to model assumptions</b>"))
        column.addWidget(self.links, 1)
        column.addLayout(grid)

    # -- commands on the selection (each does nothing without one) -------------------------------
    def _add_edge(self) -> None:
        if (node := self._node()) is not None:
            self.editing.add_edge(node)

    def _edit_edge(self) -> None:
        if (edge := self._edge()) is not None:
            self.editing.edit_edge(edge)

    def _delete_edge(self) -> None:
        if (edge := self._edge()) is not None:
            self.editing.delete_edge(edge)

    def _add_link(self) -> None:
        if (node := self._node()) is not None:
            self.editing.edit_link(node)

    def _edit_link(self) -> None:
        node, link = self._node(), self._link()
        if node is not None and link is not None:
            self.editing.edit_link(node, link)

    def _remove_link(self) -> None:
        if (link := self._link()) is not None:
            self.editing.remove_link(link)

    def _node(self) -> str | None:
        node = self.ctx.selected
        return node if node is not None and node in self.ctx.graph.nodes else None

    def _edge(self):
        item = self.edges.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _link(self):
        item = self.links.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def refresh(self) -> None:
        node, graph = self._node(), self.ctx.graph
        self.edges.clear()
        self.links.clear()
        if node is None:
            self.title.setText("Select a node on the map to edit its edges and links.")
            self._enable()
            return
        self.title.setText(f"<b>{_esc(graph.node(node).title_en)}</b>")
        for e in graph.edges_of(node):
            other = graph.node(e.target if e.source == node else e.source).title_en
            arrow = f"→ {e.type} → {other}" if e.source == node else f"← {e.type} ← {other}"
            scheme = (e.scheme or "no scheme").replace("_", " ")
            item = QListWidgetItem(f"{arrow} (weight {e.weight:.2f}, {scheme})\n   {e.reason or '(no reason given)'}")
            item.setData(Qt.ItemDataRole.UserRole, e)
            self.edges.addItem(item)
        for link in graph.links_for_node(node):
            basis = link.basis or "no basis"
            item = QListWidgetItem(f"{link.assumption} ({link.model}): {link.dist.describe()} — {basis}")
            item.setToolTip(link.rationale)
            item.setData(Qt.ItemDataRole.UserRole, link)
            self.links.addItem(item)
        self._enable()

    def _enable(self) -> None:
        has_node = self._node() is not None
        self.buttons["add_edge"].setEnabled(has_node)
        self.buttons["add_link"].setEnabled(has_node)
        for key in ("edit_edge", "delete_edge"):
            self.buttons[key].setEnabled(self._edge() is not None)
        for key in ("edit_link", "remove_link"):
            self.buttons[key].setEnabled(self._link() is not None)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
