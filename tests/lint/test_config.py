"""Config files: where they are found, what they may hold, and errors that name the line."""

from __future__ import annotations

import pytest

from detector.config import ConfigError, ConfigFinder, parse_config

from .conftest import write


def test_propalint_toml_settings_are_read(tmp_path):
    path = write(tmp_path / "propalint.toml", """\
select = ["doubt", "fr.authority"]
min-confidence = 0.7
lang = "fr"
rules = ["packs"]

[per-file-ignores]
"drafts/*.md" = ["slogans"]

[severity]
doubt = "error"
""")
    config = parse_config(path)
    assert config.select == ["doubt", "fr.authority"]
    assert config.min_confidence == 0.7 and config.lang == "fr"
    assert config.rules == [tmp_path / "packs"]
    assert config.per_file_ignores == {"drafts/*.md": ["slogans"]}
    assert config.severity == {"doubt": "error"}
    assert config.lines["severity"] == 9


def test_unknown_setting_names_file_and_line(tmp_path):
    path = write(tmp_path / "propalint.toml", 'select = ["doubt"]\n\nmin-confidance = 0.5\n')
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    assert err.value.line == 3
    assert "min-confidance" in str(err.value) and str(err.value).endswith(err.value.message)


def test_unknown_setting_in_pyproject_table_names_its_line(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.propalint]\nignore = ["doubt"]\nselct = []\n')
    with pytest.raises(ConfigError) as err:
        parse_config(path)
    assert err.value.line == 6


@pytest.mark.parametrize("text, line", [
    ('min-confidence = 2\n', 1),
    ('lang = "de"\n', 1),
    ('\nselect = "doubt"\n', 2),
    ('[severity]\ndoubt = "fatal"\n', 1),
    ('min-severity = "warning"\nfail-on = "critical"\n', 2),
])
def test_wrong_values_are_errors(tmp_path, text, line):
    with pytest.raises(ConfigError) as err:
        parse_config(write(tmp_path / "propalint.toml", text))
    assert err.value.line == line


def test_invalid_toml_is_an_error_with_a_line(tmp_path):
    with pytest.raises(ConfigError) as err:
        parse_config(write(tmp_path / "propalint.toml", 'select = ["doubt"]\nignore = [\n'))
    assert err.value.line >= 2 and "invalid TOML" in err.value.message


def test_pyproject_without_a_propalint_table_is_not_a_config(tmp_path):
    assert parse_config(write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')) is None


def test_nearest_config_wins_walking_up(tmp_path):
    write(tmp_path / "propalint.toml", 'select = ["doubt"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.propalint]\nselect = ["slogans"]\n')
    write(tmp_path / "b" / "pyproject.toml", '[project]\nname = "not-ours"\n')
    article = write(tmp_path / "a" / "deep" / "x.md", "text")
    other = write(tmp_path / "b" / "y.md", "text")
    finder = ConfigFinder()
    assert finder.for_path(str(article)).select == ["slogans"]
    assert finder.for_path(str(other)).select == ["doubt"]  # b's pyproject has no table: keep walking
    # each folder is read once: the same object comes back
    assert finder.for_path(str(other)) is finder.for_path(str(tmp_path / "b" / "z.txt"))


def test_dedicated_file_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.propalint]\nselect = ["slogans"]\n')
    write(tmp_path / "propalint.toml", 'select = ["doubt"]\n')
    assert ConfigFinder().for_dir(tmp_path).select == ["doubt"]
