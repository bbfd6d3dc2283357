# The two commands a new user needs: `make run` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# SAM CLI and cfn-lint pin boto3, pydantic and click below the project's: their own venv.
SAM_TOOLS := aws-sam-cli==1.170.0 cfn-lint==1.58.0
SAM_VENV := .venv-sam
SAM_INSTALLED := $(SAM_VENV)/.installed
SAM := SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam
# Validating needs a region, not an account; a deploy uses yours (AWS_REGION or your profile).
LINT_REGION := AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-eu-west-1}
# sam build runs pip with the functions' runtime, python3.12: pyenv's, else one on PATH.
PYTHON312 = $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12.*/bin/python3.12) $(shell command -v python3.12))
# The web app: node_modules from the lockfile, then web/dist, rebuilt when a source changes.
WEB_INSTALLED := web/node_modules/.installed
WEB_BUILT := web/dist/index.html
WEB_SOURCES = $(shell find web -path web/node_modules -prune -o -path web/dist -prune -o -type f -print)
STAGE ?= dev
# The native app (native/): its own virtualenv, with Toga's GTK backend and Briefcase; the
# server's stays free of GUI packages. PyGObject builds against the system's GTK (.ci/run).
NATIVE_VENV := native/.venv
NATIVE_BIN := $(NATIVE_VENV)/bin
NATIVE_INSTALLED := $(NATIVE_VENV)/.installed
# The stage's stack and sam deploy's arguments (slsplay.ops.stages reads samconfig.toml): a stage
# with a [STAGE.deploy.parameters] section deploys with its values and stack_name, any other as
# slsplay-STAGE with the template's defaults. Read when a recipe runs, once .venv is there.
STAGES = $(BIN)/python -m slsplay.ops.stages
STACK = $(or $(shell $(STAGES) stack-name $(STAGE)),$(error no stack for STAGE=$(STAGE)))
STAGE_ARGS = $(or $(shell $(STAGES) deploy-args $(STAGE)),$(error no stack for STAGE=$(STAGE)))

# `make` alone lists the targets (`make help`).
.DEFAULT_GOAL := help

.PHONY: help run test test-remote lint typecheck unit contract integration integration-local integration-aws lint-template build requirements \
	constraints constraints-sam secrets deploy deploy-check adopt destroy clean web web-test e2e screenshots fuzz size \
	native native-test native-client native-icons native-screenshots native-constraints

# pip's own progress shows: a first run installs for a minute or two, and says so.
$(INSTALLED): pyproject.toml constraints.txt
	@echo "Installing slsplay and its dependencies into $(VENV) (the first time: a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## help: this list (also what `make` alone shows)
help:
	@echo "make TARGET, where TARGET is one of:"
	@awk '/^## [a-z][a-z0-9-]*: / { sub(/^## /, ""); name = substr($$0, 1, index($$0, ":") - 1); \
		printf "  %-16s %s\n", name, substr($$0, length(name) + 3); next } \
		/^## / { printf "  %-16s %s\n", "", substr($$0, 4) }' $(firstword $(MAKEFILE_LIST))

PORT ?= 8000
## run: seed a demo organizer (once), then serve the API and web app on http://127.0.0.1:8000
## (another port: make run PORT=8001)
run: $(INSTALLED) $(WEB_BUILT)
	$(BIN)/slsplay seed
	$(BIN)/slsplay serve --port $(PORT)

## test: every check: lint, types, the template (validate, lint, build), unit, contract and
## integration tests, the web app's lint and component tests, the browser tests, and the
## native app's tests
test: lint typecheck lint-template unit contract integration web-test e2e native-test

$(WEB_INSTALLED): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && npm run build
	touch $@

## web: build the web app into web/dist (the runtime serves it at /)
web: $(WEB_BUILT)

## web-test: the web app's lint (ESLint, typescript-eslint, the rules of hooks), its component
## tests (Vitest), and that every locked package runs on the Node the README names
web-test: $(WEB_INSTALLED)
	cd web && npm run check-engines
	cd web && npm run lint
	cd web && npm test

