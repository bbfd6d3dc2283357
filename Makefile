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
# A stage with a [STAGE.deploy.parameters] section in samconfig.toml deploys with its values;
# any other deploys as slsplay-STAGE with the template's defaults.
STAGE_ARGS = $(if $(shell grep -s '^\[$(STAGE)\.deploy\.parameters\]' samconfig.toml),--config-env $(STAGE),--stack-name slsplay-$(STAGE) --s3-prefix slsplay-$(STAGE) --parameter-overrides Stage=$(STAGE))

.PHONY: run test test-remote lint typecheck unit contract integration lint-template build requirements \
	constraints constraints-sam secrets deploy destroy clean web web-test e2e screenshots fuzz size

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## run: seed a demo organizer (once), then serve the API and web app on http://127.0.0.1:8000
run: $(INSTALLED) $(WEB_BUILT)
	$(BIN)/slsplay seed
	$(BIN)/slsplay serve

## test: every check: lint, types, the template (validate, lint, build), unit, contract and
## integration tests, the web app's component tests, and the browser tests
test: lint typecheck lint-template unit contract integration web-test e2e

$(WEB_INSTALLED): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && npm run build
	touch $@

## web: build the web app into web/dist (the runtime serves it at /)
web: $(WEB_BUILT)

## web-test: the web app's component tests (Vitest)
web-test: $(WEB_INSTALLED)
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

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	$(BIN)/pytest tests/unit -q

contract: $(INSTALLED)
	$(BIN)/pytest tests/contract -q

## integration: the runtime, the test fakes over HTTP and the integration tests on the local
## backend with slsplay serve --chaos (everything delivered twice, out of order), then the ones
## marked served again with slsplay serve on the AWS adapters against moto's server
integration: $(INSTALLED)
	$(BIN)/pytest tests/local tests/fakes tests/integration -q --chaos
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

## test-remote: the served tests against a deployed stage: SLSPLAY_API_URL=https://... make test-remote
## (mail checks read SLSPLAY_TEST_INBOX=s3://bucket/prefix; without it they say so and skip)
test-remote: $(INSTALLED)
	@test -n "$(SLSPLAY_API_URL)" || { echo "set SLSPLAY_API_URL to the stage's URL"; exit 2; }
	$(BIN)/pytest tests/integration -q -rs

## constraints: pin the versions now installed (after changing dependencies in pyproject.toml)
constraints: $(INSTALLED)
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	$(BIN)/python scripts/lambda_requirements.py

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

## deploy: build, deploy the stack slsplay-$(STAGE) (make secrets first, once), then upload
## the web app to its bucket
deploy: build $(WEB_BUILT)
	$(SAM) deploy $(STAGE_ARGS)
	$(BIN)/python -m slsplay.adapters.aws.web_publish slsplay-$(STAGE)

## destroy: delete the stack slsplay-$(STAGE) (its table and secret stay: see README)
destroy: $(SAM_INSTALLED)
	$(SAM) delete --stack-name slsplay-$(STAGE) --no-prompts

clean:
	rm -rf $(VENV) $(SAM_VENV) .aws-sam .slsplay .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		web/node_modules web/dist test-results
