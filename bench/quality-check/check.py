#!/usr/bin/env python3
"""Times POST /v1/referrals/quality-check as a referrer's form would call it while she types: one request after
another on one kept-alive connection to the service on 127.0.0.1, with a 5,000-character form (the concern's
narrative boxes filled, as a long referral is). Prints the latency distribution and checks the answer is a score.

    python3 bench/quality-check/check.py --url http://127.0.0.1:5000 --token <referrer token> [--requests 2000]
"""
import argparse, http.client, json, statistics, sys, time, urllib.parse

SENTENCES = [
    "Amy arrived at school on Tuesday 24 November with a bruise under her left eye and finger-mark bruising on her upper arm.",
    "She told her class teacher at 08:45 that mum's boyfriend grabbed her and pushed her into the door because she spilt her drink.",
    "Staff have noticed that she is often hungry on Mondays and has asked for extra toast at breakfast club on three occasions.",
    "We have had some concerns for some time about the home, and mum has said in the past that things are difficult.",
    "Her younger brother Ben (8) was collected late on Friday by an adult staff did not know, who smelled of alcohol.",
    "Amy said she is scared to go home when he is there, and she seemed frightened and flinched when a door banged.",
]
FIELDS = ["whatHappened", "whenAndWhere", "howKnown", "disclosure", "impactOnChild", "childsVoice", "whatIsGoingWell",
          "actionsAlreadyTaken", "otherProfessionals", "hopedOutcome"]


def form(characters):
    concern, i, total = {"categories": ["physical-abuse-by-adult", "neglect"]}, 0, 0
    while total < characters:
        field = FIELDS[i % len(FIELDS)]
        sentence = SENTENCES[i % len(SENTENCES)]
        concern[field] = (concern.get(field, "") + " " + sentence).strip()
        total += len(sentence) + 1
        i += 1
    return {
        "referrer": {"role": "Designated safeguarding lead", "phone": "01332 000 000", "email": "dsl@school.example.org"},
        "children": [{"firstName": "Amy", "lastName": "Example", "dateOfBirth": "2015-03-14", "nhsNumber": "9434765919",
                      "address": "1 Sample Street, Derby", "postcode": "DE1 2FS"}],
        "consent": {"parentsAware": "yes", "parentsConsented": "yes"},
        "concern": concern,
        "referrerView": {"levelOfNeed": 3, "risk": "high", "riskReason": "High because an adult hit her face."},
    }, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=2000)
    parser.add_argument("--characters", type=int, default=5000)
    args = parser.parse_args()
    target = urllib.parse.urlparse(args.url)
    if target.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("benchmarks send traffic to loopback addresses only")
    body, characters = form(args.characters)
    payload = json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}
    connection = http.client.HTTPConnection(target.hostname, target.port)

    def check():
        connection.request("POST", "/v1/referrals/quality-check", payload, headers)
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            sys.exit(f"quality check answered {response.status}: {answer[:300]!r}")
        return json.loads(answer)

    first = check()
    for _ in range(args.warmup):
        check()
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        check()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    pick = lambda p: times[min(len(times) - 1, int(round(p * (len(times) - 1))))]
    print(f"form: {characters} characters of narrative, score {first['score']} ({first['band']}); "
          f"{args.requests} checks after {args.warmup} to warm up")
    print(f"| median | 95th percentile | 99th percentile | slowest |")
    print(f"|---|---|---|---|")
    print(f"| {statistics.median(times):.2f} ms | {pick(0.95):.2f} ms | {pick(0.99):.2f} ms | {times[-1]:.2f} ms |")


if __name__ == "__main__":
    main()
