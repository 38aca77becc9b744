"""Evidence pictures drawn with Pillow: listings, photos of what arrived, screenshots.

The listing and the received item really differ (colour, material label, defects), as a
mediator comparing them side by side would expect; photos carry the date stamp a phone
camera app adds. Everything is drawn from a seed, so the same case gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import math
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from platform_server.demo import fonts

RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

PHOTO_SIZE = (800, 600)
SCREEN_SIZE = (540, 960)


@functools.cache
def font(size: int, cjk: bool = True) -> Font:
    found = fonts.cjk_sans() if cjk else None
    found = found or fonts.latin()
    if found is None:
        return ImageFont.load_default(size)
    path, index = found
    return ImageFont.truetype(path, size, index=index)


def can_draw_chinese() -> bool:
    return fonts.has_cjk()


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=84, optimize=False)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=80, method=2)
    else:
        image.save(out, "PNG", compress_level=3)
    return out.getvalue()


@functools.cache
def _texture(kind: str) -> Image.Image:
    """A surface to photograph things on: cached, because noise is the slow part."""
    base = {
        "wood": (150, 108, 72),
        "desk": (214, 206, 192),
        "floor": (120, 120, 118),
        "sheet": (226, 224, 232),
        "carpet": (96, 84, 90),
    }[kind]
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, base)
    draw = ImageDraw.Draw(image)
    rng = random.Random(kind)
    if kind == "wood":
        for y in range(0, height, 3):
            shade = int(18 * math.sin(y / 17.0) + rng.randrange(-6, 6))
            draw.line(
                [(0, y), (width, y + rng.randrange(-4, 4))], fill=_shade(base, shade), width=3
            )
    elif kind == "floor":
        for x in range(0, width, 160):
            draw.line([(x, 0), (x + 40, height)], fill=_shade(base, -25), width=2)
    noise = Image.effect_noise(PHOTO_SIZE, 22).convert("RGB")
    image = Image.blend(image, noise, 0.10)
    # Light falls off towards the corners, as in a phone photo indoors.
    return Image.composite(image, Image.new("RGB", PHOTO_SIZE, _shade(base, -55)), _vignette())


@functools.cache
def _vignette() -> Image.Image:
    width, height = PHOTO_SIZE
    mask = (
        Image.radial_gradient("L")
        .resize((width * 2, height * 2))
        .crop((width // 2, height // 2, width // 2 + width, height // 2 + height))
    )
    return mask.point(lambda value: 255 - min(255, max(0, value - 90) * 2))


def _shade(color: RGB, amount: int) -> RGB:
    return (
        max(0, min(255, color[0] + amount)),
        max(0, min(255, color[1] + amount)),
        max(0, min(255, color[2] + amount)),
    )


# ---------------------------------------------------------------------------------------
# Products as simple silhouettes (normalised coordinates, centred on 0,0).

SHAPES: dict[str, list[tuple[float, float]]] = {
    "coat": [
        (-0.18, -0.48),
        (0.18, -0.48),
        (0.42, -0.36),
        (0.5, 0.2),
        (0.38, 0.22),
        (0.33, -0.1),
        (0.32, 0.5),
        (-0.32, 0.5),
        (-0.33, -0.1),
        (-0.38, 0.22),
        (-0.5, 0.2),
        (-0.42, -0.36),
    ],
    "top": [
        (-0.16, -0.4),
        (0.16, -0.4),
        (0.5, -0.25),
        (0.42, -0.02),
        (0.3, -0.08),
        (0.3, 0.4),
        (-0.3, 0.4),
        (-0.3, -0.08),
        (-0.42, -0.02),
        (-0.5, -0.25),
    ],
    "shoe": [
        (-0.5, 0.12),
        (-0.48, -0.05),
        (-0.3, -0.1),
        (-0.1, -0.3),
        (0.15, -0.32),
        (0.22, -0.1),
        (0.45, 0.0),
        (0.5, 0.12),
        (0.5, 0.2),
        (-0.5, 0.2),
    ],
    "bag": [(-0.36, -0.12), (0.36, -0.12), (0.46, 0.38), (-0.46, 0.38)],
    "device": [(-0.22, -0.36), (0.22, -0.36), (0.22, 0.36), (-0.22, 0.36)],
    "phone": [(-0.2, -0.42), (0.2, -0.42), (0.2, 0.42), (-0.2, 0.42)],
    "box": [(-0.4, -0.25), (0.4, -0.25), (0.4, 0.32), (-0.4, 0.32)],
    "bottle": [
        (-0.06, -0.45),
        (0.06, -0.45),
        (0.06, -0.3),
        (0.16, -0.22),
        (0.16, 0.42),
        (-0.16, 0.42),
        (-0.16, -0.22),
        (-0.06, -0.3),
    ],
    "jar": [(-0.26, -0.2), (0.26, -0.2), (0.28, 0.36), (-0.28, 0.36)],
    "appliance": [(-0.3, -0.3), (0.3, -0.3), (0.36, 0.38), (-0.36, 0.38)],
    "headphones": [(-0.34, 0.0), (-0.2, 0.0), (-0.2, 0.3), (-0.34, 0.3)],
    "toy": [(-0.2, -0.1), (0.2, -0.1), (0.24, 0.34), (-0.24, 0.34)],
    "vase": [
        (-0.07, -0.45),
        (0.07, -0.45),
        (0.06, -0.3),
        (0.2, -0.1),
        (0.22, 0.15),
        (0.12, 0.42),
        (-0.12, 0.42),
        (-0.22, 0.15),
        (-0.2, -0.1),
        (-0.06, -0.3),
    ],
}


def _place(
    points: Sequence[tuple[float, float]], cx: float, cy: float, scale: float, angle: float
) -> list[tuple[float, float]]:
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    return [
        (cx + scale * (x * cos_a - y * sin_a), cy + scale * (x * sin_a + y * cos_a))
        for x, y in points
    ]


def draw_product(
    draw: ImageDraw.ImageDraw,
    shape: str,
    color: RGB,
    cx: float,
    cy: float,
    scale: float,
    angle: float = 0.0,
    label: str | None = None,
    shadow: RGB | None = (228, 226, 224),
) -> list[tuple[float, float]]:
    """Draw a product; returns its outline (for placing defects on it)."""
    outline = _place(SHAPES.get(shape, SHAPES["box"]), cx, cy, scale, angle)
    if shadow is not None:
        draw.polygon([(x + scale * 0.02, y + scale * 0.025) for x, y in outline], fill=shadow)
    draw.polygon(outline, fill=color, outline=_shade(color, -45))
    place = functools.partial(_place, cx=cx, cy=cy, scale=scale, angle=angle)
    dark = _shade(color, -40)
    light = _shade(color, 35)
    if shape == "coat":
        draw.line(place([(0.0, -0.45), (0.0, 0.5)]), fill=dark, width=3)
        for y in (-0.25, -0.05, 0.15, 0.35):
            x, yy = place([(0.05, y)])[0]
            draw.ellipse([x - 6, yy - 6, x + 6, yy + 6], fill=_shade(color, -70))
        draw.polygon(place([(-0.18, -0.48), (0.0, -0.28), (0.18, -0.48)]), fill=dark)
    elif shape == "top":
        draw.arc(
            [*place([(-0.12, -0.48)])[0], *place([(0.12, -0.32)])[0]], 0, 180, fill=dark, width=4
        )
    elif shape == "shoe":
        draw.polygon(
            place([(-0.5, 0.12), (0.5, 0.12), (0.5, 0.2), (-0.5, 0.2)]), fill=(236, 236, 230)
        )
        for step in range(4):
            draw.line(
                place([(-0.08 + step * 0.06, -0.26), (0.0 + step * 0.06, -0.1)]),
                fill=light,
                width=3,
            )
        draw.line(place([(-0.35, 0.02), (0.1, -0.05), (0.35, 0.06)]), fill=light, width=6)
    elif shape == "bag":
        draw.arc([*place([(-0.2, -0.4)])[0], *place([(0.2, 0.0)])[0]], 180, 360, fill=dark, width=8)
        draw.line(place([(-0.36, 0.02), (0.36, 0.02)]), fill=dark, width=2)
    elif shape in ("device", "phone"):
        inner = place([(-0.17, -0.36), (0.17, -0.36), (0.17, 0.32), (-0.17, 0.32)])
        draw.polygon(inner, fill=(24, 26, 30) if shape == "phone" else _shade(color, 15))
        if shape == "device":
            for i in range(4):
                x, y = place([(-0.09 + i * 0.06, 0.25)])[0]
                draw.ellipse(
                    [x - 4, y - 4, x + 4, y + 4], fill=(70, 200, 120) if i < 3 else (60, 60, 60)
                )
    elif shape == "bottle":
        draw.polygon(
            place([(-0.07, -0.5), (0.07, -0.5), (0.07, -0.42), (-0.07, -0.42)]), fill=(40, 40, 40)
        )
        draw.polygon(
            place([(-0.14, -0.05), (0.14, -0.05), (0.14, 0.25), (-0.14, 0.25)]),
            fill=(246, 243, 236),
        )
    elif shape == "jar":
        draw.polygon(
            place([(-0.28, -0.3), (0.28, -0.3), (0.28, -0.2), (-0.28, -0.2)]),
            fill=_shade(color, -60),
        )
        draw.polygon(
            place([(-0.24, -0.05), (0.24, -0.05), (0.24, 0.22), (-0.24, 0.22)]),
            fill=(250, 248, 240),
        )
    elif shape == "appliance":
        draw.polygon(
            place([(-0.12, -0.2), (0.12, -0.2), (0.12, -0.08), (-0.12, -0.08)]), fill=(20, 30, 40)
        )
        draw.line(place([(0.36, -0.1), (0.5, -0.1), (0.5, 0.2), (0.36, 0.2)]), fill=dark, width=8)
    elif shape == "headphones":
        draw.arc(
            [*place([(-0.27, -0.4)])[0], *place([(0.27, 0.4)])[0]], 180, 360, fill=dark, width=12
        )
        draw.polygon(
            place([(0.2, 0.0), (0.34, 0.0), (0.34, 0.3), (0.2, 0.3)]), fill=color, outline=dark
        )
    elif shape == "box":
        draw.line(place([(-0.4, -0.12), (0.4, -0.12)]), fill=dark, width=3)
    elif shape == "toy":
        x, y = place([(0.0, -0.28)])[0]
        radius = scale * 0.18
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=color, outline=dark)
    if label:
        lx, ly = place([(0.0, 0.08 if shape in ("bottle", "jar") else 0.02)])[0]
        text_font = font(max(12, int(scale * 0.05)))
        draw.text((lx, ly), label, font=text_font, fill=(30, 30, 30), anchor="mm")
    return outline


def draw_defects(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    outline: list[tuple[float, float]],
    defects: Sequence[str],
    scale: float,
    colour: RGB = (120, 170, 190),
) -> None:
    xs = [x for x, _ in outline]
    ys = [y for _, y in outline]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)

    def spot() -> tuple[float, float]:
        return rng.uniform(left + (right - left) * 0.3, right - (right - left) * 0.3), rng.uniform(
            top + (bottom - top) * 0.3, bottom - (bottom - top) * 0.3
        )

    for defect in defects:
        if defect == "pilling":
            for _ in range(260):
                x, y = rng.uniform(left, right), rng.uniform(top, bottom)
                r = rng.uniform(1.5, 3.5)
                draw.ellipse([x - r, y - r, x + r, y + r], fill=(190, 186, 180))
        elif defect == "stain":
            x, y = spot()
            for _ in range(6):
                r = rng.uniform(scale * 0.03, scale * 0.07)
                dx, dy = rng.uniform(-20, 20), rng.uniform(-20, 20)
                draw.ellipse([x + dx - r, y + dy - r, x + dx + r, y + dy + r], fill=(92, 78, 52))
        elif defect in ("scratch", "crack"):
            x, y = spot()
            for _ in range(5 if defect == "crack" else 3):
                points = [(x, y)]
                for _ in range(4):
                    x2 = points[-1][0] + rng.uniform(-60, 60)
                    y2 = points[-1][1] + rng.uniform(-60, 60)
                    points.append((x2, y2))
                draw.line(
                    points, fill=(235, 235, 235) if defect == "crack" else (200, 200, 200), width=2
                )
        elif defect == "burn":
            x, y = spot()
            for radius, colour in (
                (scale * 0.14, (70, 50, 30)),
                (scale * 0.09, (38, 30, 24)),
                (scale * 0.04, (10, 10, 10)),
            ):
                jitter = [
                    (
                        x + radius * math.cos(a) * rng.uniform(0.7, 1.2),
                        y + radius * math.sin(a) * rng.uniform(0.7, 1.2),
                    )
                    for a in [i * math.pi / 8 for i in range(16)]
                ]
                draw.polygon(jitter, fill=colour)
        elif defect in ("hole", "tear"):
            x, y = spot()
            r = scale * 0.04
            draw.polygon(
                [(x - r, y), (x, y - r * 1.6), (x + r, y + r * 0.4), (x - r * 0.2, y + r * 1.3)],
                fill=(30, 28, 26),
            )
        elif defect == "mould":
            for _ in range(40):
                x, y = spot()
                r = rng.uniform(2, 7)
                draw.ellipse([x - r, y - r, x + r, y + r], fill=(96, 128, 70))
        elif defect == "shatter":
            # The object lies in pieces: shards of its colour, heaped where it broke.
            cx, cy = (left + right) / 2, (top + bottom) / 2
            for _ in range(46):
                x, y = (
                    rng.gauss(cx, (right - left) * 0.45),
                    rng.gauss(cy + 40, (bottom - top) * 0.22),
                )
                r = rng.uniform(scale * 0.03, scale * 0.11)
                corners = sorted(rng.uniform(0, 6.28) for _ in range(rng.choice((3, 4))))
                shard = [
                    (x + r * math.cos(a), y + r * rng.uniform(0.4, 1.0) * math.sin(a))
                    for a in corners
                ]
                draw.polygon(
                    shard, fill=_shade(colour, rng.randrange(-30, 40)), outline=(236, 242, 246)
                )
        elif defect == "dent":
            x, y = spot()
            draw.arc([x - 50, y - 30, x + 50, y + 30], 200, 340, fill=(60, 50, 40), width=5)


def _stamp(draw: ImageDraw.ImageDraw, text: str) -> None:
    """The date and place a 'watermark camera' app prints on every photo."""
    stamp_font = font(20)
    width, height = PHOTO_SIZE
    draw.text(
        (width - 16, height - 14),
        text,
        font=stamp_font,
        fill=(255, 196, 40),
        anchor="rd",
        stroke_width=2,
        stroke_fill=(30, 30, 30),
    )


def product_photo(
    seed: str,
    shape: str,
    color: RGB,
    defects: Sequence[str] = (),
    stamp: str = "",
    label: str | None = None,
    surface: str | None = None,
    fmt: str = "JPEG",
) -> bytes:
    """A photo of the item as it arrived, on a table or the floor, at a slight angle."""
    rng = random.Random(seed)
    surface = surface or rng.choice(("wood", "desk", "floor", "sheet", "carpet"))
    image = _texture(surface).copy()
    draw = ImageDraw.Draw(image)
    scale = rng.uniform(430, 520)
    angle = rng.uniform(-0.22, 0.22)
    cx = PHOTO_SIZE[0] / 2 + rng.uniform(-40, 40)
    cy = PHOTO_SIZE[1] / 2 + rng.uniform(-20, 30)
    draw = ImageDraw.Draw(image)
    if "shatter" in defects:
        outline = _place(SHAPES.get(shape, SHAPES["box"]), cx, cy, scale, angle)
    else:
        _soft_shadow(image, shape, cx + scale * 0.03, cy + scale * 0.04, scale, angle)
        draw = ImageDraw.Draw(image)
        outline = draw_product(draw, shape, color, cx, cy, scale, angle, label, shadow=None)
    draw_defects(draw, rng, outline, defects, scale, color)
    if stamp:
        _stamp(draw, stamp)
    image = image.filter(ImageFilter.SMOOTH) if rng.random() < 0.5 else image
    return _encode(image, fmt)


def _soft_shadow(
    image: Image.Image, shape: str, cx: float, cy: float, scale: float, angle: float
) -> None:
    """A blurred shadow under the object; blurred at quarter size, which is cheap."""
    factor = 4
    small = (PHOTO_SIZE[0] // factor, PHOTO_SIZE[1] // factor)
    mask = Image.new("L", small, 0)
    points = _place(
        SHAPES.get(shape, SHAPES["box"]), cx / factor, cy / factor, scale / factor, angle
    )
    ImageDraw.Draw(mask).polygon(points, fill=150)
    mask = mask.filter(ImageFilter.GaussianBlur(3)).resize(PHOTO_SIZE, Image.Resampling.BILINEAR)
    image.paste((20, 16, 14), (0, 0), mask)


def label_photo(seed: str, lines: Sequence[str], stamp: str = "") -> bytes:
    """A close-up of a garment's care label, the material line the dispute is about."""
    rng = random.Random(seed)
    image = _texture("sheet").copy()
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    angle = rng.uniform(-0.08, 0.08)
    tag = _place(
        [(-0.3, -0.42), (0.3, -0.42), (0.3, 0.42), (-0.3, 0.42)], width / 2, height / 2, 640, angle
    )
    draw.polygon([(x + 8, y + 10) for x, y in tag], fill=(150, 150, 150))
    draw.polygon(tag, fill=(250, 250, 246), outline=(210, 210, 205))
    text_font = font(26)
    y = height / 2 - 190
    for line in lines:
        x0 = width / 2 - 170 + math.sin(angle) * (y - height / 2)
        draw.text((x0, y), line, font=text_font, fill=(40, 40, 48))
        y += 44
    # Care symbols: a wash tub, a crossed triangle, an iron.
    sy = y + 20
    sx = width / 2 - 150
    draw.polygon(
        [(sx, sy), (sx + 50, sy), (sx + 42, sy + 30), (sx + 8, sy + 30)],
        outline=(40, 40, 48),
        width=3,
    )
    draw.polygon(
        [(sx + 90, sy + 30), (sx + 115, sy - 4), (sx + 140, sy + 30)], outline=(40, 40, 48), width=3
    )
    draw.line([(sx + 88, sy - 4), (sx + 142, sy + 32)], fill=(40, 40, 48), width=3)
    draw.polygon(
        [(sx + 180, sy + 30), (sx + 190, sy), (sx + 230, sy), (sx + 236, sy + 30)],
        outline=(40, 40, 48),
        width=3,
    )
    if stamp:
        _stamp(draw, stamp)
    return _encode(image, "JPEG")


