#!/usr/bin/env bash
# Two API processes on one PostgreSQL database (see two_instances.py), for SECONDS of traffic (default 60).
#
#   REFERRALS_BENCH_POSTGRES="Host=127.0.0.1;Port=5433;Username=postgres" bash bench/instances/run.sh
#   SECONDS_OF_TRAFFIC=10 ...                       # the short version CI runs
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${REFERRALS_BENCH_POSTGRES:?set REFERRALS_BENCH_POSTGRES to a PostgreSQL server (no database): several instances need one}"
dotnet build -c Release src/Referrals.Api -v quiet -nologo >/dev/null
python3 bench/instances/two_instances.py --postgres "$REFERRALS_BENCH_POSTGRES" --seconds "${SECONDS_OF_TRAFFIC:-60}"
