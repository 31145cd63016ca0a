#!/usr/bin/env bash
# The partner's pages on a million referrals: starts the service (Release, SQLite) on a database holding the history,
# signs in as a school's safeguarding lead and times every page over HTTP on 127.0.0.1 (pages.py).
#
#   bash bench/pages/run.sh                                       # seeds 1,000,000 referrals over 10 years first (about 25 minutes)
#   DB=/tmp/referrals-bench/bench-1000000.db bash bench/pages/run.sh   # on a database seeded before (bench/metrics seeds the same)
#   REQUESTS=50 SIZE=20000 YEARS=1 bash bench/pages/run.sh        # a quick run
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
  Database__Provider=Sqlite Database__ConnectionString="Data Source=$DB" Limits__ReadsPerMinute=1000000
if [ ! -f "$DB" ]; then
  (cd "$OUT" && dotnet Referrals.Api.dll seed --referrals "$SIZE" --years "$YEARS" --seed 1) | tail -n 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
(cd "$OUT" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet Referrals.Api.dll) > "$WORK/pages-service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('referrals stored:', c.execute('select count(*) from Referrals').fetchone()[0])" "$DB"
python3 bench/pages/pages.py "http://127.0.0.1:$port" --requests "${REQUESTS:-200}" --agency "${AGENCY:-SCH-DERBY-MOOR}"
