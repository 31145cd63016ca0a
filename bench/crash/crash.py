#!/usr/bin/env python3
"""Crash safety: kill the service with SIGKILL while it takes referrals and decisions, and check nothing acknowledged is lost.

Starts the service (a real process, Release build) on a fresh database, registers a webhook receiver, then KILLS times:
starts the service, sends concurrent submissions (with idempotency keys) and decisions, and kills the process with
SIGKILL at a random moment. Then it starts the service once more and checks that
  - every submission answered 201 is there, complete (its children, its reference, its submitted copy);
  - every decision answered 200 is there;
  - no referral is half-written (every referral has its contacts and their summary rows);
  - the outbox delivers every committed event to the webhook (at least once);
  - SQLite's PRAGMA integrity_check says ok (PostgreSQL: the server is also restarted once, under traffic).
Prints one summary line and exits 0 when every check passes.

  python3 bench/crash/crash.py --kills 20                     # SQLite
  python3 bench/crash/crash.py --kills 20 --postgres "Host=127.0.0.1;Port=5433;Username=postgres" --pg-restart "<command>"
"""
import argparse, json, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time, uuid
import urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "Referrals.Api", "bin", "Release", "net10.0")
SCHOOL = "SCH-DERBY-MOOR"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def service_env(**settings):
    """The service's settings for a bench run: Development tokens, warnings only in the log, the per-user
    rate limits lifted (the scripts send far faster than any person), webhooks to 127.0.0.1 allowed."""
    return dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", Logging__LogLevel__Default="Warning",
                Limits__SubmissionsPerMinute="100000000", Limits__MetricsPerMinute="100000000", Limits__ReadsPerMinute="100000000",
                Feedback__Webhooks__AllowInsecureUrls="true", Feedback__Webhooks__AllowPrivateNetworks="true", **settings)


def contract_example(operation):
    document = json.load(open(os.path.join(ROOT, "openapi", "referrals.v1.json")))
    for path in document["paths"].values():
        for op in path.values():
            if isinstance(op, dict) and op.get("operationId") == operation:
                return op["requestBody"]["content"]["application/json"]["example"]
    raise KeyError(operation)


class Service:
    def __init__(self, env, log=None):
        self.env, self.port, self.process, self.log = env, free_port(), None, log

    def token(self, *args):
        out = subprocess.run(["dotnet", "Referrals.Api.dll", "token", *args], cwd=OUT, env=self.env, capture_output=True, text=True, check=True)
        return out.stdout.strip().splitlines()[-1]

    def start(self):
        env = dict(self.env, ASPNETCORE_URLS=f"http://127.0.0.1:{self.port}")
        output = open(self.log, "a") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(["dotnet", "Referrals.Api.dll"], cwd=OUT, env=env, stdout=output, stderr=subprocess.STDOUT)
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health/ready", timeout=2)
                return
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError("the service exited while starting")
                time.sleep(0.25)
        raise RuntimeError("the service did not become ready")

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def call(self, method, path, token, body=None, headers=None, timeout=15):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null"), response.headers
        except urllib.error.HTTPError as e:
            return e.code, None, e.headers


