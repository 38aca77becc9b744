"""Reading and decoding one evidence item, on a worker thread.

:func:`load_evidence` reads the bytes through ``read_evidence`` (size and SHA-256 are
checked on every open), then prepares what the viewer needs: a decoded image (scaled
down while decoding, within size limits), parsed chat lines, a parsed record, text, or
a PDF's first page rendered as an image (PDFium, through ``pypdfium2``). Later pages
are rendered from the same verified bytes (:func:`render_pdf_page`), never read again
from disk. Nothing here touches a widget; ``QImage`` is safe off the GUI thread.
"""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.desk import UnitOfWork
from app.errors import IntegrityError
from app.services.case_file import EvidenceView, read_evidence
from reports.pdf_text import PDFIUM_LOCK
from ui.qt import QBuffer, QByteArray, QImage, QImageIOHandler, QImageReader, QIODevice, QSize
from ui.tasks import Cancelled

# Decoding limits: a hostile file must not take the desk's memory. A header claiming
# more pixels than this is refused before decoding; Qt refuses allocations above the
# allocation limit on its own too.
MAX_IMAGE_PIXELS = 250_000_000
ALLOCATION_LIMIT_MB = 256
# The sharper second decode for zooming in: long side at most this many pixels.
DETAIL_LONG_SIDE = 4096
MAX_TEXT_CHARS = 2_000_000
# A PDF page's "actual pixels" (1:1) are the page at this resolution, at most
# DETAIL_LONG_SIDE on the long side (a poster-sized page is not rendered at 200 dpi).
PDF_DPI = 200

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"})
RECORD_KINDS = frozenset({"order_record", "transaction_record", "logistics_record"})

Unavailability = Literal["missing", "altered", "not_downloaded", "too_large", "unreadable"]


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    image_format: str
    exif_taken: str | None  # as the camera wrote it, e.g. "2026:10:05 18:12:33"
    exif_offset: str | None  # e.g. "+08:00" where the camera recorded one
    camera: str | None
    software: str | None  # an editor named here is worth a second look


@dataclass(frozen=True)
class LoadedImage:
    image: QImage
    facts: ImageFacts
    full_resolution: bool  # False: decoded smaller than the original


@dataclass(frozen=True)
class ChatLine:
    at: datetime | None
    sender: str  # "buyer", "merchant", "platform" or a party id, as written
    text: str


@dataclass(frozen=True)
class LoadedChat:
    lines: tuple[ChatLine, ...]
    raw: str


@dataclass(frozen=True)
class LoadedRecord:
    data: Any
    raw: str  # the file's text exactly as submitted, one click away


@dataclass(frozen=True)
class LoadedText:
    text: str
    truncated: bool


@dataclass(frozen=True)
class PdfPage:
    """One page rendered as a picture of ``size`` pixels (perhaps rendered smaller)."""

    index: int  # from 0
    image: QImage
    size: QSize  # the page at PDF_DPI: what "actual pixels" means for it
    full_resolution: bool


@dataclass(frozen=True)
class LoadedPdf:
    data: bytes  # the verified bytes: every later page is rendered from these
    page_count: int
    page: PdfPage  # the first page


@dataclass(frozen=True)
class LoadedOther:
    data: bytes


@dataclass(frozen=True)
class Unavailable:
    reason: Unavailability
    detail: str = ""


Loaded = (
    LoadedImage | LoadedChat | LoadedRecord | LoadedText | LoadedPdf | LoadedOther | Unavailable
)


def read_checked(uow: UnitOfWork, item: EvidenceView) -> bytes | Unavailable:
    """The item's bytes, verified; or why they cannot be shown."""
    if item.integrity == "not_downloaded":
        return Unavailable("not_downloaded")
    try:
        return read_evidence(uow, item)
    except IntegrityError as exc:
        reason: Unavailability = "altered" if uow.evidence.has(item.sha256) else "missing"
        return Unavailable(reason, str(exc))


def load_evidence(
    uow: UnitOfWork, item: EvidenceView, long_side: int, cancel: threading.Event
) -> Loaded:
    """Everything the viewer needs to show ``item``; images decoded to ``long_side`` at most."""
    data = read_checked(uow, item)
    if isinstance(data, Unavailable):
        return data
    if cancel.is_set():
        raise Cancelled
    media = item.media_type.lower()
    if media in IMAGE_TYPES:
        return decode_image(data, long_side)
    if media == "application/pdf":
        return open_pdf(data, long_side)
    if media == "application/json":
        if item.kind == "chat_log":
            return parse_chat(data)
        if item.kind in RECORD_KINDS:
            return parse_record(data)
        return as_text(data)
    if media.startswith("text/"):
        return as_text(data)
    return LoadedOther(data)


# PDFium is not thread-safe, not even across documents: one call at a time in the whole
# process (https://pypdfium2-team.github.io/pypdfium2/python_api.html). Every document
# and page is opened and closed inside the lock, so no finalizer runs PDFium later. The
# lock is the one the publication gate's text extraction takes (reports.pdf_text).
_PDFIUM = PDFIUM_LOCK


def open_pdf(data: bytes, long_side: int) -> LoadedPdf | Unavailable:
    """How many pages the PDF has, and its first page rendered to ``long_side`` at most."""
    with _PDFIUM:
        rendered = _render_locked(data, 0, long_side)
    if isinstance(rendered, Unavailable):
        return rendered
    count, page = rendered
    return LoadedPdf(data, count, page)


