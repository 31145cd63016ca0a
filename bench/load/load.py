#!/usr/bin/env python3
"""Load: submissions per second and latency under wrk on 127.0.0.1, against a baseline doing the same writes.

For each engine (SQLite; PostgreSQL too with --postgres), each on a fresh database, both running side by side:
  - the service (Release, a real process): POST /v1/referrals with the contract's example form; one referral read
    (GET, two connections) while submissions run, for the latency of reads under write load; then the triage
    queue (GET /v1/triage/queue?limit=50) and the fortnightly report of the current fortnight over what was just
    submitted; its peak resident memory (VmHWM) over the whole run;
  - the baseline (bench/load/Baseline: a minimal ASP.NET Core endpoint making the same rows in the same tables of a
    database the service migrated, with plain ADO.NET, same durability settings): POST of the same form.
Both are warmed up, then their submissions measured in turns, ROUNDS times: the ratio is each round's, summed up by
the median. Each measurement: DURATION seconds of wrk with CONNECTIONS connections on THREADS threads.
Prints a Markdown table (requests/s, p50 and p99 latency, failed answers, each round's ratio) and the median ratios.

  python3 bench/load/load.py --duration 20 [--postgres "Host=127.0.0.1;Port=5433;Username=postgres"]
"""
import argparse, datetime, json, os, re, statistics, subprocess, sys, tempfile, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crash"))
from crash import SCHOOL, Service, contract_example, free_port, query, service_env  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "Baseline", "bin", "Release", "net10.0")
RESULT = re.compile(r"RESULT (.*)")


RUNS = iter(range(1, 1000))


def start_wrk(url, seconds, connections, threads, token="", body_file=""):
    # Each run its own idempotency keys and children, so no request repeats an earlier one.
    run = next(RUNS)
    env = dict(os.environ, TOKEN=token, BODY_FILE=body_file, RUN=f"{uuid.uuid4().hex[:8]}", CHILD_OFFSET=str(run * 100_000_000))
    return subprocess.Popen(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", os.path.join(HERE, "wrk.lua"), url],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk(url, seconds, connections, threads, token="", body_file=""):
    return finish_wrk(start_wrk(url, seconds, connections, threads, token, body_file))


def finish_wrk(process):
    out, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {err}")
    fields = dict(pair.split("=") for pair in RESULT.search(out).group(1).split())
    n, duration = int(fields["requests"]), int(fields["duration_us"]) / 1e6
    failed = sum(int(fields[k]) for k in ("non2xx", "connect", "read", "write", "timeout"))
    return {"rps": n / duration, "p50": int(fields["p50_us"]) / 1000, "p99": int(fields["p99_us"]) / 1000, "requests": n, "failed": failed}


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1)) / 1024


