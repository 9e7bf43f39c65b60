# Family Backpack: `make demo` and `make test` work on a fresh Debian machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 5000

.PHONY: demo test bench system translations messages serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

system:
	bash scripts/ensure-system.sh

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d translations 2>&1 | tail -n 2

messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

demo: system $(STAMP) translations
	$(BIN)/backpack db upgrade
	$(BIN)/backpack demo
	@echo "Serving on http://localhost:$(PORT) (Ctrl-C to stop)"
	$(BIN)/backpack run --host $(HOST) --port $(PORT)

test: system $(STAMP) translations
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

bench: system $(STAMP) translations
	@for script in bench/*_bench.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) instance test-artifacts
