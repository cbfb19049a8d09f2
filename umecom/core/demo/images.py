"""Demo illustrations drawn with Pillow, so the demo needs no downloads and no image licences.

Every picture is deterministic (seeded), in one palette and 1600×900, and is stored once as a
Wagtail image in the "Demo" collection; a second run finds it again by title.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Collection

WIDTH, HEIGHT = 1600, 900
RGB = tuple[int, int, int]

# One palette for everything: winter night, birch bark, river teal, aurora green, warm lamp light.
NIGHT: RGB = (21, 34, 66)
DUSK: RGB = (52, 72, 120)
TEAL: RGB = (31, 122, 140)
AURORA: RGB = (96, 211, 165)
MINT: RGB = (190, 236, 214)
BIRCH: RGB = (244, 241, 234)
SAND: RGB = (233, 220, 196)
AMBER: RGB = (242, 165, 65)
CORAL: RGB = (224, 122, 95)
PINE: RGB = (24, 72, 68)
SKY: RGB = (168, 208, 230)


def _gradient(top: RGB, bottom: RGB, size=(WIDTH, HEIGHT)) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _hill(
    rng: random.Random, base: float, amplitude: float, waves: int = 3
) -> list[tuple[float, float]]:
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    freqs = [rng.uniform(0.6, 1.4) * (i + 1) for i in range(waves)]
    points = [(0.0, float(HEIGHT))]
    for x in range(0, WIDTH + 20, 20):
        y = base
        for i in range(waves):
            y += amplitude / (i + 1) * math.sin(x / WIDTH * math.tau * freqs[i] / 2 + phases[i])
        points.append((float(x), y))
    points.append((float(WIDTH), float(HEIGHT)))
    return points


def _aurora_layer(rng: random.Random, colours: list[RGB], bands: int = 3) -> Image.Image:
    # Drawn at a quarter of the size and blurred, then scaled up: soft light at little cost.
    w, h = WIDTH // 4, HEIGHT // 4
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for band in range(bands):
        colour = colours[band % len(colours)]
        base = h * rng.uniform(0.18, 0.45)
        phase = rng.uniform(0, math.tau)
        points = [
            (x, base + h * 0.12 * math.sin(x / w * math.tau * 0.9 + phase) + band * 6)
            for x in range(-10, w + 11, 4)
        ]
        draw.line(points, fill=(*colour, 200), width=rng.randint(14, 22))
        # A fainter curtain above each band, as aurora rays fade upwards.
        draw.line([(x, y - 18) for x, y in points], fill=(*colour, 90), width=30)
    layer = layer.filter(ImageFilter.GaussianBlur(6))
    return layer.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)


def _stars(draw: ImageDraw.ImageDraw, rng: random.Random, count: int, max_y: float) -> None:
    for _ in range(count):
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, max_y)
        r = rng.choice([1, 1, 1.5, 2])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*BIRCH, rng.randint(120, 230)))


def draw_aurora_hills(seed: int) -> Image.Image:
    """Northern lights over layered forest hills: the city at night, seen from a distance."""
    rng = random.Random(seed)
    img = _gradient(NIGHT, DUSK).convert("RGBA")
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    _stars(ImageDraw.Draw(overlay), rng, 160, HEIGHT * 0.55)
    img = Image.alpha_composite(img, overlay)
    img = Image.alpha_composite(img, _aurora_layer(rng, [AURORA, TEAL, AURORA]))
    draw = ImageDraw.Draw(img)
    for i, colour in enumerate([_mix(DUSK, TEAL, 0.35), _mix(NIGHT, PINE, 0.6), NIGHT]):
        draw.polygon(_hill(rng, HEIGHT * (0.58 + i * 0.12), 60 - i * 12), fill=colour)
    # A few warm windows along the lowest ridge: people live here.
    for _ in range(38):
        x = rng.uniform(40, WIDTH - 40)
        y = rng.uniform(HEIGHT * 0.86, HEIGHT * 0.95)
        draw.rectangle((x, y, x + 6, y + 8), fill=AMBER)
    return img.convert("RGB")


def draw_day_hills(seed: int) -> Image.Image:
    """A light, open landscape with a low sun: used for plans and the future."""
    rng = random.Random(seed)
    img = _gradient(SKY, SAND)
    draw = ImageDraw.Draw(img)
    sx, sy = WIDTH * rng.uniform(0.6, 0.8), HEIGHT * 0.38
    for r, alpha in [(190, 0.15), (140, 0.35), (95, 1.0)]:
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=_mix(SAND, AMBER, alpha))
    palette = [_mix(SKY, TEAL, 0.35), _mix(TEAL, AURORA, 0.4), TEAL, PINE]
    for i, colour in enumerate(palette):
        draw.polygon(_hill(rng, HEIGHT * (0.5 + i * 0.11), 70 - i * 10), fill=colour)
    # The river winding through the valley.
    river = [(x, HEIGHT * 0.9 + 25 * math.sin(x / 260)) for x in range(0, WIDTH + 20, 20)]
    draw.line(river, fill=_mix(SKY, BIRCH, 0.4), width=18)
    return img


def draw_city_blocks(seed: int) -> Image.Image:
    """Blocks of houses with lit windows by the river: neighbourhood life."""
    rng = random.Random(seed)
    img = _gradient(_mix(DUSK, CORAL, 0.35), _mix(SAND, CORAL, 0.25))
    draw = ImageDraw.Draw(img)
    for row, (base, colour_pool) in enumerate(
        [(HEIGHT * 0.62, [DUSK, _mix(DUSK, TEAL, 0.5)]), (HEIGHT * 0.8, [TEAL, PINE, NIGHT])]
    ):
        x = -20.0
        while x < WIDTH:
            w = rng.uniform(90, 190)
            h = rng.uniform(140, 320) - row * 40
            colour = rng.choice(colour_pool)
            top = base - h
            draw.rectangle((x, top, x + w, HEIGHT), fill=colour)
            if rng.random() < 0.4:  # a pitched roof now and then
                draw.polygon([(x, top), (x + w / 2, top - w * 0.35), (x + w, top)], fill=colour)
            for wy in range(int(top + 20), int(base - 10), 34):
                for wx in range(int(x + 14), int(x + w - 20), 30):
                    if rng.random() < 0.55:
                        lit = AMBER if rng.random() < 0.6 else MINT
                        draw.rectangle((wx, wy, wx + 14, wy + 18), fill=lit)
            x += w + rng.uniform(4, 18)
    draw.rectangle((0, HEIGHT * 0.9, WIDTH, HEIGHT), fill=_mix(TEAL, SKY, 0.3))
    for x in range(0, WIDTH, 90):
        y = HEIGHT * 0.93 + rng.uniform(-6, 6)
        draw.line((x, y, x + 50, y), fill=_mix(SKY, BIRCH, 0.6), width=3)
    return img


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, colour: RGB) -> None:
    head = 22 * scale
    draw.ellipse((x - head, y - 3.2 * head, x + head, y - 1.2 * head), fill=colour)
    draw.rounded_rectangle(
        (x - 1.6 * head, y - head, x + 1.6 * head, y + 2.4 * head),
        radius=int(1.3 * head),
        fill=colour,
    )


def draw_people_circle(seed: int) -> Image.Image:
    """People-like shapes gathered round a table: dialogue and co-creation."""
    rng = random.Random(seed)
    img = _gradient(_mix(BIRCH, MINT, 0.5), SAND)
    draw = ImageDraw.Draw(img)
    cx, cy = WIDTH / 2, HEIGHT * 0.56
    for r, colour in [(520, _mix(SAND, MINT, 0.5)), (380, _mix(BIRCH, SAND, 0.4))]:
        draw.ellipse((cx - r, cy - r * 0.45, cx + r, cy + r * 0.45), fill=colour)
    colours = [TEAL, CORAL, AMBER, PINE, DUSK, AURORA]
    seats = rng.randint(9, 12)
    figures = []
    for i in range(seats):
        angle = math.tau * i / seats + rng.uniform(-0.08, 0.08)
        x = cx + 420 * math.cos(angle)
        y = cy + 185 * math.sin(angle)
        figures.append((y, x, 1.35 + (y - cy) / 600, colours[i % len(colours)]))
    table = (cx - 300, cy - 100, cx + 300, cy + 100)
    # Painter's order: people behind the table first, then the table, then the ones in front.
    for y, x, scale, colour in sorted(figures):
        if y < cy:
            _person(draw, x, y, scale, colour)
    draw.ellipse(table, fill=_mix(BIRCH, AMBER, 0.25), outline=_mix(AMBER, CORAL, 0.4), width=6)
    for _ in range(7):  # notes and ideas on the table
        nx, ny = cx + rng.uniform(-200, 160), cy + rng.uniform(-60, 30)
        draw.rectangle((nx, ny, nx + 52, ny + 36), fill=rng.choice([AMBER, MINT, BIRCH, CORAL]))
    for y, x, scale, colour in sorted(figures):
        if y >= cy:
            _person(draw, x, y, scale, colour)
    return img


def draw_network(seed: int) -> Image.Image:
    """Nodes joined by lines: organisations, people and ideas finding each other."""
    rng = random.Random(seed)
    img = _gradient(NIGHT, _mix(NIGHT, TEAL, 0.6)).convert("RGBA")
    img = Image.alpha_composite(img, _aurora_layer(rng, [TEAL, AURORA], bands=2))
    draw = ImageDraw.Draw(img)
    nodes = [(rng.uniform(80, WIDTH - 80), rng.uniform(80, HEIGHT - 80)) for _ in range(26)]
    for i, (x, y) in enumerate(nodes):
        nearest = sorted(nodes, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)[1 : 3 + i % 2]
        for nx, ny in nearest:
            draw.line((x, y, nx, ny), fill=(*MINT, 110), width=3)
    colours = [AMBER, AURORA, CORAL, BIRCH, MINT]
    for i, (x, y) in enumerate(nodes):
        r = rng.choice([10, 14, 18, 26])
        draw.ellipse((x - r - 6, y - r - 6, x + r + 6, y + r + 6), fill=(*BIRCH, 40))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colours[i % len(colours)])
    return img.convert("RGB")


def draw_meeting_places(seed: int) -> Image.Image:
    """Round meeting places (a youth centre, a square, a sports hall) joined by paths."""
    rng = random.Random(seed)
    img = _gradient(_mix(MINT, SKY, 0.5), _mix(BIRCH, SAND, 0.6))
    draw = ImageDraw.Draw(img)
    places = [
        (WIDTH * 0.2, HEIGHT * 0.35),
        (WIDTH * 0.52, HEIGHT * 0.6),
        (WIDTH * 0.8, HEIGHT * 0.3),
        (WIDTH * 0.35, HEIGHT * 0.78),
        (WIDTH * 0.78, HEIGHT * 0.8),
    ]
    for (x1, y1), (x2, y2) in zip(places, places[1:], strict=False):
        mx, my = (x1 + x2) / 2 + rng.uniform(-80, 80), (y1 + y2) / 2 + rng.uniform(-60, 60)
        draw.line(
            [(x1, y1), (mx, my), (x2, y2)], fill=_mix(SAND, CORAL, 0.35), width=14, joint="curve"
        )
    colours = [TEAL, CORAL, AMBER, PINE, DUSK]
    for (x, y), colour in zip(places, colours, strict=True):
        r = rng.uniform(95, 140)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_mix(colour, BIRCH, 0.55))
        draw.ellipse((x - r * 0.62, y - r * 0.62, x + r * 0.62, y + r * 0.62), fill=colour)
        for k in range(5):
            a = math.tau * k / 5 + rng.uniform(0, 0.3)
            _person(draw, x + r * 0.35 * math.cos(a), y + r * 0.3 * math.sin(a) + 18, 0.45, BIRCH)
    return img


def draw_sports_field(seed: int) -> Image.Image:
    """A pitch seen from above with players and a spectator stand: leisure that is free."""
    rng = random.Random(seed)
    img = _gradient(_mix(AURORA, PINE, 0.35), _mix(AURORA, PINE, 0.55))
    draw = ImageDraw.Draw(img)
    left, top, right, bottom = 220, 150, WIDTH - 220, HEIGHT - 150
    stripe = (right - left) / 10
    for i in range(10):  # mown stripes
        colour = _mix(AURORA, PINE, 0.3 if i % 2 else 0.42)
        draw.rectangle((left + i * stripe, top, left + (i + 1) * stripe, bottom), fill=colour)
    line = _mix(BIRCH, MINT, 0.2)
    draw.rectangle((left, top, right, bottom), outline=line, width=6)
    draw.line((WIDTH / 2, top, WIDTH / 2, bottom), fill=line, width=6)
    draw.ellipse(
        (WIDTH / 2 - 110, HEIGHT / 2 - 110, WIDTH / 2 + 110, HEIGHT / 2 + 110),
        outline=line,
        width=6,
    )
    for x0, x1 in [(left, left + 170), (right - 170, right)]:
        draw.rectangle((x0, HEIGHT / 2 - 170, x1, HEIGHT / 2 + 170), outline=line, width=6)
    colours = [AMBER, CORAL, DUSK, BIRCH]
    for i in range(16):
        x, y = rng.uniform(left + 60, right - 60), rng.uniform(top + 50, bottom - 50)
        colour = colours[i % 2] if i < 14 else colours[2 + i % 2]
        draw.ellipse((x - 17, y - 17, x + 17, y + 17), fill=_mix(colour, NIGHT, 0.35))
        draw.ellipse((x - 13, y - 15, x + 13, y + 11), fill=colour)
    bx, by = WIDTH / 2 + rng.uniform(-200, 200), HEIGHT / 2 + rng.uniform(-120, 120)
    draw.ellipse((bx - 10, by - 10, bx + 10, by + 10), fill=BIRCH)
    # Spectators along the long sides.
    for y in (top - 70, bottom + 30):
        x = 260.0
        while x < WIDTH - 260:
            _person(draw, x, y + 20, 0.75, rng.choice([TEAL, CORAL, AMBER, BIRCH, DUSK]))
            x += rng.uniform(60, 110)
    return img


def draw_lit_path(seed: int) -> Image.Image:
    """Street lamps along a winding path on a winter evening, with people out walking."""
    rng = random.Random(seed)
    img = _gradient(NIGHT, _mix(DUSK, CORAL, 0.3)).convert("RGBA")
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    _stars(ImageDraw.Draw(overlay), rng, 90, HEIGHT * 0.4)
    img = Image.alpha_composite(img, overlay)
    draw = ImageDraw.Draw(img)
    draw.polygon(_hill(rng, HEIGHT * 0.55, 30), fill=_mix(NIGHT, PINE, 0.5))
    draw.rectangle((0, HEIGHT * 0.68, WIDTH, HEIGHT), fill=_mix(BIRCH, SKY, 0.35))  # snow
    path = [(x, HEIGHT * 0.84 + 40 * math.sin(x / 300 + 1)) for x in range(-20, WIDTH + 40, 20)]
    draw.line(path, fill=_mix(SAND, AMBER, 0.25), width=60, joint="curve")
    glow = Image.new("RGBA", img.size, (0, 0, 0, 0))
    glow_draw = ImageDraw.Draw(glow)
    lamps = [(x, HEIGHT * 0.84 + 40 * math.sin(x / 300 + 1) - 40) for x in range(140, WIDTH, 260)]
    for x, y in lamps:
        glow_draw.ellipse((x - 120, y - 300, x + 120, y - 60), fill=(*AMBER, 90))
    img = Image.alpha_composite(img, glow.filter(ImageFilter.GaussianBlur(40)))
    draw = ImageDraw.Draw(img)
    for x, y in lamps:
        draw.line((x, y, x, y - 190), fill=NIGHT, width=8)
        draw.ellipse((x - 16, y - 206, x + 16, y - 174), fill=_mix(AMBER, BIRCH, 0.4))
    for _ in range(6):
        x = rng.uniform(200, WIDTH - 200)
        y = HEIGHT * 0.84 + 40 * math.sin(x / 300 + 1) + 10
        _person(draw, x, y, 1.0, rng.choice([CORAL, TEAL, AMBER, DUSK]))
    return img.convert("RGB")


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    description: str  # Swedish alt text
    draw: Callable[[int], Image.Image]
    seed: int


DEMO_IMAGES = [
    DemoImage(
        "sports",
        "Umecom: fotbollsplan en vårkväll",
        "Illustration: en fotbollsplan sedd ovanifrån med spelare i olika färger och publik "
        "längs långsidorna.",
        draw_sports_field,
        17,
    ),
    DemoImage(
        "lamps",
        "Umecom: upplyst gångväg",
        "Illustration: gatlyktor längs en slingrande gångväg i snön en vinterkväll, med "
        "människor ute och går.",
        draw_lit_path,
        19,
    ),
    DemoImage(
        "home",
        "Umecom: norrsken över Umeå",
        "Illustration: grönt norrsken över mörka skogsklädda kullar med tända fönster i dalen.",
        draw_aurora_hills,
        7,
    ),
    DemoImage(
        "segregation",
        "Umecom: samtal runt bordet",
        "Illustration: människofigurer i olika färger samlade runt ett runt bord med lappar.",
        draw_people_circle,
        11,
    ),
    DemoImage(
        "youth",
        "Umecom: mötesplatser för unga",
        "Illustration: runda mötesplatser med små figurer, förbundna av slingrande stigar.",
        draw_meeting_places,
        5,
    ),
    DemoImage(
        "alidhem",
        "Umecom: kvarter i kvällsljus",
        "Illustration: stadskvarter med upplysta fönster vid en älv i kvällsljus.",
        draw_city_blocks,
        3,
    ),
    DemoImage(
        "umecom",
        "Umecom: ett nätverk av idéer",
        "Illustration: färgglada punkter förbundna med linjer mot en mörkblå himmel.",
        draw_network,
        13,
    ),
    DemoImage(
        "future",
        "Umecom: landskap i morgonljus",
        "Illustration: ljust kullandskap med en låg sol och en älv som slingrar sig genom dalen.",
        draw_day_hills,
        21,
    ),
    DemoImage(
        "workshop",
        "Umecom: arbetsträff",
        "Illustration: en ring av människofigurer kring ett bord fullt av idélappar.",
        draw_people_circle,
        4,
    ),
    DemoImage(
        "night",
        "Umecom: vinterkväll",
        "Illustration: norrsken i turkos och grönt över kullar i blått.",
        draw_aurora_hills,
        31,
    ),
]


def render_jpeg(image: DemoImage) -> bytes:
    buffer = io.BytesIO()
    image.draw(image.seed).save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Demo").first()
    return existing or root.add_child(name="Demo")


def ensure_demo_images() -> dict[str, object]:
    """The demo images by key, created only when no image with that title exists yet."""
    Image_ = get_image_model()
    collection = demo_collection()
    result = {}
    for spec in DEMO_IMAGES:
        obj = Image_.objects.filter(title=spec.title).order_by("pk").first()
        if obj is None:
            content = render_jpeg(spec)
            obj = Image_(title=spec.title, collection=collection, description=spec.description)
            obj.file = ImageFile(io.BytesIO(content), name=f"umecom-demo-{spec.key}.jpg")
            obj.file_size = len(content)
            obj.save()
        elif obj.description != spec.description:
            obj.description = spec.description
            obj.save(update_fields=["description"])
        result[spec.key] = obj
    return result
