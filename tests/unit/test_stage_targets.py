"""The Makefile's stage targets run what they should, for any stage and for a stage
samconfig.toml names: ``make -n`` (commands shown, none run) in a copy of the Makefile beside a
samconfig.toml of the test's own. Then the parts of slsplay.ops.stages that need no AWS."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from slsplay.local.template import load_template
from slsplay.ops.stages import (
    IDENTIFIERS,
    StageError,
    read_stage,
    retained,
    standalone_template,
)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template()
NAMED_STAGE = """
[prod.deploy.parameters]
stack_name = "meetups-prod"
capabilities = "CAPABILITY_IAM"
parameter_overrides = "Stage=prod PublicUrl=https://meet.example.org"
"""


def make(directory: Path, target: str, stage: str) -> subprocess.CompletedProcess[str]:
    """``make -n TARGET STAGE=stage`` with this interpreter's environment as the project's."""
    shutil.copy(ROOT / "Makefile", directory / "Makefile")
    return subprocess.run(  # noqa: S603  (our own command)
        [  # noqa: S607  (make from PATH, as a developer runs it)
            "make",
            "-n",
            "--no-print-directory",
            target,
            f"STAGE={stage}",
            f"VENV={sys.prefix}",
            # Installed already; and no web app to build here.
            "INSTALLED=",
            "SAM_INSTALLED=",
            "WEB_BUILT=",
        ],
        cwd=directory,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def commands(run: subprocess.CompletedProcess[str]) -> list[str]:
    assert run.returncode == 0, run.stderr
    stages = f"{sys.prefix}/bin/python -m slsplay.ops.stages "
    return [line.replace(stages, "STAGES ") for line in run.stdout.splitlines()]


def test_destroy_empties_then_deletes_slsplay_stage_then_lists_what_stays(
    tmp_path: Path,
) -> None:
    shown = commands(make(tmp_path, "destroy", "ana-test"))

    assert shown == [
        "STAGES empty ana-test",
        "SAM_CLI_TELEMETRY=0 .venv-sam/bin/sam delete --stack-name slsplay-ana-test --no-prompts",
        "STAGES kept ana-test",
    ]


def test_destroy_deletes_the_stack_samconfig_names(tmp_path: Path) -> None:
    (tmp_path / "samconfig.toml").write_text(NAMED_STAGE)

    shown = commands(make(tmp_path, "destroy", "prod"))

    assert any(line.endswith("sam delete --stack-name meetups-prod --no-prompts") for line in shown)


def test_deploy_checks_the_stage_before_building_and_publishes_to_samconfigs_stack(
    tmp_path: Path,
) -> None:
    (tmp_path / "samconfig.toml").write_text(NAMED_STAGE)

    shown = commands(make(tmp_path, "deploy", "prod"))

    check = shown.index("STAGES check prod")
    (build,) = [i for i, line in enumerate(shown) if line.endswith("sam build")]
    (deploy,) = [i for i, line in enumerate(shown) if re.search(r"sam deploy\b", line)]
    assert check < build < deploy
    assert shown[deploy].endswith("sam deploy --config-env prod")
    assert shown[-1].endswith("-m slsplay.adapters.aws.web_publish meetups-prod")


def test_deploy_of_a_stage_samconfig_does_not_name_uses_slsplay_stage(tmp_path: Path) -> None:
    shown = commands(make(tmp_path, "deploy", "qa"))

    assert any(
        line.endswith(
            "sam deploy --stack-name slsplay-qa --s3-prefix slsplay-qa "
            "--parameter-overrides Stage=qa"
        )
        for line in shown
    )
    assert shown[-1].endswith("-m slsplay.adapters.aws.web_publish slsplay-qa")


def test_test_remote_takes_the_stage_as_every_target_does(tmp_path: Path) -> None:
    shown = "\n".join(commands(make(tmp_path, "test-remote", "qa")))

    assert "STAGES url qa" in shown
    assert "SLSPLAY_STAGE=qa" in shown
    assert "pytest tests/integration" in shown


def test_a_stage_name_the_template_refuses_stops_make_before_any_command(
    tmp_path: Path,
) -> None:
    run = make(tmp_path, "destroy", "Prod_1")

    assert run.returncode != 0
    assert "does not match" in run.stderr
    assert "sam delete" not in run.stdout


def test_the_stage_of_a_samconfig_section_has_its_stack_and_values(tmp_path: Path) -> None:
    (tmp_path / "samconfig.toml").write_text(NAMED_STAGE)

    stage = read_stage("prod", tmp_path / "samconfig.toml", TEMPLATE)

    assert stage.stack == "meetups-prod"
    assert stage.parameters == {"Stage": "prod", "PublicUrl": "https://meet.example.org"}
    assert stage.deploy_args() == ["--config-env", "prod"]


def test_every_resource_the_template_retains_is_one_destroy_can_find() -> None:
    kept = retained(TEMPLATE)

    assert {"Table", "MediaBucket"} <= set(kept)
    for resource in kept.values():
        assert IDENTIFIERS[resource["Type"]] in resource["Properties"], "a name of its own"


@pytest.mark.parametrize(
    ("resource", "said"),
    [
        ({"Type": "AWS::SQS::Queue", "DeletionPolicy": "Retain"}, "cannot find or remove"),
        (
            {"Type": "AWS::S3::Bucket", "DeletionPolicy": {"Fn::If": ["Kept", "Retain", "Delete"]}},
            "depends on a condition",
        ),
    ],
    ids=["a type it does not know", "a policy by condition"],
)
def test_a_retained_resource_destroy_cannot_handle_is_named_not_missed(
    resource: dict[str, Any], said: str
) -> None:
    with pytest.raises(StageError, match=said):
        retained({"Resources": {"Kept": resource}})


def _references(value: Any) -> set[str]:
    if isinstance(value, list):
        return set().union(*(_references(item) for item in value))
    if not isinstance(value, dict):
        return set()
    found = {value["Ref"]} if value.keys() == {"Ref"} else set()
    if value.keys() == {"Fn::Sub"}:
        text = value["Fn::Sub"] if isinstance(value["Fn::Sub"], str) else value["Fn::Sub"][0]
        found |= {name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)\}", text)}
    return found.union(*(_references(item) for item in value.values()))


def test_the_import_template_holds_the_retained_resources_alone_and_whole() -> None:
    document = standalone_template(TEMPLATE, list(retained(TEMPLATE)))

    resources = document["Resources"]
    assert set(resources) == set(retained(TEMPLATE))
    names = set(document["Parameters"]) | set(resources)
    for logical_id, resource in resources.items():
        assert resource["DeletionPolicy"] == "Retain"  # an import requires one
        assert "DependsOn" not in resource
        assert {r for r in _references(resource) if not r.startswith("AWS::")} <= names
        # The table comes whole: the deploy after the import must find nothing to change.
        if logical_id == "Table":
            assert resource == TEMPLATE["Resources"]["Table"]
    assert "NotificationConfiguration" not in resources["MediaBucket"]["Properties"]
