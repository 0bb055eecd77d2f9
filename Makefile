# kommunalgraph: two commands do all the set-up on a fresh machine.
#   make demo   imports the bundled real data into the embedded store (once) and starts the viewer
#   make test   runs the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_TOOLS := tools/cypher-lint
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: demo test venv lint-cypher bench lock clean

$(STAMP): pyproject.toml constraints.txt
	@echo "==> Lege die virtuelle Umgebung $(VENV) an ..."
	$(PY) -m venv $(VENV)
	@echo "==> Installiere kommunalgraph mit seinen Abhängigkeiten (beim ersten Mal 1-2 Minuten) ..."
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --disable-pip-version-check --progress-bar on -c constraints.txt -e '.[test]'
	touch $(STAMP)
	@echo "==> Installation fertig."

venv: $(STAMP)

demo: $(STAMP)
	@echo "==> Starte den Viewer (beim ersten Mal werden vorher die mitgelieferten Daten importiert; anderer Port: make demo PORT=5001) ..."
	$(BIN)/kommunalgraph demo --host $(HOST) --port $(PORT)

# tools/neo4j-test-server starts a real Neo4j for the Neo4j tests and stops it afterwards
# (also when pytest fails); without java/mvn those tests are skipped with the reason.
test: $(STAMP)
	bash tools/ensure-test-deps.sh
	bash tools/neo4j-test-server run -- $(BIN)/python -m pytest

# refresh constraints.txt (the exact versions installed above) after changing dependencies
lock:
	bash tools/lock-deps.sh

lint-cypher:
	cd $(NODE_TOOLS) && npm ci --silent --no-audit --no-fund && node lint.mjs

bench: $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	$(BIN)/python bench/import_bundled.py --write-results
	$(BIN)/python bench/evaluate.py --search --grid 0.1,0.3,1,3,10,30,100 --speed --write-results
	$(BIN)/python bench/evaluate.py --nested --temporal --write-results
	for b in bench/centrality.py bench/web_load.py; do $(BIN)/python $$b --write-results || exit 1; done

clean:
	rm -rf $(VENV) .kommunalgraph build *.egg-info