def parcel_photo(
    seed: str, carrier: str, tracking: str, recipient: str, damage: Sequence[str], stamp: str = ""
) -> bytes:
    """A parcel as delivered: the waybill on top, crushed or torn where it was damaged."""
    rng = random.Random(seed)
    image = _texture(rng.choice(("floor", "carpet", "desk"))).copy()
    draw = ImageDraw.Draw(image)
    scale = rng.uniform(560, 640)
    angle = rng.uniform(-0.15, 0.15)
    width, height = PHOTO_SIZE
    _soft_shadow(image, "box", width / 2 + 18, height / 2 + 24, scale, angle)
    draw = ImageDraw.Draw(image)
    outline = draw_product(
        draw, "box", (196, 156, 106), width / 2, height / 2, scale, angle, shadow=None
    )
    label = _place(
        [(-0.3, -0.2), (0.06, -0.2), (0.06, 0.1), (-0.3, 0.1)], width / 2, height / 2, scale, angle
    )
    draw.polygon(label, fill=(248, 248, 244))
    lx, ly = label[0]
    small = font(17)
    for index, line in enumerate((carrier, tracking, recipient)):
        draw.text((lx + 10, ly + 10 + index * 26), line, font=small, fill=(20, 20, 20))
    bx = lx + 10
    by = ly + 95
    for step in range(34):
        if rng.random() < 0.6:
            draw.line(
                [(bx + step * 5, by), (bx + step * 5, by + 40)],
                fill=(10, 10, 10),
                width=rng.choice((1, 2, 3)),
            )
    draw_defects(draw, rng, outline, damage, scale)
    if stamp:
        _stamp(draw, stamp)
    return _encode(image, "JPEG")