## e2e: the web app in headless Chromium (Debian's) against slsplay serve, at phone size
e2e: $(INSTALLED) $(WEB_BUILT)
	$(BIN)/pytest tests/e2e -q

## fuzz: the OpenAPI fuzzer for a few minutes (FUZZ_SECONDS, 240 by default) with 4 workers
## against slsplay serve: every answer checked against the document; prints its figures
FUZZ_SECONDS ?= 240
fuzz: $(INSTALLED)
	$(BIN)/python bench/openapi_fuzz.py --seconds $(FUZZ_SECONDS)

## screenshots: each main screen at phone size, into docs/screenshots/
screenshots: $(INSTALLED) $(WEB_BUILT)
	$(BIN)/python scripts/screenshots.py

$(NATIVE_INSTALLED): native/pyproject.toml native/constraints.txt
	@echo "Installing the native app and Toga into $(NATIVE_VENV) (the first time: a minute or two)"
	$(PYTHON) -m venv $(NATIVE_VENV)
	$(NATIVE_BIN)/pip install --disable-pip-version-check -c native/constraints.txt -e './native[gtk,dev]'
	touch $@

## native: the native app (Toga on GTK, briefcase dev) against the local server of make run
## (another: make native API=https://...)
API ?= http://127.0.0.1:$(PORT)
# --no-isolation: native/.venv is the app's own already; Briefcase need not make another.
native: $(NATIVE_INSTALLED)
	cd native && SLSPLAY_API_URL=$(API) .venv/bin/briefcase dev --no-isolation

## native-test: the native app's types (mypy), its logic on Toga's dummy backend, the client
## against the OpenAPI document, and a journey on GTK under Xvfb against slsplay serve
native-test: $(INSTALLED) $(NATIVE_INSTALLED)
	cd native && .venv/bin/mypy
	cd native && SLSPLAY_SERVER_PYTHON=$(abspath $(BIN)/python) .venv/bin/pytest -q

## native-client: regenerate the native app's API client from the OpenAPI document
native-client: $(INSTALLED) $(NATIVE_INSTALLED)
	$(NATIVE_BIN)/python native/scripts/generate_client.py $(abspath $(BIN)/python)

## native-icons: the native app's icons (native/icons) from the web app's
native-icons: $(NATIVE_INSTALLED)
	$(NATIVE_BIN)/python native/scripts/make_icons.py

## native-screenshots: the native app's screens at phone size, into docs/screenshots/native/
native-screenshots: $(INSTALLED) $(NATIVE_INSTALLED)
	cd native && SLSPLAY_SERVER_PYTHON=$(abspath $(BIN)/python) \
		SLSPLAY_NATIVE_SCREENSHOTS=$(abspath docs/screenshots/native) .venv/bin/pytest -q tests/test_journey.py

## lint: ruff's checks and formatting, without changing a file
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## typecheck: mypy on the sources and tests
typecheck: $(INSTALLED)
	$(BIN)/mypy

## unit: the unit tests (the domain and rules, no I/O)
unit: $(INSTALLED)
	$(BIN)/pytest tests/unit -q

## contract: each port's suite on every adapter
contract: $(INSTALLED)
	$(BIN)/pytest tests/contract -q

## integration: the runtime, the test fakes over HTTP and the integration tests on the local
## backend with slsplay serve --chaos (everything delivered twice, out of order), then the ones
## marked served again with slsplay serve on the AWS adapters against moto's server
## (integration-local, integration-aws: one of the two)
integration: integration-local integration-aws

integration-local: $(INSTALLED)
	$(BIN)/pytest tests/local tests/fakes tests/integration -q --chaos

integration-aws: $(INSTALLED)
	$(BIN)/pytest tests/integration -q --backend aws

## lint-template: template.yaml through sam validate --lint and cfn-lint, then sam build
lint-template: $(SAM_INSTALLED)
	$(LINT_REGION) $(SAM) validate --lint
	$(LINT_REGION) $(SAM_VENV)/bin/cfn-lint template.yaml
	@$(MAKE) --no-print-directory build

