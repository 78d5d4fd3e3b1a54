"""A full-size graphics item that paints one kind of shape, only inside the exposed area.

The timeline and the graph draw thousands of shapes as a few such layers instead of one
QGraphicsItem per shape; each subclass implements ``paint`` for its own scene.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem


class ExposedLayer(QGraphicsItem):
    """Covers the whole scene (``set_extent``); paints what the exposed rectangle shows."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._rect = QRectF()

    def set_extent(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        """Overrides QGraphicsItem.boundingRect: the whole scene."""
        return self._rect