class Receiver(BaseHTTPRequestHandler):
    """A webhook receiver that notes each delivery's event id (lower case) and feed sequence, in order of arrival."""
    arrivals = []
    lock = threading.Lock()

    @classmethod
    def events(cls):
        with cls.lock:
            return {event for event, _ in cls.arrivals}

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with Receiver.lock:
            Receiver.arrivals.append((body["id"].lower(), body["sequence"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--postgres", help="a PostgreSQL server's connection string (without Database); SQLite when left out")
    parser.add_argument("--pg-restart", help="a shell command that restarts the PostgreSQL server, run once mid-way")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)

    work = tempfile.mkdtemp(prefix="referrals-crash-")
    database = f"referrals_crash_{uuid.uuid4().hex[:12]}"
    env = service_env(Feedback__Delivery__PollInterval="00:00:00.200", Feedback__Delivery__FirstRetryAfter="00:00:01",
                      Feedback__Delivery__MaxRetryInterval="00:00:02", Feedback__Delivery__ClaimFor="00:00:05")
    if args.postgres:
        env.update(Database__Provider="Postgres", Database__ConnectionString=f"{args.postgres};Database={database}")
    else:
        env.update(Database__Provider="Sqlite", Database__ConnectionString=f"Data Source={os.path.join(work, 'crash.db')}")

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()

    service = Service(env)
    referrer, practitioner, manager = service.token("--role", "referrer", "--agency", SCHOOL), service.token("--role", "practitioner"), service.token("--role", "manager")
    form = contract_example("SubmitReferral")
    decision = contract_example("RecordDecision")
    service.start()
    status, _, _ = service.call("POST", "/v1/feedback/subscriptions", manager, {"agencyCode": SCHOOL, "url": f"http://127.0.0.1:{receiver.server_port}/hook"})
    assert status == 201, f"subscription: {status}"

    submitted, decided, lock = {}, set(), threading.Lock()
    restarted_db = False
    for kill in range(args.kills):
        if kill > 0:
            service.start()
        stop = threading.Event()

        def submit():
            while not stop.is_set():
                key = str(uuid.uuid4())
                try:
                    status, body, _ = service.call("POST", "/v1/referrals", referrer, form, {"Idempotency-Key": key})
                except Exception:
                    continue  # cut off by the kill: not acknowledged
                if status == 201:
                    with lock:
                        submitted[body["id"]] = (key, body["reference"], len(body["contacts"]))

        def triage():
            while not stop.is_set():
                with lock:
                    pending = [i for i in submitted if i not in decided]
                if not pending:
                    time.sleep(0.05)
                    continue
                referral_id = random.choice(pending)
                try:
                    status, detail, headers = service.call("GET", f"/v1/referrals/{referral_id}", practitioner)
                    if status != 200 or detail["status"] != "submitted":
                        continue
                    status, detail, headers = service.call("POST", f"/v1/referrals/{referral_id}/assignment", practitioner, {}, {"If-Match": headers["ETag"]})
                    if status != 200:
                        continue
                    child = detail["contacts"][0]["id"]
                    status, _, _ = service.call("POST", f"/v1/referrals/{referral_id}/children/{child}/decision", practitioner, decision, {"If-Match": headers["ETag"]})
                except Exception:
                    continue
                if status == 200:
                    with lock:
                        decided.add(referral_id)

        threads = [threading.Thread(target=submit if i % 2 == 0 else triage) for i in range(args.workers)]
        for thread in threads:
            thread.start()
        if args.pg_restart and not restarted_db and kill == args.kills // 2:
            # The database server restarts under the running service, mid-traffic: requests in flight fail
            # (503, nothing stored) or commit, and the service must carry on once the server is back.
            time.sleep(random.uniform(1, 3))
            subprocess.run(args.pg_restart, shell=True, check=True)
            restarted_db = True
        time.sleep(random.uniform(2, 6))
        service.kill()
        stop.set()
        for thread in threads:
            thread.join()

    # The last start: everything acknowledged must be there, and the outbox must catch up.
    service.start()
    problems = []
    for referral_id, (key, reference, children) in submitted.items():
        status, detail, _ = service.call("GET", f"/v1/referrals/{referral_id}", practitioner)
        if status != 200 or detail["reference"] != reference or len(detail["contacts"]) != children:
            problems.append(f"referral {reference}: {status}")
            continue
        if referral_id in decided and not any(c.get("decision") for c in ((detail.get("triage") or {}).get("children") or [])):
            problems.append(f"decision on {reference} lost")
        status, again, _ = service.call("POST", "/v1/referrals", referrer, form, {"Idempotency-Key": key})
        if status != 201 or again["id"] != referral_id:
            problems.append(f"retry of {reference} made {status}")

    committed = expected_events(env, args.postgres, database, work)
    deadline = time.time() + 90
    while time.time() < deadline and not committed <= Receiver.events():
        time.sleep(1)
    if not committed <= Receiver.events():
        problems.append(f"{len(committed - Receiver.events())} committed events never delivered")
    problems += half_written(args.postgres, database, work, env)
    service.kill()
    receiver.shutdown()
    if args.postgres:
        query(args.postgres, "postgres", work, f'DROP DATABASE IF EXISTS "{database}"')

    engine = "postgres" if args.postgres else "sqlite"
    print(f"crash {engine}: {args.kills} kills, {len(submitted)} referrals and {len(decided)} decisions acknowledged, "
          f"{len(committed)} events committed, {len(Receiver.events())} delivered; {'ok' if not problems else 'FAILED: ' + '; '.join(problems[:5])}")
    sys.exit(1 if problems else 0)


def query(postgres, database, work, sql):
    if postgres:
        parts = dict(p.split("=", 1) for p in postgres.split(";") if p)
        out = subprocess.run(["psql", f"postgresql://{parts.get('Username', 'postgres')}@{parts.get('Host', '127.0.0.1')}:{parts.get('Port', '5432')}/{database}",
                              "-tAc", sql], capture_output=True, text=True, check=True)
        return [line.split("|") for line in out.stdout.strip().splitlines()]
    with sqlite3.connect(os.path.join(work, "crash.db")) as connection:
        return [[str(v) for v in row] for row in connection.execute(sql)]


def expected_events(env, postgres, database, work):
    return {row[0].lower() for row in query(postgres, database, work, 'SELECT "Id" FROM "FeedbackEvents"')}


def half_written(postgres, database, work, env):
    problems = []
    checks = {
        "referrals without contacts": 'SELECT COUNT(*) FROM "Referrals" r WHERE NOT EXISTS (SELECT 1 FROM "Contacts" c WHERE c."ReferralId" = r."Id")',
        "contacts without their summary": 'SELECT COUNT(*) FROM "Contacts" c WHERE NOT EXISTS (SELECT 1 FROM "ContactFacts" f WHERE f."ContactId" = c."Id")',
        "referrals without their audit entry": 'SELECT COUNT(*) FROM "Referrals" r WHERE NOT EXISTS (SELECT 1 FROM "AuditEntries" a WHERE a."ReferralId" = r."Id")',
        "contacts the totals do not count": 'SELECT (SELECT COUNT(*) FROM "ContactFacts") - (SELECT COALESCE(SUM("Contacts"), 0) FROM "FortnightFigures")',
    }
    for name, sql in checks.items():
        count = int(query(postgres, database, work, sql)[0][0])
        if count:
            problems.append(f"{count} {name}")
    if not postgres:
        result = query(postgres, database, work, "PRAGMA integrity_check")[0][0]
        if result != "ok":
            problems.append(f"integrity_check: {result}")
    return problems


if __name__ == "__main__":
    main()
