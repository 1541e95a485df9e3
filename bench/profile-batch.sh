#!/usr/bin/env bash
# Where a part of a BatchRecordViolations of 1,000 items spends its time in MariaDB, against the same
# rows written in the shape of the write ceiling's tables: runs the writes benchmark, captures the
# statements the server sends for one part (MariaDB's general log, on for two seconds), then replays
# them in scratch copies of the benchmark's and the ceiling's tables (their rows included, so that the
# upserts update as they do in the run), inside transactions that roll back, and prints MariaDB's own
# time for each statement (SHOW PROFILES), ours beside the ceiling-shaped one; then writes the part
# COMMITS times, committed, each side in turn, and prints MariaDB's CPU a violation for each.
#
#   bash bench/profile-batch.sh            # after: mvn -B -q -DskipTests package
#
# Needs the mariadb client and a MariaDB at 127.0.0.1:3306 (root, empty password; MYSQL_ARGS and
# BENCH_URL to point both elsewhere). It turns the general log on and off (a global setting); it drops
# and creates anchor_health_bench and anchor_health_ceiling like the benchmarks, and the scratch
# databases anchor_health_batch_profile and anchor_health_batch_ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."

MYSQL_ARGS=${MYSQL_ARGS:-"-uroot -h127.0.0.1 --protocol=tcp"}
BENCH_URL=${BENCH_URL:-"jdbc:mariadb://127.0.0.1:3306"}
REPLAYS=${REPLAYS:-5}
COMMITS=${COMMITS:-40}
BENCH=bench/target/anchor-health-bench.jar
work=$(mktemp -d)
log=/tmp/anchor-health-batch-profile-$$.log
mysql() { mariadb $MYSQL_ARGS "$@"; }
restore() { mysql -e "SET GLOBAL general_log = 0" || true; rm -rf "$work"; }
trap restore EXIT

# The ceiling's tables, as its benchmark creates them.
java -Xmx2g -jar $BENCH write-ceiling --url "$BENCH_URL/anchor_health_ceiling" --concurrency 1 --seconds 1 \
  --warmup 1 --reps 1 > "$work/ceiling.txt" 2>&1

mysql -e "SET GLOBAL general_log = 0; SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log_file = '$log'"
java -Xmx2g -jar $BENCH writes --url "$BENCH_URL/anchor_health_bench" --concurrency 1 --seconds 2 --warmup 1 \
  --reps 1 --batch-callers 1 > "$work/bench.txt" 2>&1 &
bench=$!
until grep -q "RecordViolation (gRPC)" "$work/bench.txt"; do
  kill -0 $bench 2>/dev/null || { cat "$work/bench.txt"; exit 1; }
  sleep 0.5
done
sleep 3 # the batches have started
mysql -e "SET GLOBAL general_log = 1"; sleep 2; mysql -e "SET GLOBAL general_log = 0"
wait $bench
grep "batch callers" "$work/bench.txt"

python3 - "$log" "$work" "$REPLAYS" "$COMMITS" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
work, replays, commits = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
# The log's entries, each "<connection> Query <text>"; a part's writes are one text of several statements.
entries = re.split(r"\n(?=\s*(?:\d{6} [\d:]+\s+)?\d+\s+(?:Query|Quit|Connect)\s)", text)
parsed = []
for entry in entries:
    m = re.match(r"\s*(?:\d{6} [\d:]+\s+)?(\d+)\s+Query\s(.*)", entry, re.S)
    if m:
        parsed.append((m.group(1), m.group(2)))
def lock_before(i):
    """The lock its connection took before the write at i: the log may start between the two."""
    return next((sql for c, sql in reversed(parsed[:i]) if c == parsed[i][0] and sql.startswith("select `anchors`")),
                None)

part = next((i for i, (_, sql) in enumerate(parsed)
             if sql.startswith("INSERT INTO anchors ") and sql.count("INSERT INTO violations ") and len(sql) > 100_000
             and lock_before(i)), None)
if part is None:
    sys.exit("no part of a batch was captured; run again")
