# Every target sets up what it needs in a local virtual environment (.venv),
# so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB := db/directory.db
SOURCES := $(shell find db/sources -type f 2>/dev/null)
# The code that lays out the file: a new schema version rebuilds the directory.
DB_CODE := $(wildcard desktop/directory/*.py)
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(CATALOGS:.po=.mo)

.PHONY: run test lint bench bundle catalogs setup clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) catalogs $(DB)

catalogs: $(STAMP) $(MO_FILES) translations/territories.json

translations/territories.json: $(STAMP)
	$(BIN)/migrant-directory i18n compile

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/migrant-directory i18n compile

$(DB): $(STAMP) $(SOURCES) $(DB_CODE)
	$(BIN)/migrant-directory db build -o $(DB)

run: setup
	$(BIN)/migrant-directory

lint: $(STAMP)
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/migrant-directory i18n check
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks

bundle: setup
	$(BIN)/pyinstaller --noconfirm --clean build.spec

clean:
	rm -rf build dist $(DB) $(MO_FILES) translations/territories.json
