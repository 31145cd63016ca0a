#!/usr/bin/env python3
"""Times every partner page over HTTP on 127.0.0.1, signed in as a school's safeguarding lead with a draft under way.

usage: pages.py BASE_URL [--requests N] [--agency CODE]
Prints, per page, the median, 95th percentile and largest response time (ms, measured round the request on
loopback, so the server's time plus a loopback round trip) and the page's size as sent (gzip/br not asked for).
"""
import argparse, re, statistics, sys, time
import requests

TOKEN = re.compile(r'name="__RequestVerificationToken" value="([^"]+)"')


def token(html):
    return TOKEN.search(html).group(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--agency", default="SCH-DERBY-MOOR")
    args = parser.parse_args()
    s = requests.Session()
    base = args.base.rstrip("/")

    page = s.get(f"{base}/sign-in/development").text
    home = s.post(f"{base}/sign-in/development", data={"__RequestVerificationToken": token(page), "role": "referrer",
                                                       "agency": args.agency, "name": "Bench Lead", "returnUrl": "/partner"})
    assert home.url.endswith("/partner"), home.url
    draft = s.post(f"{base}/partner/drafts", data={"__RequestVerificationToken": token(home.text)}).url
    version = 1
    page = s.get(f"{draft}/children").text
    s.post(f"{draft}/children/add", data={"__RequestVerificationToken": token(page), "version": version}); version += 1
    page = s.get(f"{draft}/children/0").text
    s.post(f"{draft}/children/0", data={"__RequestVerificationToken": token(page), "version": version,
                                         "children[0].firstName": "Amy", "children[0].lastName": "Bench",
                                         "children[0].safeNow": "yes"}); version += 1
    page = s.get(f"{draft}/concern").text
    s.post(f"{draft}/concern", data={"__RequestVerificationToken": token(page), "version": version, "concern.categories": "neglect",
                                      "concern.whatHappened": "Amy arrived hungry on four mornings this week."}); version += 1

    home = s.get(f"{base}/partner").text
    referral = re.search(r'href="(/partner/referrals/[0-9a-f-]{36})"', home)
    older = re.search(r'href="(/partner\?cursor=[^"]+)"', home)
    pages = {
        "your referrals": f"{base}/partner",
        "your referrals, next page": f"{base}{older.group(1).replace('&amp;', '&')}" if older else None,
        "a referral": f"{base}{referral.group(1)}" if referral else None,
        "task list": draft,
        "about you": f"{draft}/about-you",
        "the children": f"{draft}/children",
        "a child": f"{draft}/children/0",
        "the concern": f"{draft}/concern",
        "your view": f"{draft}/your-view",
        "documents": f"{draft}/documents",
        "check your answers": f"{draft}/check",
    }
    print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'KB':>6}")
    worst = 0.0
    for name, url in pages.items():
        if url is None:
            print(f"{name:28} (none: the agency has too few referrals)")
            continue
        for _ in range(10):
            s.get(url).raise_for_status()
        times, size = [], 0
        for _ in range(args.requests):
            started = time.perf_counter()
            answer = s.get(url)
            times.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
            size = len(answer.content)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        worst = max(worst, p95)
        print(f"{name:28} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f} {size / 1024:6.1f}")
    print(f"slowest page's p95: {worst:.1f} ms")
    return 0 if worst < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
