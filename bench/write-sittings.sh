#!/usr/bin/env bash
# The write path against its ceiling, sitting by sitting: runs the writes benchmark and at once the
# write ceiling's, SITTINGS times (3 unless told), and prints a row a sitting with the service's
# figures over the ceiling's of the same sitting: RecordViolation at 32 callers (calls a second, p99,
# CPU a call in the JVM and in MariaDB), the service's calls over the raw insert-and-commit, and
# batches of 1,000 from one caller. Medians of three repetitions each, as the benchmarks print them.
#
#   bash bench/write-sittings.sh            # after: mvn -B -q -DskipTests package
#
# Needs a MariaDB at 127.0.0.1:3306 (root, empty password; BENCH_URL to point elsewhere) on this
# machine, for its CPU. It drops and creates anchor_health_bench and anchor_health_ceiling, as the
# benchmarks do. A sitting takes about seven minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

SITTINGS=${SITTINGS:-3}
BENCH_URL=${BENCH_URL:-"jdbc:mariadb://127.0.0.1:3306"}
BENCH=bench/target/anchor-health-bench.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| sitting (UTC) | RecordViolation /s, service ÷ ceiling | p99 ms | CPU µs a call, JVM | CPU µs a call, MariaDB | service ÷ raw insert+commit | batches, violations/s |"
echo "|---|---|---|---|---|---|---|"
for _ in $(seq "$SITTINGS"); do
  started=$(date -u +%H:%M)
  java -Xmx2g -jar $BENCH writes --url "$BENCH_URL/anchor_health_bench" --concurrency 32 --seconds 8 --warmup 30 \
    --reps 3 --batch-callers 1 > "$work/service.txt" 2>&1
  java -Xmx2g -jar $BENCH write-ceiling --url "$BENCH_URL/anchor_health_ceiling" --concurrency 32 --seconds 8 \
    --warmup 10 --reps 3 > "$work/ceiling.txt" 2>&1
  python3 - "$work" "$started" <<'PY'
import re, sys
work, started = sys.argv[1], sys.argv[2]

def row(file, first_cells):
    """The cells of the table row that starts with first_cells, from a benchmark's output."""
    for line in open(f"{work}/{file}", encoding="utf-8"):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[:len(first_cells)] == first_cells:
            return cells
    sys.exit(f"no row {first_cells} in the {file.removesuffix('.txt')} benchmark's output: {work}/{file}")

def cpu(cell):
    """'JVM + database' µs a call."""
    jvm, database = cell.split("+")
    return float(jvm), float(database)

service = row("service.txt", ["32"])   # raw /s, p50, p99, RecordViolation /s, p50, p99 µs, p99.9, errors, ratio, raw CPU, CPU
ceiling = row("ceiling.txt", ["32"])   # raw /s, minimal RecordViolation /s, p99 ms, ratio, raw CPU, CPU
batch = float(row("service.txt", ["1", "1000"])[2])
ceiling_batch = float(re.search(r"minimal BatchRecordViolations, 1000 a batch, one caller: (\d+) violations/s",
                                open(f"{work}/ceiling.txt", encoding="utf-8").read()).group(1))
calls, ceiling_calls, raw = float(service[4]), float(ceiling[2]), float(service[1])
jvm, database = cpu(service[11])
ceiling_jvm, ceiling_database = cpu(ceiling[6])
print(f"| {started} | {calls:,.0f} ÷ {ceiling_calls:,.0f} = **{calls / ceiling_calls:.2f}**"
      f" | {float(service[6]) / 1000:.1f} ÷ {float(ceiling[3]):.1f}"
      f" | {jvm:.0f} ÷ {ceiling_jvm:.0f} = **{jvm / ceiling_jvm:.2f} ×**"
      f" | {database:.0f} ÷ {ceiling_database:.0f} = **{database / ceiling_database:.2f} ×**"
      f" | {calls:,.0f} ÷ {raw:,.0f} = **{calls / raw:.2f}**"
      f" | {batch:,.0f} ÷ {ceiling_batch:,.0f} = **{batch / ceiling_batch:.2f}** |", flush=True)
PY
done
