"""`cpsite new-case`: scripted (every field an option) and interactive (answers on stdin),
the ids it refuses, and that what it writes passes `cpsite validate`. Runs in throw-away
copies of the project; the case written is synthetic test data."""

import pytest

from conftest import copy_project, cpsite

OPTIONS = ["--id", "test-new-case", "--title-en", "Heat recovery at a test dyeing works",
           "--title-zh", "測試染廠回收熱能", "--summary-en", "A synthetic case for the tests.",
           "--summary-zh", "供測試用的虛構個案。", "--sector", "紡織業", "--pollutants", "energy-saving",
           "--pollutants", "effluent", "--technologies", "heat-pump-system", "--initiative", "dp-ii",
           "--year", "2022", "--source-id", "s1", "--source-title", "Test source",
           "--source-publisher", "Test publisher", "--source-url", "https://example.org/s1",
           "--source-date", "2022-01"]


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


def test_all_fields_as_options_write_a_valid_record(project):
    result = cpsite(project, "new-case", "--no-input", *OPTIONS)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[:2] == [
        "wrote cases/test-new-case.yaml",
        "changed data/published-urls.txt: 9 address(es) of the new case added"]     # every file it changed
    text = (project / "cases/test-new-case.yaml").read_text()
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/case.schema.json"
    assert lines[1] == "# Written by `cpsite new-case`; field-by-field guide: CONTRIBUTING.md."
    assert "# Industry sector of the factory. Keys: data/sectors.yaml.\nsector: textiles\n" in text
    assert "pollutants: [energy-saving, effluent]" in lines and "technologies: [heat-pump-system]" in lines
    assert "  - id: s1\n    title: Test source\n" in text
    check = cpsite(project, "validate", "cases/test-new-case.yaml")
    assert check.returncode == 0 and check.stderr.startswith("OK: 1 record(s)")
    urls = (project / "data/published-urls.txt").read_text().splitlines()
    assert "/cases/test-new-case/" in urls and "/zh/cases/test-new-case/" in urls


def _with(option, value):
    out = list(OPTIONS)
    out[out.index(option) + 1] = value
    return out


@pytest.mark.parametrize("case_id, message", [
    ("cppp-dp-2009-metal-heat-pump", "--id: 'cppp-dp-2009-metal-heat-pump' is already used by "
                                     "cases/cppp-dp-2009-metal-heat-pump.yaml"),
    ("Test_Case", "--id: 'Test_Case' is not in the expected form: lowercase letters, digits and hyphens, "
                  "e.g. dp-2021-textile-dyeing"),
    ("../escape", "--id: '../escape' is not in the expected form"),
])
def test_refuses_an_existing_or_malformed_id(project, case_id, message):
    before = sorted(p.name for p in (project / "cases").iterdir())
    result = cpsite(project, "new-case", "--no-input", *_with("--id", case_id))
    assert result.returncode == 1
    assert result.stderr.startswith("cpsite new-case: " + message)
    assert sorted(p.name for p in (project / "cases").iterdir()) == before


def test_refuses_a_former_id_of_another_record(project):
    record = project / "cases/pilot-2007-cc-joint-printing.yaml"
    record.write_text(record.read_text().replace("id: pilot-2007-cc-joint-printing\n",
                                                 "id: pilot-2007-cc-joint-printing\nformer_ids: [old-printing]\n"))
    result = cpsite(project, "new-case", "--no-input", *_with("--id", "old-printing"))
    assert result.returncode == 1
    assert "'old-printing' is already used by cases/pilot-2007-cc-joint-printing.yaml" in result.stderr
    assert not (project / "cases/old-printing.yaml").exists()


