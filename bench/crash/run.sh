#!/usr/bin/env bash
# Crash safety (see crash.py): KILLS SIGKILLs on SQLite, and on PostgreSQL when REFERRALS_BENCH_POSTGRES is set
# (then PG_RESTART, a command restarting that server, is run once mid-way).
#
#   bash bench/crash/run.sh                        # 20 kills on SQLite
#   KILLS=3 bash bench/crash/run.sh                # the short version CI runs
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Referrals.Api -v quiet -nologo >/dev/null
python3 bench/crash/crash.py --kills "${KILLS:-20}"
if [ -n "${REFERRALS_BENCH_POSTGRES:-}" ]; then
  python3 bench/crash/crash.py --kills "${KILLS:-20}" --postgres "$REFERRALS_BENCH_POSTGRES" ${PG_RESTART:+--pg-restart "$PG_RESTART"}
fi
