#!/usr/bin/env bash
# The quality check's speed as a referrer types: starts the service (Release, SQLite, on 127.0.0.1) and times
# POST /v1/referrals/quality-check with a 5,000-character form, one request after another (check.py).
#
#   bash bench/quality-check/run.sh
#   REQUESTS=500 CHARACTERS=10000 bash bench/quality-check/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-/tmp/referrals-bench-quality}
mkdir -p "$WORK"
rm -f "$WORK"/quality.db*
dotnet build -c Release src/Referrals.Api -v quiet -nologo >/dev/null
OUT=$(pwd)/src/Referrals.Api/bin/Release/net10.0
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Feedback__Delivery__Enabled=false \
  Limits__QualityChecksPerMinute=1000000 Database__Provider=Sqlite Database__ConnectionString="Data Source=$WORK/quality.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
(cd "$OUT" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet Referrals.Api.dll) > "$WORK/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
token=$(cd "$OUT" && dotnet Referrals.Api.dll token --role referrer --agency SCH-DERBY-MOOR | tail -n 1)
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
python3 bench/quality-check/check.py --url "http://127.0.0.1:$port" --token "$token" \
  --requests "${REQUESTS:-5000}" --warmup "${WARMUP:-2000}" --characters "${CHARACTERS:-5000}"