def test_bad_option_values_are_refused(project):
    result = cpsite(project, "new-case", "--no-input", *_with("--sector", "textile"))
    assert result.returncode == 1
    assert "--sector: 'textile' is not one of the choices (did you mean 'textiles', Textiles / 紡織業?)" \
        in result.stderr
    result = cpsite(project, "new-case", "--no-input", *_with("--technologies", "heat-pump-sytem"))
    assert result.returncode == 1
    assert "--technologies: no technology record: 'heat-pump-sytem' (did you mean 'heat-pump-system'?)" \
        in result.stderr
    result = cpsite(project, "new-case", "--no-input", *_with("--source-url", "example.org"))
    assert result.returncode == 1
    assert "--source-url: E113 'example.org' is not in the expected form: a web address starting with " \
           "http:// or https://" in result.stderr
    assert not (project / "cases/test-new-case.yaml").exists()


def test_no_input_lists_what_is_missing(project):
    result = cpsite(project, "new-case", "--no-input", "--id", "test-x", "--year", "2020")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "cpsite new-case: missing --title-en, --title-zh, --summary-en, --summary-zh, --sector, --pollutants, "
        "--initiative, --source-id, --source-title, --source-publisher, --source-url or --source-document, "
        "--source-date (or leave out --no-input to be asked)")


def test_interactive_answers_with_menu_numbers_and_a_wrong_answer_asked_again(project):
    answers = "\n".join([
        "Bad Id", "test-asked",            # id: refused, then accepted
        "Asked title", "提問標題", "Asked summary.", "提問摘要。",
        "textil", "1",                      # sector: refused, then menu number 1 (textiles)
        "1; 3",                             # pollutants by menu numbers
        "",                                 # technologies: none
        "4", "2021",                        # initiative dp-ii, year
        "", "", "",                         # phase, location, company left out
        "s1", "Asked source", "Asked publisher", "", "Paper 1/2021", "2021-06", "zh-Hant", ""])
    result = cpsite(project, "new-case", stdin=answers)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "  ! 'Bad Id' is not in the expected form" in result.stdout
    assert "  ! 'textil' is not one of the choices" in result.stdout
    assert "   1  textiles                 Textiles / 紡織業" in result.stdout
    text = (project / "cases/test-asked.yaml").read_text()
    lines = text.splitlines()
    assert {"sector: textiles", "pollutants: [air-voc, energy-saving]", "technologies: []",
            "initiative: dp-ii", "year: 2021", "    document: Paper 1/2021", "    language: zh-Hant"} <= set(lines)
    assert "phase:" not in text and "company:" not in text
    assert cpsite(project, "validate", "cases/test-asked.yaml").returncode == 0


def test_input_that_ends_early_writes_nothing(project):
    result = cpsite(project, "new-case", stdin="test-early\nTitle\n")
    assert result.returncode == 2
    assert "no answer for title_zh: input ended (give it as --title-zh)" in result.stderr
    assert not (project / "cases/test-early.yaml").exists()


@pytest.mark.parametrize("typed, meant", [("印刷", "'printing', Printing and publishing / 印刷和出版業"),
                                          ("Metals", "'metal', Metal and metal products / 金屬和金屬製品業")])
def test_a_near_name_in_either_language_gets_a_suggestion(project, typed, meant):
    result = cpsite(project, "new-case", "--no-input", *_with("--sector", typed))
    assert result.returncode == 1
    assert f"--sector: '{typed}' is not one of the choices (did you mean {meant}?)" in result.stderr


def test_sector_by_key_english_or_chinese_name(project):
    for n, given in enumerate(("printing", "Printing and publishing", "印刷和出版業")):
        options = _with("--sector", given)
        options[options.index("--id") + 1] = f"test-sector-{n}"
        result = cpsite(project, "new-case", "--no-input", *options)
        assert result.returncode == 0, result.stderr
        assert "sector: printing\n" in (project / f"cases/test-sector-{n}.yaml").read_text()


def test_question_mark_lists_technologies_with_both_names(project):
    answers = "\n".join(["test-q", "T", "標題", "S.", "摘要。", "1", "1", "?", ""])
    result = cpsite(project, "new-case", stdin=answers)
    assert "heat-pump-system" in result.stdout
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("heat-pump-system "))
    assert line.split(None, 1)[1] == "Heat pump system / 熱泵系統"