# ---------------------------------------------------------------------------------------
# Screenshots (PNG, flat colours, like a phone's)


def _wrap(text: str, text_font: Font, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if text_font.getlength(line + char) > width and line:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def _status_bar(draw: ImageDraw.ImageDraw, time_text: str) -> None:
    draw.rectangle([0, 0, SCREEN_SIZE[0], 34], fill=(250, 250, 250))
    draw.text((18, 17), time_text, font=font(18), fill=(20, 20, 20), anchor="lm")
    draw.rectangle([480, 10, 516, 24], outline=(20, 20, 20), width=2)
    draw.rectangle([483, 13, 505, 21], fill=(20, 20, 20))


def listing_screenshot(
    seed: str,
    title: str,
    price: str,
    old_price: str,
    tags: Sequence[str],
    shop: str,
    shape: str,
    color: RGB,
    sold: str,
    buttons: tuple[str, str],
    time_text: str = "20:31",
    label: str | None = None,
) -> bytes:
    """The product page as the buyer saw it when ordering."""
    rng = random.Random(seed)
    width, height = SCREEN_SIZE
    image = Image.new("RGB", SCREEN_SIZE, (244, 244, 246))
    draw = ImageDraw.Draw(image)
    _status_bar(draw, time_text)
    draw.rectangle([0, 34, width, 34 + width], fill=(252, 250, 248))
    draw_product(draw, shape, color, width / 2, 34 + width / 2, 430, 0.0, label)
    y = 34 + width + 14
    draw.rectangle([0, y - 14, width, y + 70], fill=(255, 80, 40))
    draw.text((18, y + 28), price, font=font(40), fill=(255, 255, 255), anchor="lm")
    draw.text((width - 18, y + 28), old_price, font=font(20), fill=(255, 220, 200), anchor="rm")
    old_w = font(20).getlength(old_price)
    draw.line([(width - 18 - old_w, y + 28), (width - 18, y + 28)], fill=(255, 220, 200), width=2)
    y += 84
    draw.rectangle([0, y - 6, width, height - 70], fill=(255, 255, 255))
    tag_font = font(17)
    x = 18.0
    for tag in tags:
        tag_w = tag_font.getlength(tag) + 16
        if x + tag_w > width - 18:
            break
        draw.rounded_rectangle([x, y, x + tag_w, y + 28], radius=6, outline=(255, 110, 40), width=2)
        draw.text((x + 8, y + 14), tag, font=tag_font, fill=(255, 90, 30), anchor="lm")
        x += tag_w + 10
    y += 42
    title_font = font(24)
    for line in _wrap(title, title_font, width - 36)[:3]:
        draw.text((18, y), line, font=title_font, fill=(24, 24, 24))
        y += 34
    draw.text((18, y + 6), sold, font=font(17), fill=(140, 140, 140))
    y += 50
    draw.line([(0, y), (width, y)], fill=(236, 236, 236), width=8)
    draw.ellipse([18, y + 20, 66, y + 68], fill=(rng.randrange(60, 200), 90, 120))
    draw.text((78, y + 44), shop, font=font(20), fill=(24, 24, 24), anchor="lm")
    draw.rectangle([0, height - 70, width, height], fill=(255, 255, 255))
    draw.rounded_rectangle([230, height - 58, 380, height - 14], radius=22, fill=(255, 190, 0))
    draw.rounded_rectangle([384, height - 58, 530, height - 14], radius=22, fill=(255, 80, 40))
    draw.text((305, height - 36), buttons[0], font=font(18), fill=(255, 255, 255), anchor="mm")
    draw.text((457, height - 36), buttons[1], font=font(18), fill=(255, 255, 255), anchor="mm")
    return _encode(image, "PNG")


def text_screenshot(
    seed: str,
    header: str,
    bubbles: Sequence[tuple[str, str]],
    time_text: str = "09:12",
    accent: RGB = (48, 120, 220),
) -> bytes:
    """A phone screen with a header and message bubbles (bank SMS, promotion rules)."""
    width, height = SCREEN_SIZE
    image = Image.new("RGB", SCREEN_SIZE, (237, 237, 240))
    draw = ImageDraw.Draw(image)
    _status_bar(draw, time_text)
    draw.rectangle([0, 34, width, 96], fill=accent)
    draw.text((width / 2, 65), header, font=font(24), fill=(255, 255, 255), anchor="mm")
    body_font = font(20)
    small = font(15)
    y = 118
    for stamp_text, text in bubbles:
        lines = _wrap(text, body_font, width - 90)
        box_h = 24 + 30 * len(lines)
        if y + box_h + 30 > height:
            break
        draw.text((width / 2, y), stamp_text, font=small, fill=(150, 150, 150), anchor="mt")
        y += 26
        draw.rounded_rectangle([22, y, width - 40, y + box_h], radius=14, fill=(255, 255, 255))
        for index, line in enumerate(lines):
            draw.text((38, y + 12 + index * 30), line, font=body_font, fill=(30, 30, 30))
        y += box_h + 22
    return _encode(image, "PNG")
