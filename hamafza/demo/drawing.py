"""Pictures for the demo, drawn locally with Pillow (nothing is downloaded).

`illustration()` draws an abstract 1200×675 scene for a sector (a road, rails, waves and a ship,
a plane, a skyline, clouds); `emblem()` draws an agency's round logo. No text is drawn: Persian
needs shaping, and a picture without words suits every caption.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675

RGB = tuple[int, int, int]

# Sky (top, bottom) and accent per sector code.
PALETTES: dict[str, tuple[RGB, RGB, RGB]] = {
    "road": ((250, 204, 140), (236, 120, 72), (68, 64, 72)),
    "rail": ((164, 196, 232), (246, 214, 170), (92, 64, 52)),
    "maritime": ((132, 196, 236), (220, 240, 250), (18, 82, 140)),
    "air": ((70, 130, 210), (190, 224, 250), (240, 244, 250)),
    "urban": ((252, 224, 190), (196, 150, 200), (60, 70, 110)),
    "meteorology": ((120, 140, 170), (214, 204, 180), (250, 250, 252)),
}


def hex_to_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _shade(c: RGB, t: float) -> RGB:
    """Darker for t < 0, lighter for t > 0."""
    return _mix(c, (0, 0, 0) if t < 0 else (255, 255, 255), abs(t))


def _gradient(top: RGB, bottom: RGB, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """A vertical gradient: one column computed, then stretched sideways."""
    width, height = size
    column = bytes(v for y in range(height) for v in _mix(top, bottom, y / (height - 1)))
    return Image.frombytes("RGB", (1, height), column).resize(size, Image.NEAREST)


def _hills(draw: ImageDraw.ImageDraw, rng: random.Random, base_y: int, color: RGB, amp: int) -> None:
    phase, freq = rng.uniform(0, 6.28), rng.uniform(0.004, 0.009)
    pts = [(x, base_y - amp * (0.6 + 0.4 * math.sin(x * freq + phase)) * abs(math.sin(x * freq * 0.37 + phase)))
           for x in range(0, WIDTH + 41, 40)]
    draw.polygon([(0, HEIGHT), *pts, (WIDTH, HEIGHT)], fill=color)


def _sun(draw: ImageDraw.ImageDraw, x: int, y: int, r: int, color: RGB) -> None:
    for i, t in enumerate((0.75, 0.45, 0.0)):
        rr = r + (2 - i) * r // 3
        draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=_mix(color, (255, 255, 255), t * 0.6))


def _cloud(draw: ImageDraw.ImageDraw, x: int, y: int, s: float, fill) -> None:
    for dx, dy, r in ((0, 0, 46), (52, -22, 58), (112, -4, 48), (60, 16, 52), (-40, 14, 36), (150, 18, 34)):
        r = r * s
        cx, cy = x + dx * s, y + dy * s
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)


def _road(img: Image.Image, d: ImageDraw.ImageDraw, rng: random.Random, accent: RGB) -> None:
    horizon = rng.randint(300, 360)
    _sun(d, rng.randint(200, 1000), horizon - rng.randint(60, 140), 55, (255, 236, 170))
    _hills(d, rng, horizon + 10, (176, 132, 96), 90)
    d.rectangle((0, horizon, WIDTH, HEIGHT), fill=(214, 176, 122))
    vx = WIDTH // 2 + rng.randint(-120, 120)
    d.polygon([(vx - 8, horizon), (vx + 8, horizon), (WIDTH * 0.92, HEIGHT), (WIDTH * 0.08, HEIGHT)], fill=accent)
    d.polygon([(vx - 8, horizon), (vx - 4, horizon), (WIDTH * 0.12, HEIGHT), (WIDTH * 0.08, HEIGHT)], fill=(250, 250, 240))
    d.polygon([(vx + 4, horizon), (vx + 8, horizon), (WIDTH * 0.92, HEIGHT), (WIDTH * 0.88, HEIGHT)], fill=(250, 250, 240))
    # Centre dashes, longer as they come closer.
    y = horizon + 6.0
    while y < HEIGHT:
        t = (y - horizon) / (HEIGHT - horizon)
        length, half = 8 + 70 * t, 1 + 9 * t
        x0 = vx + (WIDTH / 2 - vx) * t
        t2 = min(1.0, (y + length - horizon) / (HEIGHT - horizon))
        x1 = vx + (WIDTH / 2 - vx) * t2
        d.polygon([(x0 - half, y), (x0 + half, y), (x1 + half * 1.2, y + length), (x1 - half * 1.2, y + length)], fill=(252, 214, 64))
        y += length * 1.9
    # Reflector posts.
    for i in range(1, 7):
        t = (i / 7) ** 1.6
        y = horizon + (HEIGHT - horizon) * t
        for side in (-1, 1):
            x = vx + side * 10 + (WIDTH * (0.5 + side * 0.47) - vx - side * 10) * t
            h = 10 + 70 * t
            d.rectangle((x - 2 - 4 * t, y - h, x + 2 + 4 * t, y), fill=(245, 245, 245))
            d.rectangle((x - 2 - 4 * t, y - h, x + 2 + 4 * t, y - h * 0.8), fill=(230, 80, 50))


def _rail(img: Image.Image, d: ImageDraw.ImageDraw, rng: random.Random, accent: RGB) -> None:
    horizon = rng.randint(280, 340)
    _hills(d, rng, horizon + 5, (150, 140, 150), 110)
    _hills(d, rng, horizon + 15, (190, 160, 120), 60)
    d.rectangle((0, horizon + 10, WIDTH, HEIGHT), fill=(200, 170, 130))
    vx = WIDTH // 2 + rng.randint(-200, 200)
    d.polygon([(vx - 6, horizon + 10), (vx + 6, horizon + 10), (WIDTH * 0.85, HEIGHT), (WIDTH * 0.15, HEIGHT)], fill=(150, 140, 130))
    y, step = float(HEIGHT), 64.0
    while y > horizon + 14:
        t = (y - horizon - 10) / (HEIGHT - horizon - 10)
        half = 10 + 330 * t
        x = vx + (WIDTH / 2 - vx) * t
        d.rectangle((x - half, y - 6 * t - 2, x + half, y), fill=accent)
        y -= step * t + 2
    for side in (-1, 1):
        d.line([(vx + side * 3, horizon + 10), (WIDTH / 2 + side * 260, HEIGHT)], fill=(220, 220, 228), width=9)
        d.line([(vx + side * 3, horizon + 10), (WIDTH / 2 + side * 260, HEIGHT)], fill=(120, 120, 132), width=3)
    # Catenary poles on one side.
    for i in range(1, 6):
        t = (i / 6) ** 1.5
        x = vx - 20 + (WIDTH * 0.05 - vx) * t
        y = horizon + 10 + (HEIGHT - horizon - 10) * t
        d.line([(x, y), (x, y - 30 - 260 * t)], fill=(70, 70, 80), width=max(2, int(10 * t)))


def _maritime(img: Image.Image, d: ImageDraw.ImageDraw, rng: random.Random, accent: RGB) -> None:
    sea = rng.randint(400, 450)
    # Cranes on the quay.
    for i in range(rng.randint(2, 4)):
        x = 80 + i * 150 + rng.randint(-20, 20)
        d.line([(x, sea), (x, sea - 230)], fill=(200, 70, 50), width=10)
        d.line([(x + 60, sea), (x + 60, sea - 230)], fill=(200, 70, 50), width=10)
        d.line([(x - 90, sea - 220), (x + 150, sea - 220)], fill=(200, 70, 50), width=12)
    d.rectangle((0, sea - 14, WIDTH * 0.5, sea), fill=(110, 110, 120))
    # A container ship.
    sx = rng.randint(560, 720)
    d.polygon([(sx, sea - 40), (sx + 520, sea - 40), (sx + 470, sea + 30), (sx + 40, sea + 30)], fill=(40, 50, 70))
    d.rectangle((sx + 430, sea - 130, sx + 490, sea - 40), fill=(240, 240, 240))
    colors = [(214, 90, 60), (40, 120, 170), (230, 170, 50), (60, 150, 110), (150, 70, 120)]
    for row in range(3):
        for col in range(8):
            if rng.random() < 0.85:
                x0 = sx + 30 + col * 48
                y0 = sea - 64 - row * 26
                d.rectangle((x0, y0, x0 + 44, y0 + 23), fill=rng.choice(colors))
    d.rectangle((0, sea, WIDTH, HEIGHT), fill=accent)
    for k in range(9):
        y = sea + 20 + k * 28
        amp, phase = 4 + k, rng.uniform(0, 6.28)
        pts = [(x, y + amp * math.sin(x / (40 + 6 * k) + phase)) for x in range(0, WIDTH + 20, 20)]
        d.line(pts, fill=_shade(accent, 0.15 + 0.04 * k), width=3 + k // 2)


def _air(img: Image.Image, d: ImageDraw.ImageDraw, rng: random.Random, accent: RGB) -> None:
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    o = ImageDraw.Draw(overlay)
    for _ in range(4):
        _cloud(o, rng.randint(-50, 1100), rng.randint(80, 560), rng.uniform(0.7, 1.5), (255, 255, 255, 150))
    img.paste(Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB"))
    d = ImageDraw.Draw(img)
    cx, cy = rng.randint(520, 700), rng.randint(260, 380)
    angle = math.radians(rng.uniform(-18, -6))

    def rot(pts):
        ca, sa = math.cos(angle), math.sin(angle)
        return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in pts]

    d.line(rot([(-900, 6), (-260, 6)]), fill=(255, 255, 255), width=5)
    d.line(rot([(-900, -8), (-260, -8)]), fill=(235, 242, 250), width=3)
    d.polygon(rot([(-40, 0), (60, 0), (-120, -220), (-170, -220)]), fill=_shade(accent, -0.15))
    d.polygon(rot([(-270, 0), (-200, 0), (-300, -110), (-330, -110)]), fill=_shade(accent, -0.2))
    d.polygon(rot([(-270, -10), (310, -24), (360, 0), (310, 26), (-270, 16)]), fill=accent)
    d.polygon(rot([(-40, 10), (60, 10), (-100, 190), (-150, 190)]), fill=_shade(accent, -0.08))
    d.polygon(rot([(-260, 10), (-200, 10), (-290, 90), (-320, 90)]), fill=_shade(accent, -0.1))
    d.line(rot([(-230, -2), (300, -14)]), fill=(60, 110, 190), width=6)


def _urban(img: Image.Image, d: ImageDraw.ImageDraw, rng: random.Random, accent: RGB) -> None:
    ground = 560
    _sun(d, rng.randint(150, 1050), rng.randint(120, 220), 50, (255, 210, 150))
    for layer, (shade, hmin, hmax) in enumerate(((0.45, 140, 300), (0.2, 120, 260), (0.0, 80, 220))):
        x = -rng.randint(0, 60)
        while x < WIDTH:
            w = rng.randint(70, 150)
            h = rng.randint(hmin, hmax) + layer * 20
            color = _shade(accent, shade) if layer < 2 else _shade(accent, rng.uniform(-0.15, 0.1))
            top = ground - h - (2 - layer) * 40
            d.rectangle((x, top, x + w - 6, ground), fill=color)
            if layer == 2:
                for wy in range(top + 16, ground - 20, 30):
                    for wx in range(x + 12, x + w - 24, 24):
                        lit = rng.random() < 0.35
                        d.rectangle((wx, wy, wx + 10, wy + 14), fill=(255, 214, 120) if lit else _shade(color, 0.2))
            x += w
    # A crane over a building site.
    bx = rng.randint(700, 1000)
    d.line([(bx, ground), (bx, 150)], fill=(240, 180, 40), width=10)
    d.line([(bx - 60, 160), (bx + 220, 160)], fill=(240, 180, 40), width=10)
    d.line([(bx + 180, 160), (bx + 180, 260)], fill=(60, 60, 60), width=3)
    d.rectangle((0, ground, WIDTH, HEIGHT), fill=(90, 100, 110))
    for x in range(20, WIDTH, 120):
        d.rectangle((x, 612, x + 60, 620), fill=(240, 240, 240))


def _meteorology(img: Image.Image, d: ImageDraw.ImageDraw, rng: random.Random, accent: RGB) -> None:
    _sun(d, rng.randint(700, 1000), rng.randint(140, 220), 70, (255, 220, 120))
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    o = ImageDraw.Draw(overlay)
    dusty = rng.random() < 0.4
    for k in range(6):
        y = 330 + k * 50
        pts = [(x, y + 18 * math.sin(x / 90 + k)) for x in range(0, WIDTH + 30, 30)]
        o.polygon([(0, HEIGHT), *pts, (WIDTH, HEIGHT)], fill=(214, 170, 110, 40) if dusty else (255, 255, 255, 22))
    for _ in range(3):
        _cloud(o, rng.randint(50, 900), rng.randint(120, 300), rng.uniform(1.1, 1.8), (250, 250, 252, 230))
    img.paste(Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB"))
    d = ImageDraw.Draw(img)
    if not dusty:
        for _ in range(90):
            x, y = rng.randint(0, WIDTH), rng.randint(330, HEIGHT)
            d.line([(x, y), (x - 10, y + 34)], fill=(90, 130, 190), width=3)
    # Wind swirls.
    for k in range(3):
        y = 480 + k * 50
        x0 = rng.randint(60, 500)
        pts = [(x0 + t * 6, y + 14 * math.sin(t / 6)) for t in range(60)]
        d.line(pts, fill=(255, 255, 255), width=4)


# What each scene shows, for the pictures' alt text (the caption says what the story is about).
SCENE_ALT = {
    "road": "طرح نمادین: جاده‌ای میان تپه‌های خاکی که تا افق می‌رود، زیر آفتاب.",
    "rail": "طرح نمادین: خط ریل که از میان دشت و تپه‌ها تا افق کشیده شده است.",
    "maritime": "طرح نمادین: جرثقیل‌های سرخ اسکله کنار دریا.",
    "air": "طرح نمادین: آسمان آبی با ابرهای سفید.",
    "urban": "طرح نمادین: ردیف ساختمان‌های شهر زیر آفتاب.",
    "meteorology": "طرح نمادین: خورشید و ابرها در آسمان.",
}

_SCENES = {
    "road": _road, "rail": _rail, "maritime": _maritime, "air": _air, "urban": _urban, "meteorology": _meteorology,
}


def illustration(sector: str, seed: str, tint: str | None = None) -> bytes:
    """A JPEG (1200×675, quality 82) of an abstract scene for a sector; the same seed, the same picture."""
    rng = random.Random(seed)
    top, bottom, accent = PALETTES.get(sector, PALETTES["urban"])
    top = _mix(top, (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)), 0.12)
    if tint and sector == "urban":
        accent = _mix(accent, hex_to_rgb(tint), 0.5)
    img = _gradient(top, bottom)
    _SCENES.get(sector, _urban)(img, ImageDraw.Draw(img), rng, accent)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82)
    return out.getvalue()


# --- Emblems ------------------------------------------------------------------------------------


def _symbol(d: ImageDraw.ImageDraw, kind: str, c: float, fg: RGB) -> None:
    """A white symbol centred at (c, c) on a 512 canvas."""
    if kind == "road":
        d.polygon([(c - 20, 150), (c + 20, 150), (c + 120, 380), (c - 120, 380)], fill=fg)
        for y0, y1 in ((170, 215), (240, 295), (320, 375)):
            d.rectangle((c - 6, y0, c + 6, y1), fill=(0, 0, 0, 0))
    elif kind == "rail":
        for y in range(170, 380, 42):
            d.rectangle((c - 120, y, c + 120, y + 16), fill=fg)
        d.rectangle((c - 90, 140, c - 66, 390), fill=fg)
        d.rectangle((c + 66, 140, c + 90, 390), fill=fg)
    elif kind == "maritime":
        d.ellipse((c - 26, 130, c + 26, 182), outline=fg, width=14)
        d.rectangle((c - 9, 180, c + 9, 380), fill=fg)
        d.rectangle((c - 70, 210, c + 70, 228), fill=fg)
        d.arc((c - 120, 240, c + 120, 400), 20, 160, fill=fg, width=18)
    elif kind == "air":
        d.polygon([(c, 120), (c + 18, 160), (c + 18, 230), (c + 140, 300), (c + 140, 330), (c + 18, 290),
                   (c + 14, 360), (c + 55, 390), (c + 55, 410), (c, 395), (c - 55, 410), (c - 55, 390),
                   (c - 14, 360), (c - 18, 290), (c - 140, 330), (c - 140, 300), (c - 18, 230), (c - 18, 160)], fill=fg)
    elif kind == "urban":
        for x0, h in ((c - 130, 130), (c - 60, 220), (c + 20, 170), (c + 90, 110)):
            d.rectangle((x0, 380 - h, x0 + 56, 380), fill=fg)
        d.rectangle((c - 150, 380, c + 160, 396), fill=fg)
    elif kind == "meteorology":
        d.ellipse((c - 20, 140, c + 100, 260), fill=fg)
        for k in range(8):
            a = k * math.pi / 4
            d.line([(c + 40 + 80 * math.cos(a), 200 + 80 * math.sin(a)), (c + 40 + 100 * math.cos(a), 200 + 100 * math.sin(a))], fill=fg, width=12)
        for dx, dy, r in ((-60, 300, 60), (10, 270, 75), (80, 305, 55)):
            d.ellipse((c + dx - r, dy - r, c + dx + r, dy + r), fill=fg)
        d.rectangle((c - 120, 300, c + 135, 360), fill=fg)
    elif kind == "star":
        pts = []
        for k in range(16):
            r = 140 if k % 2 == 0 else 85
            a = k * math.pi / 8 - math.pi / 2
            pts.append((c + r * math.cos(a), c + r * math.sin(a)))
        d.polygon(pts, fill=fg)
    elif kind == "book":
        d.polygon([(c - 8, 190), (c - 150, 160), (c - 150, 350), (c - 8, 380)], fill=fg)
        d.polygon([(c + 8, 190), (c + 150, 160), (c + 150, 350), (c + 8, 380)], fill=fg)
        d.ellipse((c - 30, 100, c + 30, 160), fill=fg)
    else:  # "ministry" and anything else: a hexagon with three bars
        pts = [(c + 140 * math.cos(k * math.pi / 3), c + 140 * math.sin(k * math.pi / 3)) for k in range(6)]
        d.polygon(pts, outline=fg, width=18)
        for dy in (-50, 0, 50):
            d.rectangle((c - 70, c + dy - 10, c + 70, c + dy + 10), fill=fg)


def emblem(color: str, kind: str) -> bytes:
    """A round PNG logo (256×256) in the agency's colour, drawn at twice the size for smooth edges."""
    size = 512
    c = size / 2
    base = hex_to_rgb(color)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, size - 8, size - 8), fill=_shade(base, -0.25))
    d.ellipse((24, 24, size - 24, size - 24), fill=base)
    d.ellipse((44, 44, size - 44, size - 44), outline=_shade(base, 0.55), width=6)
    symbol = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    _symbol(ImageDraw.Draw(symbol), kind, c, (255, 255, 255))
    img = Image.alpha_composite(img, symbol)
    out = io.BytesIO()
    img.resize((256, 256), Image.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()
