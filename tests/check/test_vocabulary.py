"""Schemas, vocabularies and the real records agree with each other."""

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from generator.check.validate import VOCABULARIES, record_files, validate_project
from generator.core.project import LOCALES, Project

SCHEMAS = sorted((ROOT / "schema").glob("*.schema.json"))


def _vocab_keys(name):
    """Keys a schema enum lists: units marked `use: evidence` are for technology evidence, which
    checks them against data/units.yaml itself (rules.evidence), never for case reductions."""
    terms = yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text())["terms"]
    return [t["key"] for t in terms if t.get("use") != "evidence"]


def _enums(node, found):
    if isinstance(node, dict):
        if "x-vocabulary" in node:
            found.setdefault(node["x-vocabulary"], []).append(node["enum"])
        for value in node.values():
            _enums(value, found)
    elif isinstance(node, list):
        for value in node:
            _enums(value, found)
    return found


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft7(path):
    jsonschema.Draft7Validator.check_schema(json.loads(path.read_text()))


def test_schema_enums_equal_vocabulary_files():
    found = {}
    for path in SCHEMAS:
        _enums(json.loads(path.read_text()), found)
    assert set(found) <= set(VOCABULARIES)
    for name, enums in found.items():
        for enum in enums:
            assert enum == _vocab_keys(name), f"schema enum for {name} differs from data/{name}.yaml"


def test_eight_target_sectors():
    terms = yaml.safe_load((ROOT / "data" / "sectors.yaml").read_text())["terms"]
    assert sum(bool(t.get("target")) for t in terms) == 8


def test_real_records_are_valid_without_warnings():
    result = validate_project(Project(ROOT))
    assert [str(p) for p in result.problems] == []


@pytest.mark.parametrize("folder,schema", [("cases", "case"), ("technologies", "technology")])
def test_every_record_starts_with_its_schema_line(folder, schema):
    files = record_files(ROOT / folder)
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema}.schema.json", path


def test_interface_strings_have_the_same_keys_in_both_languages():
    en = yaml.safe_load((LOCALES / "en.yaml").read_text())
    zh = yaml.safe_load((LOCALES / "zh.yaml").read_text())
    assert sorted(en) == sorted(zh)
