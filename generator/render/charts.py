"""Static SVG charts drawn at build time with leather (a small, dependency-free charting
library), wrapped in an accessible <svg>: role="img", <title> and <desc>.

`columns` and `panels` draw the programme statistics; `bar_chart` (horizontal bars with a
title) the impact roll-ups, and `chart` reuses such a bar chart from an earlier run when its
inputs are unchanged (see `reuse`).

Same input, same bytes: leather draws with ElementTree and no ids, dates or randomness. The
charts hold labels and axis ticks only; the numbers themselves are in the table printed next
to each chart, which is also its full text alternative. No JavaScript, no fonts embedded.
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
import xml.etree.ElementTree as ET
from typing import Iterable, Optional

import leather
from leather import svg as leather_svg

from generator.core import reuse

WIDTH, HEIGHT = 720, 360
COLOURS = ["#00796b", "#5e35b1", "#ef6c00", "#546e7a"]     # distinguishable, AA on white
_THEME = {
    "background_color": "#ffffff", "title_color": "#222222", "legend_color": "#333333",
    "axis_title_color": "#333333", "label_color": "#444444", "tick_color": "#e0e0e0",
    "zero_color": "#9e9e9e", "default_series_colors": COLOURS,
}
_FONT = "system-ui, 'Noto Sans CJK TC', 'WenQuanYi Micro Hei', sans-serif"


@contextlib.contextmanager
def _theme(lang: str, **overrides):
    """leather reads its style from module globals; set ours for one drawing, then restore."""
    wide = 14 if lang.startswith("zh") else 8          # Chinese glyphs are about square
    values = dict(_THEME)
    for part in ("title", "legend", "axis_title", "tick"):
        values[f"{part}_font_family"] = _FONT
    values.update(tick_font_char_width=wide, legend_font_char_width=wide, title_font_char_width=wide + 1,
                  axis_title_font_char_width=wide)
    values.update(overrides)
    saved = {k: getattr(leather.theme, k) for k in values}
    for k, v in values.items():
        setattr(leather.theme, k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(leather.theme, k, v)


def _integer_ticks(value, index, count) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _document(group: ET.Element, title: str, desc: str, width: int, height: int) -> str:
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "version": "1.1",
                              "viewBox": f"0 0 {width} {height}", "width": str(width), "height": str(height),
                              "role": "img", "aria-labelledby": "chart-title chart-desc"})
    ET.SubElement(root, "title", {"id": "chart-title"}).text = title
    ET.SubElement(root, "desc", {"id": "chart-desc"}).text = desc
    root.append(group)
    return leather_svg.stringify(root) + "\n"


def columns(title: str, desc: str, labels: list[str], values: list[float], lang: str,
            *, axis: str = "") -> str:
    """One series of vertical columns, e.g. enterprises commended per year."""
    with _theme(lang):
        chart = leather.Chart()
        chart.add_columns(list(zip(labels, values)), fill_color=COLOURS[0])
        chart.add_y_axis(tick_formatter=_integer_ticks, name=axis or None)
        group = chart.to_svg_group(WIDTH, HEIGHT)
    return _document(group, title, desc, WIDTH, HEIGHT)


def panels(title: str, desc: str, panels: list[tuple[str, list[str], list[float]]], lang: str,
           *, horizontal: bool = False) -> str:
    """Small multiples on one scale: one panel per series (e.g. per initiative), each a column
    (or bar) chart of the same categories."""
    shape = leather.Bars() if horizontal else leather.Columns()
    with _theme(lang):
        lattice = leather.Lattice(shape=shape)
        # leather draws bars bottom-up: reverse them so the first category is on top
        data = [list(zip(values, labels))[::-1] if horizontal else list(zip(labels, values))
                for _, labels, values in panels]
        lattice.add_many(data, titles=[name for name, _, _ in panels])
        if horizontal:
            lattice.set_x_axis(leather.Axis(tick_formatter=_integer_ticks))
        else:
            lattice.set_y_axis(leather.Axis(tick_formatter=_integer_ticks))
        height = HEIGHT if len(panels) <= 2 else HEIGHT * ((len(panels) + 1) // 2)
        # a Lattice draws only whole documents: take its drawing out of the <svg> it makes
        drawn = ET.fromstring(str(lattice.to_svg(width=WIDTH, height=height)))
        for node in drawn.iter():
            node.tag = node.tag.split("}", 1)[-1]
        group = drawn[0]
    return _document(group, title, desc, WIDTH, height)


# --- Impact roll-ups: horizontal bars, one per group or case ---------------------------------

CODE = reuse.code_version(__file__, "leather")
BAR_ROW = 32                    # pixels per bar
MAX_LABEL = 36                  # longer labels are shortened with an ellipsis
_TICK_SIZE = 14


def text_width(text: str, size: float = _TICK_SIZE) -> float:
    """Approximate width in pixels: wide (CJK) glyphs one em, others 0.6 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def shorten(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _whole_ticks(top: float) -> Optional[list]:
    """Whole-number ticks for small counts; leather's own ticks otherwise."""
    if float(top).is_integer() and top <= 10:
        return list(range(0, int(top) + 1))
    return None


@functools.lru_cache(maxsize=1024)
def _x_scale(top: float) -> leather.Linear:
    """The value scale from 0 to `top`, shared by every chart with that top (its ticks are
    found by scoring dozens of candidate sequences in Decimal, 4 ms a scale; a scale does not
    change once made)."""
    return leather.Linear(0, top)


def bar_chart(title: str, description: str, bars: Iterable[tuple[str, float]], lang: str = "en",
              value_format=None) -> str:
    """Horizontal bars, first bar at the top, with the title drawn above them. `bars`:
    (label, value), value >= 0. The label column is sized from the widest label (Chinese
    glyphs are about twice as wide as Latin ones)."""
    bars = [(shorten(label), float(value)) for label, value in bars]
    if not bars:
        raise ValueError("a chart needs at least one bar")
    top = max(max(v for _, v in bars), 1.0)
    widest = max(bars, key=lambda b: text_width(b[0]))[0]
    glyph = text_width(widest) / max(len(widest), 1)
    height = 112 + BAR_ROW * len(bars)
    chart = leather.Chart(title)
    chart.set_x_scale(_x_scale(top))
    formatter = (lambda value, index, count: value_format(value)) if value_format else _integer_ticks
    chart.add_x_axis(ticks=_whole_ticks(top), tick_formatter=formatter)
    chart.add_bars([(value, label) for label, value in bars], fill_color=COLOURS[0])
    with _theme(lang, tick_font_char_width=glyph, tick_font_size=_TICK_SIZE, title_font_size=16):
        group = chart.to_svg_group(width=WIDTH, height=height)
    return _document(group, title, description, WIDTH, height)


def chart(store: "reuse.Reuse", lang: str, path: str, title: str, description: str,
          bars: list[tuple[str, float]], value_format=None) -> str:
    """bar_chart, or the same chart an earlier run wrote at <lang>/<path> (see `reuse`)."""
    stamp_key = reuse.key("chart", CODE, lang, title, description, bars, value_format is not None)
    return store.text(lang, path, stamp_key, lambda: bar_chart(title, description, bars, lang, value_format))
