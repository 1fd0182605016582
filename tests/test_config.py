"""[tool.attribtrack] / .attribtrack.toml: discovery, validation, selection, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribtrack.config import Config, Style, find_config, load_config, parse_config
from attribtrack.errors import ConfigError, ExitCode


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_nothing_is_found(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "story.md")
    assert cfg == Config()
    assert cfg.fail_on == "error" and cfg.outlets == {}


def test_pyproject_found_upward_and_read(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
[project]
name = "newsroom"

[tool.attribtrack]
select = ["AT1", "AT3"]
ignore = ["at104"]
fail-on = "warning"
severity = { AT103 = "warning", AT106 = "off" }

[tool.attribtrack.per-path-ignores]
"opinion/*.md" = ["AT106", "AT3"]

[tool.attribtrack.style]
neutral-cues = ["claimed"]
loaded_cues = ["opined"]
titles = ["Chief Rabbi"]

[tool.attribtrack.outlets]
"Kyiv Post" = ["the Kyiv Post", "kyivpost.com"]
""",
    )
    draft = write(tmp_path / "drafts" / "deep" / "story.md", "x")
    cfg = load_config(draft)
    assert cfg.path == tmp_path / "pyproject.toml"
    assert cfg.select == ("AT1", "AT3") and cfg.ignore == ("AT104",)
    assert cfg.fail_on == "warning"
    assert cfg.severity_of("AT103", "info") == "warning"
    assert cfg.style == Style(neutral_cues=("claimed",), loaded_cues=("opined",), titles=("Chief Rabbi",))
    assert cfg.outlets == {"Kyiv Post": ["the Kyiv Post", "kyivpost.com"]}
    assert cfg.enabled("AT101") and not cfg.enabled("AT104") and not cfg.enabled("AT201")
    assert not cfg.enabled("AT106")  # severity "off"
    opinion = str(tmp_path / "opinion" / "column.md")
    assert cfg.enabled("AT301", str(draft)) and not cfg.enabled("AT301", opinion)
    assert not cfg.enabled("AT106", opinion) and cfg.enabled("AT101", opinion)


def test_dotfile_wins_over_pyproject_at_the_same_level(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.attribtrack]\nfail-on = "info"\n')
    write(tmp_path / ".attribtrack.toml", 'fail-on = "warning"\n')
    assert load_config(tmp_path).fail_on == "warning"


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / ".attribtrack.toml", 'fail-on = "never"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "sub" / "a.md") == tmp_path / ".attribtrack.toml"


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"selcet": ["AT1"]}, "selcet"),
        ({"style": {"neutral": ["said"]}}, "style.neutral"),
    ],
)
def test_unknown_keys_are_errors_naming_the_key(table: dict, named: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(table)
    assert named in str(info.value)
    assert info.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    "table",
    [
        {"select": "AT1"},  # a single string is accepted...
    ],
)
def test_single_string_accepted(table: dict) -> None:
    assert parse_config(table).select == ("AT1",)


@pytest.mark.parametrize(
    "table",
    [
        {"select": ["E501"]},
        {"fail-on": "fatal"},
        {"severity": {"AT101": "loud"}},
        {"select": [1]},
        {"outlets": {"X": [1]}},
    ],
)
def test_bad_values_are_config_errors(table: dict) -> None:
    with pytest.raises(ConfigError):
        parse_config(table)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path / ".attribtrack.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(tmp_path)


def test_longest_prefix_wins() -> None:
    cfg = parse_config({"select": ["AT103"], "ignore": ["AT1"]})
    assert cfg.enabled("AT103") and not cfg.enabled("AT101")
    cfg = parse_config({"select": ["AT1"], "ignore": ["AT103"]})
    assert not cfg.enabled("AT103") and cfg.enabled("AT101")


def test_command_line_overrides() -> None:
    cfg = parse_config({"select": ["AT1"], "ignore": ["AT104"], "fail-on": "info"})
    over = cfg.with_overrides(select=("AT3",), ignore=("AT306",), fail_on="warning")
    assert over.select == ("AT3",) and over.ignore == ("AT104", "AT306") and over.fail_on == "warning"
    with pytest.raises(ConfigError):
        cfg.with_overrides(select=("X1",))
