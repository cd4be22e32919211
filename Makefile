# Targets are one-line commands; README.md starts with `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Home Kreis (5-digit AGS; default catalogue/home.toml): `make run KREIS=05754`. Another Kreis than the
# default gets its own demo and warehouse folders (data/demo-05754, data/warehouse-05754) and the
# environment BILDUNGSMONITOR_KREIS / BILDUNGSMONITOR_WAREHOUSE_DIR for demo, build and dashboard.
KREIS ?= $(BILDUNGSMONITOR_KREIS)
DEFAULT_KREIS := $(shell sed -n 's/^kreis *= *"\([0-9]*\)".*/\1/p' catalogue/home.toml)
OTHER_KREIS := $(filter-out $(DEFAULT_KREIS),$(strip $(KREIS)))
DEMO_DIR := data/demo$(if $(OTHER_KREIS),-$(OTHER_KREIS))
WAREHOUSE_DIR := data/warehouse$(if $(OTHER_KREIS),-$(OTHER_KREIS))
HOME_ENV := $(if $(OTHER_KREIS),BILDUNGSMONITOR_KREIS=$(OTHER_KREIS) BILDUNGSMONITOR_WAREHOUSE_DIR=$(WAREHOUSE_DIR))
PORT ?= 8501
REPLICAS ?= 2
GEO := data/raw/geo/boundaries.geojson
# Real data next to the demo: fetched tables (data/raw/<database>/), uploads, boundaries (later folders win).
BUILD_EXTRA = $$(test -f $(GEO) && echo --boundaries $(GEO)) \
	$$(for d in data/raw/* data/uploads; do test -d $$d && test $$(basename $$d) != geo && echo --source-dir $$d; done)

.PHONY: run test setup demo warehouse rebuild boundaries bench bench-pages bench-serve serve lint clean

run: boundaries warehouse  ## set up, build the demo warehouse if none exists, start the dashboard
	$(HOME_ENV) $(PY) -m streamlit run app.py --server.port $(PORT)

test: setup  ## set up, type-check etl and monitor, run the whole test suite (browser tests need Debian's chromium)
	$(PY) -m mypy etl monitor
	$(PY) -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@echo "==> Python-Umgebung in $(VENV) einrichten (einmalig, dauert ein paar Minuten)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

demo: setup  ## write the synthetic demo files (official formats) into data/demo (KREIS=…: data/demo-KREIS)
	$(HOME_ENV) $(PY) -m etl demo --out $(DEMO_DIR)

warehouse: setup  ## build the demo warehouse unless one is already being served
	@test -f $(WAREHOUSE_DIR)/CURRENT || { $(MAKE) demo && $(HOME_ENV) $(PY) -m etl build --source-dir $(DEMO_DIR) $(BUILD_EXTRA) --warehouse-dir $(WAREHOUSE_DIR); }

rebuild: setup  ## build a new warehouse version (the served one stays until the switch)
	$(HOME_ENV) $(PY) -m etl build --source-dir $(DEMO_DIR) $(BUILD_EXTRA) --warehouse-dir $(WAREHOUSE_DIR)

boundaries: setup  ## BKG boundaries for the maps when online (short timeout); else the maps stay schematic
	@test -f $(GEO) || $(PY) -m etl boundaries --download --timeout 10 \
		|| echo "==> Ohne Verbindung zum BKG bleiben die Karten schematisch (später: make boundaries rebuild)"

bench: setup  ## Germany-scale parse and build benchmark; prints figures
	$(PY) bench/run_all.py

bench-pages: setup  ## page times at 1/5/20 sessions (websocket) vs. a bare floor app, RSS, PDF report phases
	$(PY) bench/bench_pages.py && $(PY) bench/bench_reports.py

bench-serve: setup boundaries warehouse  ## throughput with 1 and 2 replicas behind nginx (page benchmark via the proxy)
	$(PY) bench/bench_replicas.py --warehouse-dir $(WAREHOUSE_DIR)

serve: boundaries warehouse  ## REPLICAS Streamlit processes behind nginx with sticky sessions (docs/DEPLOY.md)
	$(PY) deploy/serve.py --replicas $(REPLICAS) --port $(PORT)

lint: setup
	$(PY) -m ruff check .

clean:
	rm -rf $(DEMO_DIR) $(WAREHOUSE_DIR) data/bench data/serve tests/artifacts
