#!/usr/bin/env bash
# Load benchmark (see load.py): the service and the ADO.NET baseline under wrk on 127.0.0.1.
#
#   bash bench/load/run.sh                               # SQLite, 20 s per measurement
#   REFERRALS_BENCH_POSTGRES="Host=127.0.0.1;Port=5433;Username=postgres" bash bench/load/run.sh   # and PostgreSQL
#   DURATION=5 bash bench/load/run.sh                    # a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk (Debian's package)"; exit 1; }
dotnet build -c Release src/Referrals.Api -v quiet -nologo >/dev/null
dotnet build -c Release bench/load/Baseline -v quiet -nologo >/dev/null
python3 bench/load/load.py --duration "${DURATION:-20}" --warmup "${WARMUP:-30}" --connections "${CONNECTIONS:-16}" --rounds "${ROUNDS:-3}" ${REFERRALS_BENCH_POSTGRES:+--postgres "$REFERRALS_BENCH_POSTGRES"}
