"""The copy of an article that the search index reads (generator/search/prose.py): prose first;
key facts, tables and keywords after the marker, still there to be found."""

from generator.search.prose import PROSE_END, prose_first

ARTICLE = ('<div data-pagefind-body>\n<h1>Heat pump</h1>\n<div class="cp-facts">\n<ul><li>熱泵</li></ul>\n</div>\n'
           '<p>A heat pump moves heat.</p>\n<table><tr><td>HK$300,000</td></tr></table>\n'
           '<p>More prose.</p><div class="cp-search-tags"><span data-cp-keywords="heatpump, HP"></span></div>\n</div>\n  ')


def test_prose_comes_first_and_the_rest_after_the_marker():
    out = prose_first(ARTICLE)
    prose, rest = out.split(PROSE_END)
    assert "A heat pump moves heat." in prose and "More prose." in prose
    assert "熱泵" not in prose and "HK$300,000" not in prose and "heatpump" not in prose
    assert "熱泵" in rest and "HK$300,000" in rest and "<p>heatpump, HP</p>" in rest
    assert out.rstrip().endswith("</div>") and out.startswith("<div data-pagefind-body>")


def test_a_page_of_prose_only_is_left_as_it_is():
    plain = "<div data-pagefind-body><p>Only prose.</p></div>"
    assert prose_first(plain) == plain
