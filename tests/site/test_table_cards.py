"""Tables marked for cards on phones (generator/site/table_cards.py): every body cell carries its
column's name, empty cells and the current phase are marked, nothing else changes."""

from generator.site.table_cards import mark_tables

TABLE = """<table>
<thead>
<tr>
<th>Figure</th>
<th>Value &amp; unit</th>
<th><span>Phase 5</span> <strong data-cp-current>current</strong></th>
</tr>
</thead>
<tbody>
<tr>
<td>Investment<br><small>RTO</small></td>
<td>HK$<data value="300000">300,000</data></td>
<td>—</td>
</tr>
<tr>
<td>Saving</td>
<td></td>
<td>50%</td>
</tr>
</tbody>
</table>"""


def test_cells_carry_their_column_name_and_marks():
    out = mark_tables("<p>before</p>" + TABLE + "<p>after</p>")
    assert out.startswith("<p>before</p><table data-cp-cards>") and out.endswith("</table><p>after</p>")
    assert "<td>Investment<br><small>RTO</small></td>" in out           # the card's title: no label
    assert '<td data-label="Value &amp; unit">HK$<data value="300000">300,000</data></td>' in out
    assert '<td data-label="Phase 5 current" data-cp-empty data-cp-current>—</td>' in out
    assert '<td data-label="Value &amp; unit" data-cp-empty></td>' in out
    assert '<td data-label="Phase 5 current" data-cp-current>50%</td>' in out
    assert out.count("<td") == 6


def test_narrow_tables_and_other_markup_are_left_alone():
    two = "<table><thead><tr><th>Term</th><th>Meaning</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"
    assert mark_tables(two) == two
    assert mark_tables("<p>no table</p>") == "<p>no table</p>"
    once = mark_tables(TABLE)
    assert mark_tables(once) == once