$(SAM_INSTALLED): constraints-sam.txt
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check -c constraints-sam.txt $(SAM_TOOLS)
	touch $@

## build: the functions and their dependencies layer, for python3.12 on arm64, in .aws-sam/
build: $(SAM_INSTALLED)
	@test -n "$(PYTHON312)" || { echo "sam build needs python3.12 (the functions' runtime) on PATH or under pyenv" >&2; exit 1; }
	PATH="$(dir $(PYTHON312)):$$PATH" $(LINT_REGION) $(SAM) build

## size: build, then the unzipped size of the layer and of each function's code, and each
## handler's import time as a ratio to `import boto3` (IMPORT_RUNS fresh processes each)
IMPORT_RUNS ?= 3
size: build $(INSTALLED)
	$(BIN)/python bench/deploy_size.py
	$(BIN)/python bench/import_time.py --runs $(IMPORT_RUNS)

## requirements: the functions' pinned dependencies (layers/dependencies) from pyproject.toml,
## but the local runtime's own; fails if a handler imports a package the layer would lack
requirements: $(INSTALLED)
	$(BIN)/python scripts/lambda_requirements.py

## test-remote: the served tests against a deployed stage: make test-remote STAGE=dev (its
## CloudFront address, or SLSPLAY_API_URL=https://... for another; mail checks read
## SLSPLAY_TEST_INBOX=s3://bucket/prefix; without it they say so and skip)
test-remote: $(INSTALLED)
	url="$${SLSPLAY_API_URL:-$$($(STAGES) url $(STAGE))}" && \
	SLSPLAY_API_URL="$$url" SLSPLAY_STAGE=$(STAGE) $(BIN)/pytest tests/integration -q -rs

## constraints: pin the versions now installed (after changing dependencies in pyproject.toml)
constraints: $(INSTALLED)
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	$(BIN)/python scripts/lambda_requirements.py

## native-constraints: pin the versions the native app's virtualenv has now (after changing
## native/pyproject.toml)
native-constraints: $(NATIVE_INSTALLED)
	$(NATIVE_BIN)/pip freeze --exclude-editable | grep -v '^-e' > native/constraints.txt

## constraints-sam: pin what SAM_TOOLS installs (after changing their versions above)
constraints-sam:
	rm -rf $(SAM_VENV)
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check $(SAM_TOOLS)
	{ sed -n '1,2p' constraints-sam.txt; $(SAM_VENV)/bin/pip freeze; } > constraints-sam.tmp
	mv constraints-sam.tmp constraints-sam.txt
	touch $(SAM_INSTALLED)

## secrets: create the stage's secrets in Secrets Manager if absent (STAGE=dev by default)
secrets: $(INSTALLED)
	$(BIN)/python -m slsplay.adapters.aws.stage_secrets $(STAGE)

## deploy: build, deploy the stage's stack (make secrets first, once), then upload the web app
## to its bucket; refused before the build while data an earlier stack of the stage kept is there
deploy: deploy-check build $(WEB_BUILT)
	$(SAM) deploy $(STAGE_ARGS)
	$(BIN)/python -m slsplay.adapters.aws.web_publish $(STACK)

## deploy-check: whether the stage can deploy (no data of an earlier stack in the way)
deploy-check: $(INSTALLED)
	$(STAGES) check $(STAGE)

## adopt: the data an earlier stack of the stage kept (table, media bucket) into a new stack of
## it, by a CloudFormation import; make deploy then completes the stage around it
adopt: $(INSTALLED)
	$(STAGES) adopt $(STAGE)

## destroy: empty the buckets the stack deletes, delete the stack, then list what the stage keeps
## (table, media bucket, secrets) and the commands that remove it
destroy: $(INSTALLED) $(SAM_INSTALLED)
	$(STAGES) empty $(STAGE)
	$(SAM) delete --stack-name $(STACK) --no-prompts
	$(STAGES) kept $(STAGE)

## clean: remove the virtualenvs, local data, caches and the web app's build
clean:
	rm -rf $(VENV) $(SAM_VENV) $(NATIVE_VENV) .aws-sam .slsplay .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		web/node_modules web/dist test-results
