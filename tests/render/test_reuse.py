"""QR codes and charts: same bytes for the same input, made once per run, reused across runs
only when their inputs (and the code that draws them) are unchanged."""

import segno

from generator.build.generate import generate
from generator.core.project import Project
from generator.core.reuse import Reuse
from generator.pages import sharing
from generator.render import charts
from generator.site.config import load as load_site


def test_same_address_gives_the_same_bytes():
    one = sharing.qr_svg("https://cpsite.example.org/c/x/", "QR code: X")
    assert one == sharing.qr_svg("https://cpsite.example.org/c/x/", "QR code: X")
    assert one != sharing.qr_svg("https://cpsite.example.org/zh/c/x/", "QR code: X")
    assert "<title>QR code: X</title>" in one and 'fill="#fff"' in one
    assert sharing.svg_size(one) == segno.make("https://cpsite.example.org/c/x/", error="m").symbol_size(
        scale=sharing.QR_SCALE, border=sharing.QR_BORDER)[0]


def test_second_run_reuses_codes_and_remakes_changed_ones(fixture_project, monkeypatch):
    project = Project(fixture_project)
    generate(project, load_site(project.root))
    qr = project.site_files_dir / "zh/c/fx-case-full/qr.svg"
    before = qr.read_text()
    made = []
    real_make = segno.make

    def counting_make(*args, **kwargs):
        if "mask" not in kwargs:            # a full encoding (a fixed mask is only used for the size)
            made.append(args[0])
        return real_make(*args, **kwargs)
    monkeypatch.setattr(segno, "make", counting_make)
    _, changes = generate(project, load_site(project.root))
    assert made == [] and not changes.written            # nothing encoded, nothing written
    record = fixture_project / "cases/fx-case-full.yaml"
    record.write_text(record.read_text().replace("zh: 測試個案（所有欄位）", "zh: 測試個案（全部欄位）"))
    _, changes = generate(project, load_site(project.root))
    # only the codes whose title changed: the Traditional page's and the Simplified page's
    assert made == ["https://cpsite.example.org/zh/c/fx-case-full/", "https://cpsite.example.org/zh-Hans/c/fx-case-full/"]
    assert qr.read_text() != before and qr in changes.written
    assert qr.read_text() == sharing.qr_svg(made[0], "二維碼：測試個案（全部欄位）")


def test_a_stale_or_foreign_file_is_not_reused(tmp_path):
    folder = tmp_path / "content"
    (folder / "en/c/x").mkdir(parents=True)
    (folder / "en/c/x/qr.svg").write_text("<svg>not ours</svg>")
    text = sharing.QrCodes(Reuse(folder)).svg("en", "cases", "x", "https://e.org/c/x/", "t")
    assert text == sharing.qr_svg("https://e.org/c/x/", "t")


def test_charts_are_reused_until_their_numbers_change(fixture_project, monkeypatch):
    project = Project(fixture_project)
    generate(project, load_site(project.root))
    chart = fixture_project / "content/en/impact/cases-by-sectors.svg"
    before = chart.read_text()
    drawn = []
    real_bar_chart = charts.bar_chart
    monkeypatch.setattr(charts, "bar_chart", lambda *a, **k: drawn.append(a[0]) or real_bar_chart(*a, **k))
    _, changes = generate(project, load_site(project.root))
    assert drawn == [] and not changes.written
    record = fixture_project / "cases/fx-case-minimal.yaml"
    record.write_text(record.read_text().replace("sector: not-stated", "sector: textiles"))
    generate(project, load_site(project.root))
    assert "Cases by sector" in drawn and chart.read_text() != before
    assert chart.read_text().count('fill="#00796b"') == 1       # one sector with cases now


def test_charts_sharing_a_scale_are_drawn_as_if_alone():
    # the value scale is made once per top value and shared; drawing one chart must not change
    # what another with the same top looks like
    first = [("Metal finishing", 4.0), ("Printing", 9.5)]
    second = [("印刷", 9.5), ("紡織", 2.0), ("電鍍", 7.25)]
    charts._x_scale.cache_clear()
    alone = charts.bar_chart("B", "b", second, "zh")
    charts._x_scale.cache_clear()
    charts.bar_chart("A", "a", first, "en")
    assert charts._x_scale.cache_info().currsize == 1
    assert charts.bar_chart("B", "b", second, "zh") == alone
    assert charts._x_scale.cache_info().hits == 1
