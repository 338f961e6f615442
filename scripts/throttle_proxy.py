#!/usr/bin/env python3
"""An HTTP proxy that throttles KMS requests like AWS KMS: a token bucket of --rate
requests per second holding at most --burst tokens; a KMS request (X-Amz-Target
TrentService.*) finding no token is answered HTTP 400
{"__type":"ThrottlingException","message":"Rate exceeded"} without reaching the
upstream. Every other request (DynamoDB) passes through. Python stdlib only.

Used by `scripts/bench-compare --throttle RATE[:BURST]`; on SIGTERM/SIGINT it prints
`passed=N throttled=M` on stderr.

    throttle_proxy.py --listen 127.0.0.1:PORT --rate 100 --burst 10 http://127.0.0.1:5000
"""

import argparse
import os
import signal
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_relay  # noqa: E402  (a sibling module)

THROTTLED = b'{"__type":"ThrottlingException","message":"Rate exceeded"}'


class Bucket:
    def __init__(self, rate, burst):
        self.rate, self.burst = rate, burst
        self.tokens, self.at = burst, time.monotonic()
        self.lock = threading.Lock()
        self.passed = self.throttled = 0

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                self.passed += 1
                return True
            self.throttled += 1
            return False


def decider(bucket):
    def decide(request, body):
        target = request.headers.get("X-Amz-Target") or ""
        if target.startswith("TrentService.") and not bucket.take():
            return (400, [("Content-Type", "application/x-amz-json-1.1"),
                          ("x-amzn-RequestId", "throttle-proxy")], THROTTLED)
        return None
    return decide


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--listen", default="127.0.0.1:0")
    p.add_argument("--rate", type=float, required=True, help="KMS requests per second")
    p.add_argument("--burst", type=float, default=10.0, help="bucket size (default 10)")
    p.add_argument("upstream", help="http://HOST:PORT of the emulator")
    a = p.parse_args()
    bucket = Bucket(a.rate, a.burst)
    server = http_relay.serve(a.listen, urllib.parse.urlsplit(a.upstream), decider(bucket))

    def stop(*_):
        print(f"passed={bucket.passed} throttled={bucket.throttled}", file=sys.stderr, flush=True)
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever()


if __name__ == "__main__":
    main()
