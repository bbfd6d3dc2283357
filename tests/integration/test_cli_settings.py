"""The ``slsplay`` command takes its defaults from the settings: the data directory of
``SLSPLAY_DATA_DIR`` unless ``--data-dir`` names another, and a bad setting said by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from slsplay import cli


def test_the_data_directory_of_slsplay_data_dir_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "seed"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("SLSPLAY_DATA_DIR", str(tmp_path))

    assert cli.main(["meetups"]) == 0

    assert "Founders' fireside chat" in capsys.readouterr().out


def test_data_dir_wins_over_slsplay_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLSPLAY_DATA_DIR", str(tmp_path / "elsewhere"))

    assert cli.main(["--data-dir", str(tmp_path / "given"), "seed"]) == 0

    assert f"({tmp_path / 'given'})" in capsys.readouterr().out
    assert not (tmp_path / "elsewhere").exists()


def test_a_bad_setting_is_named_and_nothing_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLSPLAY_BACKEND", "cloud")

    assert cli.main(["--data-dir", str(tmp_path), "seed"]) == 1

    assert capsys.readouterr().err == "slsplay: SLSPLAY_BACKEND must be local or aws, not 'cloud'\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("overrides", "said"),
    [(["NoSuchParameter=1"], "no parameter NoSuchParameter"), (["ClientRateLimit"], "Name=value")],
)
def test_serve_takes_the_templates_parameters_and_names_a_wrong_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], overrides: list[str], said: str
) -> None:
    argv = ["serve", "--port", "0", "--data-dir", str(tmp_path), "--parameter-overrides"]

    assert cli.main([*argv, *overrides]) == 1

    assert said in capsys.readouterr().err
