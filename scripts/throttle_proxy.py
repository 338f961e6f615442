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
import http.client
import http.server
import signal
import sys
import threading
import time
import urllib.parse

THROTTLED = b'{"__type":"ThrottlingException","message":"Rate exceeded"}'
HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


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


def handler(upstream, bucket):
    local = threading.local()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, headers, body):
            self.send_response_only(status)
            for k, v in headers:
                if k.lower() not in HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            target = self.headers.get("X-Amz-Target") or ""
            if target.startswith("TrentService.") and not bucket.take():
                self.answer(
                    400,
                    [("Content-Type", "application/x-amz-json-1.1"),
                     ("x-amzn-RequestId", "throttle-proxy")],
                    THROTTLED,
                )
                return
            for attempt in (0, 1):
                conn = getattr(local, "conn", None)
                if conn is None:
                    conn = local.conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
                    conn.request(self.command, self.path, body=body, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read()
                    self.answer(resp.status, resp.getheaders(), data)
                    return
                except (OSError, http.client.HTTPException):
                    conn.close()
                    local.conn = None
                    if attempt:
                        self.send_error(502)
                        return

        do_GET = do_POST
        do_PUT = do_POST
        do_DELETE = do_POST

    return Handler


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--listen", default="127.0.0.1:0")
    p.add_argument("--rate", type=float, required=True, help="KMS requests per second")
    p.add_argument("--burst", type=float, default=10.0, help="bucket size (default 10)")
    p.add_argument("upstream", help="http://HOST:PORT of the emulator")
    a = p.parse_args()
    host, port = a.listen.rsplit(":", 1)
    bucket = Bucket(a.rate, a.burst)
    server = http.server.ThreadingHTTPServer((host, int(port)), handler(urllib.parse.urlsplit(a.upstream), bucket))
    server.daemon_threads = True

    def stop(*_):
        print(f"passed={bucket.passed} throttled={bucket.throttled}", file=sys.stderr, flush=True)
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"http://{host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
