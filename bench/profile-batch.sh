#!/usr/bin/env bash
# Where a BatchRecordViolations of 1,000 items spends its time in MariaDB: runs the writes benchmark,
# captures the multi-row statements the server sends for one batch (MariaDB's general log, on for two
# seconds), then replays them in a scratch database with the schema of the benchmark's, inside
# transactions that roll back, and prints the mean time of each table's statements.
#
#   bash bench/profile-batch.sh            # after: mvn -B -q -DskipTests package
#
# Needs the mariadb client and a MariaDB at 127.0.0.1:3306 (root, empty password; MYSQL_ARGS to
# change). It turns the general log on and off (a global setting) and drops and creates the database
# anchor_health_batch_profile; it drops and creates anchor_health_bench like the writes benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

MYSQL_ARGS=${MYSQL_ARGS:-"-uroot -h127.0.0.1 --protocol=tcp"}
REPLAYS=${REPLAYS:-3}
work=$(mktemp -d)
log=/tmp/anchor-health-batch-profile-$$.log
mysql() { mariadb $MYSQL_ARGS "$@"; }
restore() { mysql -e "SET GLOBAL general_log = 0" || true; }
trap restore EXIT

mysql -e "SET GLOBAL general_log = 0; SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log_file = '$log'"
: > "$work/bench.txt"
java -Xmx2g -jar bench/target/anchor-health-bench.jar writes --concurrency 1 --seconds 2 --warmup 1 --reps 1 \
  --batch-callers 1 > "$work/bench.txt" 2>&1 &
bench=$!
until grep -q "RecordViolation (gRPC)" "$work/bench.txt"; do
  kill -0 $bench 2>/dev/null || { cat "$work/bench.txt"; exit 1; }
  sleep 0.5
done
sleep 3 # the batches have started
mysql -e "SET GLOBAL general_log = 1"; sleep 2; mysql -e "SET GLOBAL general_log = 0"
wait $bench
grep "batch callers" "$work/bench.txt"

python3 - "$log" "$work/replay.sql" "$REPLAYS" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# The log's entries; a large group's rows are one multi-row INSERT per table and chunk, in order, from
# the violations' to the next group's.
entries = re.split(r"\n(?=\s*(?:\d{6} [\d:]+\s+)?\d+\s+(?:Query|Quit|Connect|Prepare|Execute|Close stmt)\s)", text)
inserts = [e[e.index("INSERT INTO "):].rstrip() for e in entries if "INSERT INTO " in e and len(e) > 20_000]
first = [e.startswith("INSERT INTO violations ") for e in inserts]
starts = [i for i in range(len(inserts)) if first[i] and (i == 0 or not first[i - 1])]
if len(starts) < 2:
    sys.exit("no whole batch was captured; run again")
statements = inserts[starts[0]:starts[1]]
batch = ";".join(statements)
out = ["SET profiling = 1;", "SET profiling_history_size = 100;"]
for _ in range(int(sys.argv[3])):
    out.append("START TRANSACTION;")
    out += [s.strip().rstrip(";") + ";" for s in statements]
    out.append("ROLLBACK;")
out.append("SHOW PROFILES;")
open(sys.argv[2], "w").write("\n".join(out))
print(f"captured one batch: {len(statements)} statements, {len(batch) / 1e6:.2f} MB of SQL")
PY
rm -f "$log" 2>/dev/null || true

mysql -e "DROP DATABASE IF EXISTS anchor_health_batch_profile; CREATE DATABASE anchor_health_batch_profile COLLATE utf8mb4_bin"
mariadb-dump $MYSQL_ARGS --no-data anchor_health_bench | mysql anchor_health_batch_profile
mysql anchor_health_batch_profile < "$work/replay.sql" | awk -F'\t' '
  NR > 1 && $3 ~ /^(insert|INSERT) (into|INTO)/ {
    t = $3; sub(/^(insert into|INSERT INTO) `?/, "", t); sub(/[` (].*/, "", t)
    sum[t] += $2; n[t]++; total += $2
  }
  END {
    print "| table | statements per replay | mean ms per statement | share |"
    print "|---|---|---|---|"
    for (t in sum) printf "| %s | %d | %.1f | %.0f%% |\n", t, n[t] / '"$REPLAYS"', sum[t] / n[t] * 1000, 100 * sum[t] / total
    printf "| all | | %.1f ms per replayed batch | |\n", total / '"$REPLAYS"' * 1000
  }'
rm -rf "$work"
