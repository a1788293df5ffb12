"""The markup mends touch only what they are for."""

from generator.site.theme import fix_theme_markup


def test_autocomplete_is_removed_from_toggles_only():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="q" autocomplete="off">')
    assert fix_theme_markup(html) == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                                      '<input type="text" name="q" autocomplete="off">')


def test_empty_tabindex_is_removed():
    assert fix_theme_markup('<label class="a" for="x" tabindex=""><input id="x">') == \
        '<label class="a" for="x"><input id="x">'


def test_label_for_a_missing_control_loses_for():
    html = '<label class="md-nav__title" for="__toc">T</label><label for="__drawer"></label><input id="__drawer">'
    assert fix_theme_markup(html) == \
        '<label class="md-nav__title">T</label><label for="__drawer"></label><input id="__drawer">'


def test_untouched_page_is_byte_identical():
    html = '<p id="a">x</p><label for="a">y</label><input type="checkbox" id="b">'
    assert fix_theme_markup(html) == html