def render_pdf_page(
    data: bytes, index: int, long_side: int, cancel: threading.Event | None = None
) -> PdfPage | Unavailable:
    """Page ``index`` (from 0) of verified PDF bytes, rendered to ``long_side`` at most."""
    with _PDFIUM:
        if cancel is not None and cancel.is_set():
            raise Cancelled
        rendered = _render_locked(data, index, long_side)
    return rendered if isinstance(rendered, Unavailable) else rendered[1]


def _render_locked(data: bytes, index: int, long_side: int) -> tuple[int, PdfPage] | Unavailable:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:  # damaged, encrypted, or not a PDF at all
        return Unavailable("unreadable", str(exc))
    try:
        count = len(document)
        if not 0 <= index < count:
            return Unavailable("unreadable", f"page {index + 1} of {count}")
        page = document[index]
        try:
            width_pt, height_pt = page.get_size()
            if not (width_pt > 0 and height_pt > 0):
                return Unavailable("unreadable", "empty page")
            # The page at PDF_DPI, but never more than DETAIL_LONG_SIDE on its long side.
            full = min(PDF_DPI / 72, DETAIL_LONG_SIDE / max(width_pt, height_pt))
            size = QSize(max(1, round(width_pt * full)), max(1, round(height_pt * full)))
            scale = min(full, max(1, long_side) / max(width_pt, height_pt))
            bitmap = page.render(scale=scale, rev_byteorder=True)
            try:
                image = _qimage(bitmap)
            finally:
                bitmap.close()
        finally:
            page.close()
    except pypdfium2.PdfiumError as exc:
        return Unavailable("unreadable", str(exc))
    finally:
        document.close()
    if image.isNull():
        return Unavailable("unreadable", "the page could not be drawn")
    return count, PdfPage(index, image, size, full_resolution=scale >= full)


def _qimage(bitmap: Any) -> QImage:
    """A QImage that owns a copy of the bitmap's pixels (PDFium's buffer is freed after)."""
    formats = {"RGB": QImage.Format.Format_RGB888, "RGBA": QImage.Format.Format_RGBA8888,
               "RGBX": QImage.Format.Format_RGBX8888, "L": QImage.Format.Format_Grayscale8}  # fmt: skip
    image_format = formats.get(bitmap.mode)
    if image_format is None:
        return QImage()
    pixels = bytes(bitmap.buffer)
    return QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, image_format).copy()


def decode_image(data: bytes, long_side: int) -> LoadedImage | Unavailable:
    """Decode at most ``long_side`` pixels on the long side (libjpeg scales while decoding)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return Unavailable("unreadable", reader.errorString())
    width, height = size.width(), size.height()
    if width * height > MAX_IMAGE_PIXELS:
        return Unavailable("too_large", f"{width} × {height}")
    scale = min(1.0, long_side / max(width, height))
    if scale < 1.0:
        reader.setScaledSize(QSize(max(1, round(width * scale)), max(1, round(height * scale))))
    # EXIF orientation: a photo taken upright is stored sideways; report it as seen.
    rotated = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    image_format = bytes(reader.format().data()).decode("ascii", "replace")
    image = reader.read()
    if image.isNull():
        return Unavailable("unreadable", reader.errorString())
    if rotated:
        width, height = height, width
    facts = _exif_facts(data, width, height, image_format)
    return LoadedImage(image, facts, full_resolution=scale >= 1.0)


def _exif_facts(data: bytes, width: int, height: int, image_format: str) -> ImageFacts:
    taken = offset = camera = software = None
    try:
        from PIL import Image

        # Opening reads the header only; the format list keeps Pillow to photo formats.
        with Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"]) as picture:
            exif = picture.getexif()
            sub = exif.get_ifd(0x8769)
            taken = _text(sub.get(36867) or exif.get(306))  # DateTimeOriginal, DateTime
            offset = _text(sub.get(36881))  # OffsetTimeOriginal
            make, model = _text(exif.get(271)), _text(exif.get(272))
            camera = " ".join(part for part in (make, model) if part) or None
            software = _text(exif.get(305))
    except Exception:  # noqa: S110 - a photo without readable EXIF simply has no EXIF facts
        pass
    return ImageFacts(width, height, image_format, taken, offset, camera, software)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = " ".join(str(value).replace("\x00", " ").split())
    return text[:200] or None


def _time(value: str) -> datetime | None:
    """An ISO 8601 time with its UTC offset, or None (a chat log's times are untrusted)."""
    try:
        moment = datetime.fromisoformat(value.strip()[:40])
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def parse_chat(data: bytes) -> LoadedChat | LoadedText:
    """A chat log: a JSON list of {at, from, text}; anything else is shown as text."""
    raw = data.decode("utf-8", "replace")
    try:
        entries = json.loads(raw)
    except ValueError:
        return as_text(data)
    if not isinstance(entries, list):
        return as_text(data)
    lines = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            return as_text(data)
        at = _time(entry["at"]) if isinstance(entry.get("at"), str) else None
        sender = entry.get("from")
        lines.append(ChatLine(at, sender if isinstance(sender, str) else "", entry["text"]))
    return LoadedChat(tuple(lines), raw)


def parse_record(data: bytes) -> LoadedRecord | LoadedText:
    raw = data.decode("utf-8", "replace")
    try:
        parsed = json.loads(raw)
    except ValueError:
        return as_text(data)
    return LoadedRecord(parsed, raw)


def as_text(data: bytes) -> LoadedText:
    text = data.decode("utf-8", "replace")
    truncated = len(text) > MAX_TEXT_CHARS
    return LoadedText(text[:MAX_TEXT_CHARS], truncated)
