#!/usr/bin/env bash
# SimulatePolicy at scale: seeds ANCHORS anchors with 5 violations each (default 100k / 500k) into a
# MariaDB database, starts the server on it with a small heap, and times SimulatePolicy REPS times over
# gRPC and from the console (the bench's `simulation` client). Given BASELINE_JAR (another build's
# server jar), the same store is then simulated by that server too, ROUNDS times in turn with this one.
# CONSOLE=no leaves the console's simulations out. BASELINE_DB=NAME gives the baseline a store of its own,
# seeded alike and migrated by the baseline alone (for a change whose migration the baseline would gain from).
# A database that already holds ANCHORS anchors with 5 violations each is reused (RESEED=yes seeds anew).
# Usage: bench/simulation/run.sh [ANCHORS] [HEAP] [REPS] [BASELINE_JAR] [ROUNDS]
#   (needs server/target/anchor-health-server.jar and bench/target/anchor-health-bench.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."

ANCHORS="${1:-100000}"
HEAP="${2:-256m}"
REPS="${3:-3}"
BASELINE_JAR="${4:-}"
ROUNDS="${5:-1}"
DB="anchor_health_sim_${ANCHORS}"
PORT=50071
WEB_PORT=50072
MYSQL=(mariadb -uroot -h127.0.0.1 --protocol=tcp)
JAR=server/target/anchor-health-server.jar
BENCH=bench/target/anchor-health-bench.jar
LOG="$(mktemp)"

start_server() {
  rm -f "${LOG}.gc"
  java -Xmx"${HEAP}" -Xlog:gc:file="${LOG}.gc" -jar "${JAR}" --port "${PORT}" --web-port "${WEB_PORT}" \
    --database-url "jdbc:mysql://127.0.0.1:3306/${DB}" >"${LOG}" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    grep -q "listening on" "${LOG}" && return 0
    sleep 1
  done
  cat "${LOG}" >&2
  return 1
}

stop_server() {
  if [ -n "${SERVER:-}" ]; then
    kill "${SERVER}" && wait "${SERVER}" || true
    SERVER=
  fi
}
# A failure leaves no server behind (it would hold the benchmarks' lock, which it inherited).
trap 'stop_server; rm -f "${LOG}" "${LOG}.gc"' EXIT

seeded() {
  "${MYSQL[@]}" -N -e "SELECT (SELECT COUNT(*) FROM ${DB}.anchors) = ${ANCHORS}
    AND (SELECT COUNT(*) FROM ${DB}.violations) = 5 * ${ANCHORS}" 2>/dev/null | grep -q '^1$'
}

seed() {   # the store ${DB}, migrated by the server of ${JAR}
if [ "${RESEED:-no}" != yes ] && seeded; then
  echo "reusing ${DB}: ${ANCHORS} anchors with 5 violations each (RESEED=yes seeds it again)"
else
  "${MYSQL[@]}" -e "DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  start_server   # migrates the schema and publishes the default policy as version 1
  stop_server

  echo "seeding ${ANCHORS} anchors with 5 violations each"
  seed_started=$(date +%s)
  "${MYSQL[@]}" "${DB}" <<SQL
-- Level 1-4 by anchor, severity by anchor; points from the default matrix (no audience surcharge).
CREATE TEMPORARY TABLE sim AS
SELECT seq AS n,
       CONCAT('sim-', LPAD(seq, 7, '0')) AS anchor_id,
       1 + seq % 4 AS lvl,
       ELT(1 + (seq DIV 4) % 4, 'MINOR', 'MODERATE', 'SERIOUS', 'SEVERE') AS severity,
       ELT(1 + (seq DIV 4) % 4, 'VULGAR_LANGUAGE', 'HARASSMENT', 'DANGEROUS_ACTS', 'PORNOGRAPHY') AS vtype,
       CAST(ELT(1 + ((seq DIV 4) % 4) * 4 + seq % 4, 1,1,2,2, 2,3,3,4, 4,5,6,6, 6,7,8,8) AS SIGNED) AS points
FROM seq_1_to_${ANCHORS};
SET @t0 = 1780272000000; -- 2026-06-01T00:00:00Z
INSERT INTO anchors (anchor_id, display_name, certification, anchor_level, fan_count, average_viewers, guild_id,
                     initial_score, score, ledger_seq, last_violation_at, created_at, updated_at)
SELECT anchor_id, anchor_id, 'NONE', lvl, 1000, 50, NULL, 100, GREATEST(0, 100 - 5 * points), 6, @t0 + 5000,
       @t0, @t0 + 5000 FROM sim;
INSERT INTO violations (anchor_id, violation_id, request_id, violation_type, severity, revokes_selling, occurred_at,
                        recorded_at, live_session_id, source, evidence_refs, base_points, surcharge_points, points,
                        policy_version, state, no_deduction_reason, ledger_seq)
SELECT anchor_id, CONCAT(LPAD(n, 7, '0'), k.seq), CONCAT('sim-', n, '-', k.seq), vtype, severity, FALSE,
       @t0 + k.seq * 1000, @t0 + k.seq * 1000, NULL, 'simulation', '[]', points, 0, points, 1, 'ACTIVE', NULL,
       k.seq + 1
FROM sim CROSS JOIN seq_1_to_5 k;
INSERT INTO score_events (anchor_id, seq, kind, delta, score_after, violation_id, recorded_at, actor)
SELECT anchor_id, 1, 'INITIAL', 100, 100, NULL, @t0, 'simulation' FROM sim;
INSERT INTO score_events (anchor_id, seq, kind, delta, score_after, violation_id, recorded_at, actor)
SELECT anchor_id, k.seq + 1, 'DEDUCTION', -points, GREATEST(0, 100 - k.seq * points), CONCAT(LPAD(n, 7, '0'), k.seq),
       @t0 + k.seq * 1000, 'simulation'
FROM sim CROSS JOIN seq_1_to_5 k;
SQL
  echo "seeded in $(( $(date +%s) - seed_started )) s: $("${MYSQL[@]}" -N "${DB}" -e 'SELECT COUNT(*) FROM violations') violations"
fi
}

SERVER_JAR="${JAR}"
SERVER_DB="${DB}"
seed
if [ -n "${BASELINE_DB:-}" ]; then
  JAR="${BASELINE_JAR}" DB="${BASELINE_DB}"
  seed
  JAR="${SERVER_JAR}" DB="${SERVER_DB}"
fi

simulate() {   # LABEL: times REPS simulations on the server of ${JAR}
  start_server
  java -jar "${BENCH}" simulation --grpc-port "${PORT}" --web-port "${WEB_PORT}" --reps "${REPS}" --label "$1" \
    --console "${CONSOLE:-yes}" \
    | grep -v '^#'
  echo "$1: largest heap after a GC with -Xmx${HEAP}: $(grep -o '[0-9]*M->[0-9]*M' "${LOG}.gc" \
    | sed 's/.*->//; s/M//' | sort -n | tail -1) MB"
  stop_server
}

for _ in $(seq 1 "${ROUNDS}"); do
  JAR="${SERVER_JAR}" DB="${SERVER_DB}"
  simulate "this build"
  if [ -n "${BASELINE_JAR}" ]; then
    JAR="${BASELINE_JAR}" DB="${BASELINE_DB:-${SERVER_DB}}"
    simulate "baseline ${BASELINE_JAR}"
  fi
done
