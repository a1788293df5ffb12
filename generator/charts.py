"""Static SVG bar charts for the impact pages, drawn with leather.

One function: `bar_chart(title, description, bars)` -> SVG text. The chart carries its own
<title> and <desc>; the pages put a text alternative next to it (alt text and a table of the
same numbers), so nothing is only in the picture. Output is deterministic (no ids, dates or
random parts). Text stays text, so Chinese labels use the reader's fonts.

leather sizes the label column from a fixed glyph width; Chinese glyphs are about twice as
wide as Latin ones, so the glyph width is set per chart from the widest label.
"""

from __future__ import annotations

import contextlib
import unicodedata
import xml.etree.ElementTree as ET
from typing import Iterable, Optional

import leather

from . import reuse

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans CJK TC', 'Microsoft JhengHei', sans-serif"
BAR_COLOUR = "#00796b"          # Material's teal, the site's primary colour
WIDTH = 720
ROW = 32
MAX_LABEL = 36                  # longer labels are shortened with an ellipsis
FONT_SIZE = 14

CODE = reuse.code_version(__file__, "leather")

_THEME = {
    "background_color": "#ffffff", "title_color": "#222222", "label_color": "#444444",
    "tick_color": "#e0e0e0", "zero_color": "#888888",
    "title_font_family": FONT, "legend_font_family": FONT, "axis_title_font_family": FONT,
    "tick_font_family": FONT, "title_font_size": 16, "tick_font_size": FONT_SIZE,
}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Approximate width in pixels: wide (CJK) glyphs one em, others 0.6 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def shorten(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


@contextlib.contextmanager
def _theme(**values):
    saved = {name: getattr(leather.theme, name) for name in values}
    for name, value in values.items():
        setattr(leather.theme, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(leather.theme, name, value)


def _ticks(top: float) -> Optional[list]:
    """Whole-number ticks for small counts; leather's own ticks otherwise."""
    if float(top).is_integer() and top <= 10:
        return list(range(0, int(top) + 1))
    return None


def bar_chart(title: str, description: str, bars: Iterable[tuple[str, float]],
              value_format=None) -> str:
    """Horizontal bars, first bar at the top. `bars`: (label, value) with value >= 0."""
    bars = [(shorten(label), float(value)) for label, value in bars]
    if not bars:
        raise ValueError("a chart needs at least one bar")
    top = max(max(v for _, v in bars), 1.0)
    widest = max(bars, key=lambda b: text_width(b[0]))[0]
    glyph = text_width(widest) / max(len(widest), 1)
    height = 112 + ROW * len(bars)
    chart = leather.Chart(title)
    chart.add_x_scale(0, top)
    ticks = _ticks(top)
    formatter = (lambda value, index, count: value_format(value)) if value_format else None
    chart.add_x_axis(ticks=ticks, tick_formatter=formatter)
    chart.add_bars([(value, label) for label, value in bars], fill_color=BAR_COLOUR)
    with _theme(tick_font_char_width=glyph, **_THEME):
        group = chart.to_svg_group(width=WIDTH, height=height)
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "version": "1.1",
                              "width": str(WIDTH), "height": str(height),
                              "viewBox": f"0 0 {WIDTH} {height}", "role": "img"})
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "desc").text = description
    root.append(group)
    return ET.tostring(root, encoding="unicode") + "\n"


def chart(store: "reuse.Reuse", lang: str, path: str, title: str, description: str,
          bars: list[tuple[str, float]], value_format=None) -> str:
    """bar_chart, or the same chart an earlier run wrote at <lang>/<path> (see `reuse`)."""
    stamp_key = reuse.key("chart", CODE, lang, title, description, bars, value_format is not None)
    return store.text(lang, path, stamp_key, lambda: bar_chart(title, description, bars, value_format))
