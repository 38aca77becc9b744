"""A QR code drawn as vector squares (no image: deterministic, crisp, PDF/A-safe)."""

from __future__ import annotations

from reportlab.platypus import Flowable


class QrCode(Flowable):
    """``data`` as a QR code (error correction M) ``size`` points wide, quiet zone included."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        import segno

        code = segno.make_qr(data, error="m")
        self._rows = [list(row) for row in code.matrix]
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        modules = len(self._rows) + 8  # four modules of quiet zone on each side
        cell = self.size / modules
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        path = canvas.beginPath()
        for y, row in enumerate(self._rows):
            x = 0
            while x < len(row):
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < len(row) and row[x]:
                    x += 1
                top = self.size - (y + 4) * cell
                path.rect((start + 4) * cell, top - cell, (x - start) * cell, cell)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
