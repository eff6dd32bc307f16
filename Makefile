# Two commands for a fresh machine:
#   make run    set up, load the demo articles and serve the app on http://127.0.0.1:8000/
#   make test   set up and run the linter and the test suite (SQLite; add DATABASE_URL=postgres://... for PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run serve test lint browser bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# The web server and one worker of the task queue (TASKS_BACKEND=db, the default: `db_worker`; =rq: `rqworker`).
WORKER = $(if $(filter rq,$(TASKS_BACKEND)),rqworker default,db_worker --no-reload)

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --with-admin
	$(PY) manage.py ingest_jobs --recover
	$(PY) manage.py $(WORKER) & worker=$$!; \
	  trap 'sleep 1; kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: static files collected and served by whitenoise under gunicorn.
# Plain HTTP on this machine (HTTPS=0); behind a TLS proxy leave HTTPS on and set SECRET_KEY.
serve: setup
	$(PY) manage.py migrate --noinput
	DEBUG=0 HTTPS=0 SECRET_KEY=$${SECRET_KEY:-$$(cat .secret_key 2>/dev/null || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" | tee .secret_key)} \
	  sh -c '$(PY) manage.py collectstatic --noinput -v0 && exec $(VENV)/bin/gunicorn timeline.wsgi -b $(HOST):$(PORT) -w 2'

# Browser tests drive Debian's chromium; installed here when we may (root), skipped outside CI otherwise.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be skipped"; }

lint: setup
	$(VENV)/bin/ruff check .

test: setup browser lint
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/timebank.py
	$(PY) benchmarks/anchors.py
	$(PY) benchmarks/events.py
	$(PY) benchmarks/ingest.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache .ruff_cache
