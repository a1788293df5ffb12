"""Static SVG charts drawn at build time with leather (a small, dependency-free charting
library), wrapped in an accessible <svg>: role="img", <title> and <desc>.

Same input, same bytes: leather draws with ElementTree and no ids, dates or randomness. The
charts hold labels and axis ticks only; the numbers themselves are in the table printed next
to each chart, which is also its full text alternative. No JavaScript, no fonts embedded.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET

import leather
from leather import svg as leather_svg

WIDTH, HEIGHT = 720, 360
COLOURS = ["#00796b", "#5e35b1", "#ef6c00", "#546e7a"]     # distinguishable, AA on white
_THEME = {
    "background_color": "#ffffff", "title_color": "#222222", "legend_color": "#333333",
    "axis_title_color": "#333333", "label_color": "#444444", "tick_color": "#e0e0e0",
    "zero_color": "#9e9e9e", "default_series_colors": COLOURS,
}
_FONT = "system-ui, 'Noto Sans CJK TC', 'WenQuanYi Micro Hei', sans-serif"


@contextlib.contextmanager
def _theme(lang: str):
    """leather reads its style from module globals; set ours for one drawing, then restore."""
    wide = 14 if lang.startswith("zh") else 8          # Chinese glyphs are about square
    values = dict(_THEME)
    for part in ("title", "legend", "axis_title", "tick"):
        values[f"{part}_font_family"] = _FONT
    values.update(tick_font_char_width=wide, legend_font_char_width=wide, title_font_char_width=wide + 1,
                  axis_title_font_char_width=wide)
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
