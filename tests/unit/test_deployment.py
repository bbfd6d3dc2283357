"""What `make deploy` builds and deploys agrees with the code: the functions' pinned
dependencies, their layer's build, and the stages of samconfig.toml."""

from __future__ import annotations

import importlib.util
import re
import shlex
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from slsplay.local.template import load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template()
SAMCONFIG = ROOT / "samconfig.toml"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dependencies_layer_pins_what_pyproject_needs_at_the_tested_versions() -> None:
    requirements = _script("lambda_requirements")

    assert requirements.REQUIREMENTS.read_text() == requirements.lambda_requirements(), (
        "layers/dependencies/requirements.txt is stale: run `make requirements`"
    )


def test_the_layer_is_built_for_the_functions_runtime_and_architecture() -> None:
    functions = TEMPLATE["Globals"]["Function"]
    layer = TEMPLATE["Resources"]["DependenciesLayer"]

    assert layer["Metadata"]["BuildMethod"] == functions["Runtime"]
    assert [layer["Metadata"]["BuildArchitecture"]] == functions["Architectures"]
    assert layer["Properties"]["CompatibleRuntimes"] == [functions["Runtime"]]
    assert functions["Layers"] == [{"Ref": "DependenciesLayer"}]
    # The functions' own code brings no dependencies of its own: they are all in the layer.
    assert not (ROOT / functions["CodeUri"] / "requirements.txt").exists()


def _stages(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each environment's deploy parameters, by the stage it deploys."""
    return {
        "dev" if environment == "default" else environment: {
            **commands.get("global", {}).get("parameters", {}),
            **commands["deploy"]["parameters"],
        }
        for environment, commands in config.items()
        if isinstance(commands, dict) and "deploy" in commands
    }


def _example_stage() -> dict[str, Any]:
    """The commented-out stage samconfig.toml offers to copy, uncommented."""
    lines = SAMCONFIG.read_text().splitlines()
    start = lines.index("# [prod.deploy.parameters]")
    block = [line.removeprefix("# ") for line in lines[start:] if line.startswith("# ")]
    return tomllib.loads("\n".join(block))


@pytest.mark.parametrize(
    "config",
    [tomllib.loads(SAMCONFIG.read_text()), _example_stage()],
    ids=["samconfig.toml", "its example stage"],
)
def test_each_stage_of_samconfig_deploys_its_own_stack_with_its_own_name(
    config: dict[str, Any],
) -> None:
    stages = _stages(config)
    assert stages
    for stage, parameters in stages.items():
        assert re.fullmatch(TEMPLATE["Parameters"]["Stage"]["AllowedPattern"], stage)
        assert parameters["stack_name"] == f"slsplay-{stage}"
        assert "CAPABILITY_IAM" in parameters["capabilities"]
        overrides = dict(
            item.split("=", 1) for item in shlex.split(parameters["parameter_overrides"])
        )
        assert overrides["Stage"] == stage
        assert set(overrides) <= set(TEMPLATE["Parameters"]), "an override the template lacks"
