#!/usr/bin/env bash
# Provide the embedded openCypher engine that tests/test_neo4j_engine.py loads the Neo4j export
# into: FalkorDBLite (FalkorDB + a private redis-server, imported as redislite.falkordb_client),
# which installs only on Python 3.12, in a venv of its own outside the project's .venv.
#
#   KG_FALKORDB_VENV   where to make the venv [default: /opt/kg-falkordb-venv]
#   KG_FALKORDB_PYTHON set by hand instead to point the test at another interpreter
#
# Idempotent: a venv that already imports the engine is left as it is. pip builds the engine
# from source (FalkorDB and redis), which takes about 10 minutes on two cores.
set -euo pipefail

VENV=${KG_FALKORDB_VENV:-/opt/kg-falkordb-venv}
SPEC=${KG_FALKORDB_SPEC:-falkordblite}

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import redislite.falkordb_client" 2>/dev/null; then
  echo "falkordb.sh: $VENV already has FalkorDBLite"
  exit 0
fi

PY=""
for candidate in /root/.pyenv/versions/3.12.*/bin/python3.12 "$(command -v python3.12 || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then PY=$candidate; break; fi
done
if [ -z "$PY" ]; then
  echo "falkordb.sh: no Python 3.12 found (pyenv or python3.12 on PATH); the engine test will skip" >&2
  exit 0
fi

start=$(date +%s)
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q "$SPEC"
"$VENV/bin/python" -c "import redislite.falkordb_client"
echo "falkordb.sh: installed $SPEC into $VENV with $PY in $(( $(date +%s) - start )) s"
