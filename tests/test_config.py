import pytest

from newsweave.config import Config, load_config
from newsweave.errors import ConfigError, NewsweaveError


def test_defaults_are_documented_values():
    cfg = Config()
    assert cfg.summarize.words == 250
    assert cfg.on_error == "skip"
    assert cfg.one_story is False


def test_toml_file_layers_over_defaults_and_flags_override(tmp_path):
    path = tmp_path / "nw.toml"
    path.write_text('one_story = true\n[summarize]\nwords = 120\nmethod = "lead"\n')
    cfg = load_config(path, **{"summarize.words": 80})
    assert cfg.one_story is True
    assert cfg.summarize.method == "lead"  # from the file
    assert cfg.summarize.words == 80  # flag wins over the file
    assert cfg.ingest.min_text_chars == Config().ingest.min_text_chars  # untouched default


def test_unknown_key_names_the_key(tmp_path):
    path = tmp_path / "nw.toml"
    path.write_text("[summarize]\nwordz = 3\n")
    with pytest.raises(ConfigError, match="summarize.wordz"):
        load_config(path)


def test_wrong_type_names_key_expected_type_and_value(tmp_path):
    path = tmp_path / "nw.toml"
    path.write_text('[summarize]\nwords = "many"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    msg = str(info.value)
    assert "summarize.words" in msg and "int" in msg and "'many'" in msg


def test_bool_is_not_accepted_as_int():
    with pytest.raises(ConfigError):
        load_config(None, **{"summarize.words": True})


def test_bad_on_error_value():
    with pytest.raises(ConfigError, match="on_error"):
        load_config(None, on_error="ignore")


def test_missing_and_invalid_files_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[summarize\n")
    with pytest.raises(ConfigError, match="TOML"):
        load_config(bad)


def test_config_error_is_a_newsweave_error():
    assert issubclass(ConfigError, NewsweaveError)
