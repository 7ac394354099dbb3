#!/usr/bin/env bash
# Runs the peer benchmark in one session, one system after another:
#   bench/run_peers.sh KIT_DIR [ENTITIES] [SCRATCH] [ROUNDS]
# KIT_DIR  the peer-benchmark kit (gen_graph.py, to_neo4j_csv.py, sqlite_bench.py, kuzu_bench.py);
#          it is referenced, never copied.
# ENTITIES graph size (default 10000; 100000 gives 1 M statements and ~3 M edges).
# SCRATCH  where data, databases, the Python venv and results go (default /tmp/whosaid-bench).
# ROUNDS   how many times the whole sequence is repeated (default 1); results/ keeps each round.
# Environment: SKIP_KUZU=1 skips Kuzu and LadybugDB (no venv needed); WARM=N warm runs (10);
#   ONLY=who_said,top10 runs only these questions everywhere (for 100k, where two_hop is slow);
#   VENV=DIR uses an existing venv with kuzu and ladybug.
# Writes SCRATCH/results/*.json and prints the side-by-side table (bench/table.py).
set -euo pipefail

kit=$(cd "${1:?usage: run_peers.sh KIT_DIR [ENTITIES] [SCRATCH] [ROUNDS]}" && pwd)
n=${2:-10000}
scratch=${3:-/tmp/whosaid-bench}
rounds=${4:-1}
warm=${WARM:-10}
only=()
if [ -n "${ONLY:-}" ]; then only=(--only "$ONLY"); fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
mkdir -p "$scratch/results"
data="$scratch/kg$n"
csv="$scratch/kg$n-neo4j"

if [ ! -f "$data/queries.json" ]; then
  echo "## generating $n entities into $data"
  python3 "$kit/gen_graph.py" --entities "$n" --out "$data"
fi
if [ ! -f "$csv/rels_about.csv" ]; then
  echo "## converting to neo4j-admin CSV into $csv"
  python3 "$kit/to_neo4j_csv.py" "$data" "$csv"
fi

venv="${VENV:-$scratch/venv}"
if [ -z "${SKIP_KUZU:-}" ] && [ ! -x "$venv/bin/python" ]; then
  echo "## installing kuzu and ladybug into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q kuzu==0.11.3 ladybug==0.22.0
fi

echo "## building the whosaid benchmark (release)"
(cd "$root" && cargo build -q --release --bench queries)
# The bench binary has a hashed name; cargo prints it with --message-format, but the newest
# file is simpler and enough here.
bin=$(ls -t "$root"/target/release/deps/queries-* | grep -v '\.d$' | head -1)

for r in $(seq 1 "$rounds"); do
  out="$scratch/results/n$n-r$r"
  mkdir -p "$out"
  echo "## round $r: sqlite"
  python3 "$kit/sqlite_bench.py" --data "$data" --db "$scratch/kg$n.sqlite" --warm "$warm" "${only[@]}" --json "$out/sqlite.json"
  echo "## round $r: whosaid"
  "$bin" --data "$csv" --queries "$data/queries.json" --warm "$warm" "${only[@]}" --sqlite "$out/sqlite.json" \
    --store "$scratch/kg$n.whosaid" --json "$out/whosaid.json" || echo "!! whosaid row counts differ or it failed"
  if [ -z "${SKIP_KUZU:-}" ]; then
    for engine in kuzu ladybug; do
      echo "## round $r: $engine"
      "$venv/bin/python" "$kit/kuzu_bench.py" --data "$data" --engine "$engine" --db "$scratch/kg$n.$engine" \
        --warm "$warm" "${only[@]}" --json "$out/$engine.json" || echo "!! $engine failed"
    done
  fi
done

python3 "$here/table.py" "$scratch"/results/n$n-r*
