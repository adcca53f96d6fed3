# Two commands matter: `make run` starts Waylight, `make test` runs every test.
# Both create their own virtual environment first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint venv bench train-text eval-text clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e . --group dev
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/waylight serve

# pytest exits 5 when it collected nothing: that is a failure too, and make stops on it.
test: $(STAMP)
	$(BIN)/python -m pytest

# The tests that touch a database, again on PostgreSQL (CI sets DATABASE_URL).
test-postgres: $(STAMP)
	@test -n "$(DATABASE_URL)" || (echo "set DATABASE_URL=postgres://..." && exit 2)
	DATABASE_URL=$(DATABASE_URL) $(BIN)/python -m pytest tests/web -m "not browser"

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_cli_start.py

# The text model: train it from ../shared/data (or WAYLIGHT_DATA), then measure it
# (docs/model-card.md). Neither runs in `make test`: they need the research data.
train-text: $(STAMP)
	$(BIN)/python -m training.train

eval-text: $(STAMP)
	$(BIN)/python -m training.evaluate

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training tools
	$(BIN)/ruff format --check src tests benchmarks training tools
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
