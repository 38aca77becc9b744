"""Reading and decoding one evidence item, on a worker thread.

:func:`load_evidence` reads the bytes through ``read_evidence`` (size and SHA-256 are
checked on every open), then prepares what the viewer needs: a decoded image (scaled
down while decoding, within size limits), parsed chat lines, a parsed record, text, or
the PDF's bytes. Nothing here touches a widget; ``QImage`` is safe off the GUI thread.
"""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.desk import Desk
from app.errors import IntegrityError
from app.services.case_file import EvidenceView, read_evidence
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
class LoadedPdf:
    data: bytes


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


def read_checked(desk: Desk, item: EvidenceView) -> bytes | Unavailable:
    """The item's bytes, verified; or why they cannot be shown."""
    if item.integrity == "not_downloaded":
        return Unavailable("not_downloaded")
    with desk.unit_of_work(read_only=True) as uow:
        try:
            return read_evidence(uow, item)
        except IntegrityError as exc:
            reason: Unavailability = "altered" if uow.evidence.has(item.sha256) else "missing"
            return Unavailable(reason, str(exc))


def load_evidence(
    desk: Desk, item: EvidenceView, long_side: int, cancel: threading.Event
) -> Loaded:
    """Everything the viewer needs to show ``item``; images decoded to ``long_side`` at most."""
    data = read_checked(desk, item)
    if isinstance(data, Unavailable):
        return data
    if cancel.is_set():
        raise Cancelled
    media = item.media_type.lower()
    if media in IMAGE_TYPES:
        return decode_image(data, long_side)
    if media == "application/pdf":
        return LoadedPdf(data)
    if media == "application/json":
        if item.kind == "chat_log":
            return parse_chat(data)
        if item.kind in RECORD_KINDS:
            return parse_record(data)
        return as_text(data)
    if media.startswith("text/"):
        return as_text(data)
    return LoadedOther(data)


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


def exif_time(facts: ImageFacts) -> datetime | None:
    """The EXIF capture time as a datetime (aware only when the camera wrote an offset)."""
    if not facts.exif_taken:
        return None
    try:
        moment = datetime.strptime(facts.exif_taken[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if facts.exif_offset:
        aware = _time(moment.strftime("%Y-%m-%dT%H:%M:%S") + facts.exif_offset)
        return aware or moment
    return moment


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
