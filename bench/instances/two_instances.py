#!/usr/bin/env python3
"""Two API processes on one PostgreSQL database, taking referrals, triaging and delivering webhooks together.

Starts two instances of the service (real processes, Release build, delivery workers on in both) on one fresh
database, registers a webhook receiver, then for SECONDS sends submissions and whole triages (assign, decide each
child, sign off) to either instance at random, with several threads often working on the same referral. Then it checks
  - every submission answered 201 is there, whichever instance is asked;
  - no child has more than one decision, and every decision answered 200 is there (racing triages get 409/412);
  - every committed event reached the receiver, nothing else did, and none arrived twice unless a worker's claim
    lapsed (the documented at-least-once case, which each instance logs);
  - each subscription's events arrived in their order;
  - both instances answered requests and both delivered events.
Prints one summary line and exits 0 when every check passes.

  python3 bench/instances/two_instances.py --postgres "Host=127.0.0.1;Port=5433;Username=postgres" --seconds 30
"""
import argparse, json, os, random, re, sys, tempfile, threading, time, uuid
from collections import Counter
from http.server import ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crash"))
from crash import SCHOOL, Receiver, Service, contract_example, query, service_env  # noqa: E402

DELIVERED = re.compile(r"notice [0-9a-f-]{36} of event ([0-9a-f-]{36}) delivered by")
LAPSED = "lapsed before its result was recorded"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", required=True, help="a PostgreSQL server's connection string (without Database)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)

    work = tempfile.mkdtemp(prefix="referrals-instances-")
    database = f"referrals_instances_{uuid.uuid4().hex[:12]}"
    env = service_env(**{"Logging__LogLevel__Referrals.Api.Features.Feedback.FeedbackDispatcher": "Debug"},
                      Feedback__Delivery__PollInterval="00:00:00.100", Feedback__Delivery__ClaimFor="00:00:30",
                      Database__Provider="Postgres", Database__ConnectionString=f"{args.postgres};Database={database}")

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()

    logs = [os.path.join(work, f"instance{i}.log") for i in (1, 2)]
    instances = [Service(env, log) for log in logs]
    referrer = instances[0].token("--role", "referrer", "--agency", SCHOOL)
    practitioner, manager = instances[0].token("--role", "practitioner"), instances[0].token("--role", "manager")
    form, decision = contract_example("SubmitReferral"), contract_example("RecordDecision")
    sign_off = contract_example("SignOffDecision")
    for instance in instances:  # one after the other: the first applies the migrations
        instance.start()
    status, _, _ = instances[0].call("POST", "/v1/feedback/subscriptions", manager, {"agencyCode": SCHOOL, "url": f"http://127.0.0.1:{receiver.server_port}/hook"})
    assert status == 201, f"subscription: {status}"

    submitted, decided, answered, lock = {}, set(), Counter(), threading.Lock()
    stop = threading.Event()

    by_step = Counter()

    def call(*request):
        instance = random.randrange(2)
        status, body, headers = instances[instance].call(*request)
        with lock:
            answered[(instance, status)] += 1
            by_step[(request[0] + " " + re.sub(r"[0-9a-f-]{36}", "{id}", request[1]), status)] += 1
        return status, body, headers

    def submit():
        while not stop.is_set():
            status, body, _ = call("POST", "/v1/referrals", referrer, form, {"Idempotency-Key": str(uuid.uuid4())})
            if status == 201:
                with lock:
                    submitted[body["id"]] = (body["reference"], len(body["contacts"]))

    def triage():
        while not stop.is_set():
            with lock:
                # The newest few, so threads often race for the same referral.
                pending = [i for i in list(submitted)[-4:] if i not in decided]
            if not pending:
                time.sleep(0.02)
                continue
            referral_id = random.choice(pending)
            status, detail, headers = call("GET", f"/v1/referrals/{referral_id}", practitioner)
            if status != 200:
                continue
            if detail["status"] == "submitted":
                status, detail, headers = call("POST", f"/v1/referrals/{referral_id}/assignment", practitioner, {}, {"If-Match": headers["ETag"]})
                if status != 200:
                    continue
            # Each child's decision, then each sign-off: the referral awaits sign-off once every child is decided.
            steps = [(f"/v1/referrals/{referral_id}/children/{c['id']}/decision", practitioner, decision, c["id"]) for c in detail["contacts"]]
            steps += [(f"/v1/referrals/{referral_id}/children/{c['id']}/decision/sign-off", manager, sign_off, None) for c in detail["contacts"]]
            for path, token, body, child in steps:
                status, _, next_headers = call("POST", path, token, body, {"If-Match": headers["ETag"]})
                if status != 200:
                    break
                headers = next_headers
                if child:
                    with lock:
                        decided.add((referral_id, child))
            else:
                with lock:
                    decided.add(referral_id)

    threads = [threading.Thread(target=submit if i % 2 == 0 else triage) for i in range(args.workers)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join()

    problems = []
    for n, (referral_id, (reference, children)) in enumerate(submitted.items()):
        status, detail, _ = instances[n % 2].call("GET", f"/v1/referrals/{referral_id}", practitioner)
        if status != 200 or detail["reference"] != reference or len(detail["contacts"]) != children:
            problems.append(f"referral {reference}: {status}")
    decided_children = {d for d in decided if isinstance(d, tuple)}
    stored = Counter(row[0].lower() for row in query(args.postgres, database, work, 'SELECT "ContactId" FROM "ChildDecisions"'))
    if twice := [c for c, n in stored.items() if n > 1]:
        problems.append(f"{len(twice)} children decided twice")
    if lost := [c for _, c in decided_children if c.lower() not in stored]:
        problems.append(f"{len(lost)} acknowledged decisions lost")

    committed = {row[0].lower() for row in query(args.postgres, database, work, 'SELECT "Id" FROM "FeedbackEvents"')}
    deadline = time.time() + 120
    while time.time() < deadline and not committed <= Receiver.events():
        time.sleep(0.5)
    time.sleep(1)  # anything still in flight arrives now, to be counted
    for instance in instances:
        instance.kill()
    receiver.shutdown()
    query(args.postgres, "postgres", work, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    arrived = Counter(e for e, _ in Receiver.arrivals)
    if missing := committed - set(arrived):
        problems.append(f"{len(missing)} committed events never delivered")
    if phantom := set(arrived) - committed:
        problems.append(f"{len(phantom)} deliveries of events never committed")
    duplicates = sum(n - 1 for n in arrived.values())
    text = [open(log).read() for log in logs]
    lapsed = sum(t.count(LAPSED) for t in text)
    if duplicates > lapsed:
        problems.append(f"{duplicates} duplicate deliveries, but only {lapsed} lapsed claims")
    first_arrivals, seen = [], set()
    for event, sequence in Receiver.arrivals:
        if event not in seen:
            seen.add(event)
            first_arrivals.append(sequence)
    if out_of_order := sum(1 for a, b in zip(first_arrivals, first_arrivals[1:]) if b < a):
        problems.append(f"{out_of_order} events arrived before an earlier one")
    delivered_by = [len(DELIVERED.findall(t)) for t in text]
    if min(delivered_by) == 0:
        problems.append(f"an instance delivered nothing ({delivered_by[0]} and {delivered_by[1]})")
    served = [sum(n for (i, s), n in answered.items() if i == k and 200 <= s < 300) for k in (0, 1)]
    if min(served) == 0:
        problems.append(f"an instance answered nothing ({served[0]} and {served[1]})")
    if server_errors := sum(n for (_, s), n in answered.items() if s >= 500):
        problems.append(f"{server_errors} answers 5xx")
    refused = sum(n for (_, s), n in answered.items() if s in (409, 412))

    print(f"two instances on postgres: {args.seconds:g} s, {len(submitted)} referrals, {len(decided_children)} decisions "
          f"({refused} racing changes refused 409/412), {len(committed)} events committed, {len(arrived)} delivered "
          f"({delivered_by[0]} by the first instance, {delivered_by[1]} by the second; {duplicates} twice, {lapsed} lapsed claims); "
          f"{'ok' if not problems else 'FAILED: ' + '; '.join(problems)}")
    if os.environ.get("VERBOSE"):
        print(sorted(by_step.items()))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