connection, writes = parsed[part]
lock = lock_before(part)
statements = [s.strip() for s in writes.split(";\n")]
anchors = next(s for s in statements if s.startswith("INSERT INTO anchors "))
# The part's violations as one statement, however many chunks the server sent them in.
chunks = [s.rstrip(";") for s in statements if s.startswith("INSERT INTO violations ")]
violations = chunks[0].split(" VALUES ")[0] + " VALUES " + ", ".join(c.split(" VALUES ", 1)[1] for c in chunks)

def rows(statement):
    head, values = statement.split(" VALUES ", 1)
    values = values.split(" ON DUPLICATE KEY UPDATE ")[0]
    columns = [c.strip() for c in head[head.index("(") + 1:head.rindex(")")].split(",")]
    token = re.compile(r"'[^']*'|_utf8mb4 X'[0-9A-F]*'|LAST_INSERT_ID\(\) - \d+|NULL|TRUE|FALSE|-?\d+")
    return [dict(zip(columns, token.findall(row)))
            for row in re.findall(r"\(((?:[^()']|'[^']*'|\(\))*)\)", values)]

def insert_of(insert, rows_):
    return insert + " VALUES " + ", ".join("(" + ", ".join(r.values()) + ")" for r in rows_)

CEILING_INSERT = "INSERT INTO ceiling_violations"
def ceiling_row(r):
    """A violation's values as the ceiling's table holds them, in its columns' order."""
    return {k: r[k] for k in ("anchor_id", "violation_id", "caller", "request_id", "violation_type", "occurred_at",
                              "recorded_at", "source", "points", "score_after", "ledger_seq", "policy_version")} \
        | {"state": "'ACTIVE'"}

ids = re.findall(r"'anchor-[^']*'", lock)
upserts = rows(anchors)
recorded = rows(violations)
pairs = [
    ("lock the part's anchors (SELECT … FOR UPDATE)", lock,
     "SELECT anchor_id, score, ledger_seq FROM ceiling_anchors WHERE anchor_id IN (" + ", ".join(ids)
     + ") ORDER BY anchor_id FOR UPDATE"),
    ("upsert the anchors' standings", anchors,
     "INSERT INTO ceiling_anchors VALUES " + ", ".join(
         f"({r['anchor_id']}, {r['score']}, {r['ledger_seq']}, {r['last_violation_at']})" for r in upserts)
     + " ON DUPLICATE KEY UPDATE score = VALUES(score), ledger_seq = VALUES(ledger_seq),"
       " last_violation_at = VALUES(last_violation_at)"),
    ("insert the violations", violations, insert_of(CEILING_INSERT, map(ceiling_row, recorded))),
]

def unique(row, k):
    """The row as the k-th committed replay writes it: its violation's id and request id its own."""
    return dict(row, violation_id=row["violation_id"][:-1] + f"-{k}'", request_id=row["request_id"][:-1] + f"-{k}'")

ours_insert = violations.split(" VALUES ")[0]
for side, index in (("ours", 1), ("ceiling", 2)):
    out = ["SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;"]
    for k in range(commits):
        written = [unique(r, k) for r in recorded]
        insert = insert_of(ours_insert, written) if side == "ours" else insert_of(CEILING_INSERT, map(ceiling_row, written))
        out += ["START TRANSACTION;", f"SELECT LAST_INSERT_ID({2_000_000_000 + k * 10_000});",
                pairs[0][index].strip() + ";", pairs[1][index].strip() + ";", insert + ";", "COMMIT;"]
    open(f"{work}/{side}-commits.sql", "w").write("\n".join(out))
open(f"{work}/violations-per-commit.txt", "w").write(str(len(recorded)))
for side, index in (("ours", 1), ("ceiling", 2)):
    out = ["SET profiling = 1;", "SET profiling_history_size = 100;",
           "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;"]
    for _ in range(replays):
        out += ["START TRANSACTION;", "SELECT LAST_INSERT_ID(1000000000);"]
        out += [pair[index].strip().rstrip(";") + ";" for pair in pairs]
        out.append("ROLLBACK;")
    out += ["SELECT 'profiles follow' AS marker;", "SHOW PROFILES;"]
    open(f"{work}/{side}.sql", "w").write("\n".join(out))
