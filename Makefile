# The two commands a new user needs: `make run` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint typecheck unit contract integration constraints clean

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## run: seed a demo organizer (once), then serve the API and web app on http://127.0.0.1:8000
run: $(INSTALLED)
	$(BIN)/slsplay seed
	$(BIN)/slsplay serve

## test: every check: lint, types, unit, contract and integration tests
test: lint typecheck unit contract integration

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	$(BIN)/pytest tests/unit -q

contract: $(INSTALLED)
	$(BIN)/pytest tests/contract -q

integration: $(INSTALLED)
	$(BIN)/pytest tests/local tests/integration -q

## constraints: pin the versions now installed (after changing dependencies in pyproject.toml)
constraints: $(INSTALLED)
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .slsplay .pytest_cache .mypy_cache .ruff_cache .hypothesis
