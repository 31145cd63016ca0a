#!/usr/bin/env bash
# The figures' speed on years of history: seeds synthetic history of each size, starts the service (Release) on it, and
# times over HTTP on 127.0.0.1 the report for the last complete fortnight and each family of figures for the last five
# whole years by month; then checks every figure read from kept totals against the figure worked out from every contact.
#
#   bash bench/metrics/run.sh                       # SQLite: 100,000 referrals over 1 year, 1,000,000 over 10
#   SIZES="20000:1" bash bench/metrics/run.sh       # a quick run
#   REFERRALS_BENCH_POSTGRES="Host=127.0.0.1;Port=5433;Username=postgres" bash bench/metrics/run.sh   # PostgreSQL too
#   REUSE=1 bash bench/metrics/run.sh               # time again on the databases a previous run seeded (SQLite only)
#   ONLY_POSTGRES=1 REFERRALS_BENCH_POSTGRES=... bash bench/metrics/run.sh     # PostgreSQL alone
#
# Same density (100,000 referrals a year) at both sizes: a council's history grows by years, and the
# report's cost must follow the fortnight asked for, not the size of the history.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=${SIZES:-"100000:1 1000000:10"}
REQUESTS=${REQUESTS:-100}
FIGURE_REQUESTS=${FIGURE_REQUESTS:-30}
WORK=${WORK:-/tmp/referrals-bench}
mkdir -p "$WORK"
dotnet build -c Release src/Referrals.Api -v quiet -nologo >/dev/null
OUT=$(pwd)/src/Referrals.Api/bin/Release/net10.0
api() { (cd "$OUT" && dotnet Referrals.Api.dll "$@"); }
# The benchmark times the report, not the per-user rate limit (which would refuse the 61st request in a minute).
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Feedback__Delivery__Enabled=false Limits__MetricsPerMinute=1000000

# The last complete fortnight of the cycle (anchor Monday 5 January 2026) before today, and the last five whole years of months.
read -r FORTNIGHT FIVE_FROM FIVE_TO < <(python3 -c '
import datetime as d
anchor, today = d.date(2026, 1, 5), d.date.today()
start = anchor + d.timedelta(days=((today - anchor).days // 14) * 14 - 14)
month = today.replace(day=1)
print(start.isoformat(), month.replace(year=month.year - 5).isoformat(), (month - d.timedelta(days=1)).isoformat())')

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

measure() { # engine size years connection-string
  local engine=$1 size=$2 years=$3
  export Database__Provider=$engine Database__ConnectionString=$4
  local started=$(date +%s.%N) seeded="(reused)"
  if [ "${REUSE:-}" != 1 ]; then
    api seed --referrals "$size" --years "$years" --seed 1 | tail -n 1
    seeded="$(python3 -c "print(round($(date +%s.%N) - $started))") s"
  fi
  local port=$(free_port)
  (cd "$OUT" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet Referrals.Api.dll) > "$WORK/service-$engine-$size.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  local token=$(api token --role manager | tail -n 1)
  local base="http://127.0.0.1:$port/v1/metrics"
  time_url() { # name url requests
    for _ in $(seq 1 5); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$2"; done
    for _ in $(seq 1 "$3"); do curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$2"; done > "$WORK/times-$engine-$size-$1.txt"
  }
  time_url report "$base/fortnightly-report?fortnight=$FORTNIGHT" "$REQUESTS"
  for family in volume quality outcomes timeliness; do
    time_url "$family" "$base/$family?from=$FIVE_FROM&to=$FIVE_TO&interval=month" "$FIGURE_REQUESTS"
  done
  local rss=$(ps -o rss= -p $pid)
  kill $pid; wait $pid 2>/dev/null || true
  for what in report volume quality outcomes timeliness; do
    python3 - "$WORK/times-$engine-$size-$what.txt" "$engine" "$size" "$years" "$seeded" "$rss" "$what" <<'PY'
import statistics, sys
times = sorted(float(t) * 1000 for t in open(sys.argv[1]))
p90 = times[int(0.9 * (len(times) - 1))]
what = "fortnightly report" if sys.argv[7] == "report" else f"{sys.argv[7]}, five years by month"
print(f"| {sys.argv[2]} | {int(sys.argv[3]):,} over {sys.argv[4]} y | {sys.argv[5]} | {what} | {statistics.median(times):.1f} ms | {p90:.1f} ms | {int(sys.argv[6]) // 1024} MB |")
PY
  done
  api check-figures --from "$FIVE_FROM" --to "$FIVE_TO" --interval month | tail -n 1
}

echo "fortnight $FORTNIGHT ($REQUESTS requests), figures $FIVE_FROM to $FIVE_TO by month ($FIGURE_REQUESTS requests each), after 5 to warm up;" \
  "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "| engine | history | seeding | what | median | 90th percentile | service memory (RSS) |"
echo "|---|---|---|---|---|---|---|"
for spec in $SIZES; do
  size=${spec%%:*}; years=${spec##*:}
  if [ "${ONLY_POSTGRES:-}" != 1 ]; then
    [ "${REUSE:-}" = 1 ] || rm -f "$WORK/bench-$size.db"*
    measure Sqlite "$size" "$years" "Data Source=$WORK/bench-$size.db"
  fi
  if [ -n "${REFERRALS_BENCH_POSTGRES:-}" ] && [ "${REUSE:-}" != 1 ]; then
    db="referrals_bench_$size"
    psql "postgresql://postgres@127.0.0.1:$(echo "$REFERRALS_BENCH_POSTGRES" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    measure Postgres "$size" "$years" "$REFERRALS_BENCH_POSTGRES;Database=$db"
  fi
done