open(f"{work}/labels.txt", "w").write("\n".join(p[0] for p in pairs))
print(f"captured one part: {len(recorded)} violations of {len(upserts)} anchors, {len(writes) / 1e6:.2f} MB of SQL")
PY

for side in profile ceiling; do
  mysql -e "DROP DATABASE IF EXISTS anchor_health_batch_$side; CREATE DATABASE anchor_health_batch_$side COLLATE utf8mb4_bin"
done
# Every table's definition, and the anchors' rows: the captured violations are in the source already.
copy() { mariadb-dump $MYSQL_ARGS --no-data "$1" | mysql "$2"; mariadb-dump $MYSQL_ARGS --no-create-info "$1" "$3" | mysql "$2"; }
copy anchor_health_bench anchor_health_batch_profile anchors
copy anchor_health_ceiling anchor_health_batch_ceiling ceiling_anchors
profile() { # the replay's durations, each statement kind's median in ms, in the order of labels.txt
  mysql "anchor_health_batch_$1" < "$work/$2.sql" | awk -F'\t' '
    $0 == "profiles follow" { profiles = 1; next }
    profiles && $1 ~ /^[0-9]+$/ && $3 !~ /^(SET|START|SELECT LAST_INSERT_ID|ROLLBACK|SELECT .profiles)/ {
      kind = n++ % 3; d[kind] = d[kind] " " $2 }
    END { for (k = 0; k < 3; k++) print d[k] }' | while read -r line; do
      echo "$line" | tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", v[int((NR + 1) / 2)] * 1000 }'
    done
}
profile profile ours > "$work/ours.ms"
profile ceiling ceiling > "$work/ceiling.ms"
echo "| statement of one part | MariaDB ms, ours | MariaDB ms, the ceiling's tables | ours ÷ the ceiling's |"
echo "|---|---|---|---|"
paste -d'\t' "$work/labels.txt" "$work/ours.ms" "$work/ceiling.ms" | awk -F'\t' '
  { printf "| %s | %.2f | %.2f | %.1f × |\n", $1, $2, $3, $2 / $3; o += $2; c += $3 }
  END { printf "| all three | %.2f | %.2f | %.1f × |\n", o, c, o / c }'
echo "(medians of $REPLAYS replays, each in a transaction that rolls back)"

# The same part written COMMITS times and committed (each time with its own violation and request ids),
# as a batch writes it, for MariaDB's whole CPU a violation: the commit, purge and page flushing
# included. Needs the server's process on this machine (its pid file readable).
pid_file=$(mysql -N -e "SELECT @@pid_file")
if [ -r "$pid_file" ] && [ -r "/proc/$(cat "$pid_file")/stat" ]; then
  pid=$(cat "$pid_file")
  per_commit=$(cat "$work/violations-per-commit.txt")
  cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
  committed() { # µs of MariaDB CPU a violation, counting the 3 s after the last commit (purge, flushing)
    sleep 3
    local before; before=$(cpu_ticks)
    mysql "anchor_health_batch_$1" < "$work/$2-commits.sql" > /dev/null
    sleep 3
    echo "$before $(cpu_ticks) $(getconf CLK_TCK)" | awk -v n=$((COMMITS * per_commit)) \
      '{ printf "%.1f", ($2 - $1) / $3 * 1e6 / n }'
  }
  echo
  echo "| the part written $COMMITS times, committed | MariaDB CPU µs a violation, ours | the ceiling's tables | ours ÷ the ceiling's |"
  echo "|---|---|---|---|"
  ours=$(committed profile ours); ceiling=$(committed ceiling ceiling)
  awk -v o="$ours" -v c="$ceiling" 'BEGIN { printf "| lock, upsert, insert, commit | %.1f | %.1f | %.1f × |\n", o, c, o / c }'
else
  echo "(MariaDB's process is not on this machine: no CPU figure for committed replays)"
fi
