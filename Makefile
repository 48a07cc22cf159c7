# The portal's commands. `make run` and `make test` work on a fresh clone with
# only Python 3.11 and make installed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PORTAL_VAR_DIR ?= $(CURDIR)/var
# make run's port (`PORT=8100 make run`, when 8000 is taken or for a second checkout).
PORT ?= 8000

.PHONY: var run test test-calendar test-postgres lint e2e bench install demo css clean worker cluster cluster-bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# ./var, and PORTAL_VAR_DIR when it is set elsewhere (`PORTAL_VAR_DIR=/tmp/x make run`):
# SQLite cannot make the folder its database goes in. Phony: ./var existing says nothing of
# PORTAL_VAR_DIR.
var:
	mkdir -p var "$(PORTAL_VAR_DIR)"

# Links in e-mails and the admin point at the port the site is served on.
run: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)
run: $(STAMP) var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py make_signing_key --if-missing
	PORTAL_DEMO=1 $(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py make_checkpoint
	PYTHONUNBUFFERED=1 $(BIN)/honcho -f Procfile.run start --port $(PORT)

# A Celery worker, for trying background work through Redis on one machine: start the site
# with the same broker (`CELERY_BROKER_URL=redis://127.0.0.1:6379/1 make run`), whose beat then
# sends the scheduled jobs here too. Production runs `celery -A portal worker` and one
# `celery -A portal beat` separately (README).
worker: $(STAMP) var
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/1} \
		$(BIN)/celery -A portal worker --loglevel=INFO

# Two app servers, a worker, beat and Varnish on PostgreSQL and Redis (README, "Several app
# servers behind a front-end cache").
cluster: $(STAMP) var
	bash scripts/cluster.sh

# The figures of the cluster (front-end cache, app servers, publish to served, killing an
# app server and the worker under load): start `make cluster` in another terminal first.
cluster-bench: $(STAMP)
	$(BIN)/python tests/bench/cluster_bench.py

lint: $(STAMP)
	$(BIN)/ruff check .
	bash scripts/check-messages.sh

# One test process per core (pytest-xdist); each has its own test database.
test: $(STAMP) lint
	$(BIN)/pytest -q -m "not e2e" -p no:playwright -n auto --dist worksteal --durations=15

# The tests marked `calendar`, run again with the clock on a weekend, a bank holiday, a
# school holiday, the days the clocks change, a leap day and New Year's Eve.
test-calendar: $(STAMP)
	bash scripts/test-calendar-days.sh

# Two processes, each with its own server and demo site; a file's tests stay in one process,
# in order (--dist loadfile).
e2e: $(STAMP) node_modules/axe-core/axe.min.js
	bash scripts/ensure-chromium.sh
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q -m e2e tests/e2e -n 2 --dist loadfile --durations=10

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

bench: $(STAMP) var
	$(BIN)/python tests/bench/run.py
	$(BIN)/python tests/bench/verify_record_bench.py
	$(BIN)/python tests/bench/analysis_bench.py

css: node_modules/axe-core/axe.min.js
	npx sass --no-source-map --style=compressed --load-path=node_modules \
		frontend/portal.scss portal/static/portal/css/portal.css

clean:
	rm -rf $(VENV) var node_modules
