#!/usr/bin/env bash
# The partner's pages on a million referrals: starts the service (Release, SQLite) on a database holding the history,
# signs in as a school's safeguarding lead and times every page over HTTP on 127.0.0.1 (pages.py).
#
#   bash bench/pages/run.sh                                       # seeds 1,000,000 referrals over 10 years first (about 25 minutes)
#   DB=/tmp/referrals-bench/bench-1000000.db bash bench/pages/run.sh   # on a database seeded before (bench/metrics seeds the same)
#   REQUESTS=50 SIZE=20000 YEARS=1 bash bench/pages/run.sh        # a quick run
#   REFERRALS_BENCH_POSTGRES="Host=127.0.0.1;Port=5433;Username=postgres" bash bench/pages/run.sh   # on PostgreSQL
#   REUSE=1 REFERRALS_BENCH_POSTGRES=... bash bench/pages/run.sh   # PostgreSQL, on the database seeded before
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${SIZE:-1000000}
YEARS=${YEARS:-10}
WORK=${WORK:-/tmp/referrals-bench}
DB=${DB:-$WORK/bench-$SIZE.db}
mkdir -p "$WORK"
dotnet build -c Release src/Referrals.Api -v quiet -nologo >/dev/null
OUT=$(pwd)/src/Referrals.Api/bin/Release/net10.0
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Feedback__Delivery__Enabled=false \
  Limits__ReadsPerMinute=1000000
seed() { (cd "$OUT" && dotnet Referrals.Api.dll seed --referrals "$SIZE" --years "$YEARS" --seed 1) | tail -n 1; }
if [ -n "${REFERRALS_BENCH_POSTGRES:-}" ]; then
  name="referrals_pages_bench_$SIZE"
  port_of_server=$(echo "$REFERRALS_BENCH_POSTGRES" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
  psql_bench() { psql "postgresql://postgres@127.0.0.1:${port_of_server:-5432}/$1" -qAtc "$2"; }
  export Database__Provider=Postgres Database__ConnectionString="$REFERRALS_BENCH_POSTGRES;Database=$name"
  if [ "${REUSE:-}" != 1 ]; then
    psql_bench postgres "DROP DATABASE IF EXISTS $name" >/dev/null
    seed
  fi
  count() { psql_bench "$name" 'select count(*) from "Referrals"'; }
else
  export Database__Provider=Sqlite Database__ConnectionString="Data Source=$DB"
  [ -f "$DB" ] || seed
  count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from Referrals').fetchone()[0])" "$DB"; }
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
(cd "$OUT" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet Referrals.Api.dll) > "$WORK/pages-service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
echo "$Database__Provider, referrals stored: $(count)"
python3 bench/pages/pages.py "http://127.0.0.1:$port" --requests "${REQUESTS:-200}" --agency "${AGENCY:-SCH-DERBY-MOOR}"
