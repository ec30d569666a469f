# Every set-up step lives here, so a fresh machine needs only Python 3.11+ and make.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test check lint bench screenshots clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/seesaw

test: $(STAMP)
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen SDL_AUDIODRIVER=dummy $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	@echo "mypy as on Windows and on macOS: no Unix-only call outside a platform check"
	$(VENV)/bin/mypy --platform win32 --cache-dir .mypy_cache/win32
	$(VENV)/bin/mypy --platform darwin --cache-dir .mypy_cache/darwin

check: lint

bench: $(STAMP)
	$(PY) -m bench

# Needs Debian's xvfb (apt-get install xvfb): a real window on a virtual screen.
screenshots: $(STAMP)
	xvfb-run -a -s '-screen 0 1400x900x24' $(PY) -m ui.desktop.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