def wait_for_port(port, process):
    import socket
    for _ in range(240):
        if process.poll() is not None:
            raise RuntimeError("the baseline exited while starting")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError("the baseline did not start listening")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL server's connection string (without Database)")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="submission measurements of each, taken in turns")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="referrals-load-")
    form_file = os.path.join(work, "form.json")
    form = contract_example("SubmitReferral")
    for child in form["children"]:  # wrk.lua makes each request's children new
        child["lastName"] = "@@SURNAME@@"
    form["children"][0]["nhsNumber"] = "@@NHS@@"
    with open(form_file, "w") as f:
        json.dump(form, f)
    anchor, today = datetime.date(2026, 1, 5), datetime.date.today()
    fortnight = (anchor + datetime.timedelta(days=((today - anchor).days // 14) * 14)).isoformat()
    shape = dict(seconds=args.duration, connections=args.connections, threads=args.threads)

    rows, medians = [], []
    for engine in ["sqlite"] + (["postgres"] if args.postgres else []):
        made = []

        def database(name):
            if engine == "sqlite":
                return dict(Database__Provider="Sqlite", Database__ConnectionString=f"Data Source={os.path.join(work, name + '.db')}")
            made.append(f"referrals_load_{name}_{uuid.uuid4().hex[:8]}")
            return dict(Database__Provider="Postgres", Database__ConnectionString=f"{args.postgres};Database={made[-1]}")

        # The service under test: what a council would run, with the per-user submission limit lifted
        # (it would refuse the 31st submission a minute from one user) and no webhook subscribers.
        env = service_env(**database("service"))
        # The baseline, on a database of its own that the service migrated.
        base_env = dict(env, **database("baseline"))
        migrator = Service(base_env)
        migrator.start()
        migrator.kill()

        service = Service(env)
        referrer, practitioner, analyst = (service.token("--role", "referrer", "--agency", SCHOOL), service.token("--role", "practitioner"),
                                           service.token("--role", "analyst"))
        service.start()
        url = f"http://127.0.0.1:{service.port}"
        port = free_port()
        baseline = subprocess.Popen(["dotnet", "Baseline.dll"], cwd=BASELINE, env=dict(base_env, ASPNETCORE_URLS=f"http://127.0.0.1:{port}"),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(port, baseline)
        base_url = f"http://127.0.0.1:{port}/v1/referrals"

        # Both warmed up, then measured in turns (the other idle meanwhile), so whatever else this machine is
        # doing falls on both alike; the ratio is each round's, and the summary their median.
        warm = wrk(f"{url}/v1/referrals", args.warmup, args.connections, args.threads, referrer, form_file)
        wrk(base_url, args.warmup, args.connections, args.threads, body_file=form_file)
        rounds = []
        for _ in range(args.rounds):
            rounds.append((wrk(f"{url}/v1/referrals", token=referrer, body_file=form_file, **shape), wrk(base_url, body_file=form_file, **shape)))
        # Reads while submissions run: one referral read again and again (each read writes its audit entry, so it queues
        # at SQLite's write gate with the submissions) by two connections beside the submitting ones.
        status, made_one, _ = service.call("POST", "/v1/referrals", referrer, body=contract_example("SubmitReferral"),
                                           headers={"Idempotency-Key": uuid.uuid4().hex})
        assert status == 201, status
        read_url = f"{url}/v1/referrals/{made_one['id']}"
        submitting = start_wrk(f"{url}/v1/referrals", args.duration, args.connections, args.threads, referrer, form_file)
        reads = finish_wrk(start_wrk(read_url, args.duration, 2, 1, practitioner))
        under_load = finish_wrk(submitting)
        queue = wrk(f"{url}/v1/triage/queue?limit=50", token=practitioner, **shape)
        report = wrk(f"{url}/v1/metrics/fortnightly-report?fortnight={fortnight}", token=analyst, **shape)
        memory, base_memory = peak_memory_mb(service.process.pid), peak_memory_mb(baseline.pid)
        service.kill()
        baseline.kill()
        baseline.wait()

        ratios = [submit["rps"] / base["rps"] for submit, base in rounds]
        medians.append((engine, statistics.median(ratios), ratios))
        for i, (submit, base) in enumerate(rounds, 1):
            rows.append((engine, f"POST /v1/referrals, round {i}", submit, f"{ratios[i - 1]:.2f} of the baseline", memory if i == len(rounds) else None))
            rows.append((engine, f"baseline POST (ADO.NET), round {i}", base, "", base_memory if i == len(rounds) else None))
        submitted = warm["requests"] + sum(submit["requests"] for submit, _ in rounds)
        rows.append((engine, "GET /v1/referrals/{id} (2 connections) while submitting", reads, "", None))
        rows.append((engine, f"POST /v1/referrals ({args.connections} connections) beside those reads", under_load, "", None))
        submitted += under_load["requests"]
        rows.append((engine, "GET /v1/triage/queue?limit=50", queue, f"{submitted:,} referrals waiting", None))
        rows.append((engine, "GET /v1/metrics/fortnightly-report", report, "", None))
        for name in made:
            query(args.postgres, "postgres", work, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s on 127.0.0.1, after a {args.warmup} s warm-up; {os.cpu_count()} cores")
    print("| engine | request | requests/s | p50 ms | p99 ms | failed | note | peak memory MB |")
    print("|---|---|---:|---:|---:|---:|---|---:|")
    for engine, name, r, note, memory in rows:
        print(f"| {engine} | {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['failed']} | {note} | {'' if memory is None else f'{memory:.0f}'} |")
    for engine, median, ratios in medians:
        print(f"{engine}: submissions {median:.2f} of the baseline (median of {', '.join(f'{r:.2f}' for r in ratios)})")
    sys.exit(0 if all(r[2]["failed"] == 0 for r in rows) else 1)


if __name__ == "__main__":
    main()
