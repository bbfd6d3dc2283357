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


LAYER = _script("lambda_requirements")


def test_the_dependencies_layer_pins_what_pyproject_needs_at_the_tested_versions() -> None:
    assert LAYER.REQUIREMENTS.read_text() == LAYER.lambda_requirements(), (
        "layers/dependencies/requirements.txt is stale: run `make requirements`"
    )


def _layer() -> set[str]:
    """The distributions layers/dependencies/requirements.txt installs."""
    return set(LAYER.pins(LAYER.REQUIREMENTS))


def _local_only_in(layer: set[str]) -> set[str]:
    """What of ``layer`` only the local runtime imports (directly, or through a package it
    imports), or LOCAL_ONLY names, and no handler needs on the AWS backend."""
    cloud = LAYER.cloud_modules(LAYER.handler_modules())
    local = LAYER.distributions_imported(set(LAYER._our_modules(LAYER.SOURCE)) - cloud)
    needed = LAYER.runtime_closure(sorted(LAYER.cloud_distributions()))
    return layer & (LAYER.runtime_closure(sorted(local)) | LAYER.LOCAL_ONLY) - needed


def test_the_layer_has_every_package_a_handler_imports_on_the_aws_backend() -> None:
    needed = LAYER.runtime_closure(sorted(LAYER.cloud_distributions()))

    assert needed - _layer() == set()


def test_no_package_of_the_local_runtime_alone_is_in_the_layer() -> None:
    assert _local_only_in(_layer()) == set()
    # The same check on a layer that a local-only package slipped into.
    assert _local_only_in(_layer() | {"uvicorn", "anyio", "pyyaml"}) == {
        "uvicorn",
        "anyio",
        "pyyaml",
    }


def test_the_handlers_import_graph_counts_lazy_imports_and_leaves_the_runtime_out() -> None:
    cloud = LAYER.cloud_modules(LAYER.handler_modules())

    # Built on first use (bootstrap's cached properties), so imported in a function body.
    assert {"slsplay.adapters.stripe_payments", "slsplay.adapters.aws.dynamo_store"} <= cloud
    assert {"slsplay.handlers", "slsplay"} <= cloud  # a module's packages run first
    assert not {name for name in cloud if name.startswith(LAYER.LOCAL_MODULES)}
    assert LAYER.LOCAL_ONLY & LAYER.cloud_distributions() == set()


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
