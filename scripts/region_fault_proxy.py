#!/usr/bin/env python3
"""An HTTP proxy that fails one AWS region: a request whose SigV4 credential scope names
--region (and --service, when given: kms, dynamodb) is answered HTTP 500, or never
answered (--mode hang: the connection stays open until the client gives up); every other
request passes through to the upstream. Python stdlib only.

Used by `scripts/bench-failover`. Prints its URL on stdout once listening.

    region_fault_proxy.py --region us-east-1 --service kms --mode 500 http://127.0.0.1:5000
"""

import argparse
import http.client
import http.server
import re
import sys
import threading
import time
import urllib.parse

HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}
SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
FAILED = b'{"__type":"InternalFailure","message":"region failed by region_fault_proxy"}'


def handler(upstream, region, service, mode):
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

        def failing(self):
            m = SCOPE.search(self.headers.get("Authorization") or "")
            return bool(m) and m.group(1) == region and service in (None, m.group(2))

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.failing():
                if mode == "hang":
                    # Hold the connection without a word until the client closes it.
                    self.close_connection = True
                    try:
                        while self.rfile.read(1):
                            pass
                    except OSError:
                        pass
                    return
                self.answer(500, [("Content-Type", "application/x-amz-json-1.1"),
                                  ("x-amzn-RequestId", "region-fault-proxy")], FAILED)
                return
            for attempt in (0, 1):
                conn = getattr(local, "conn", None)
                if conn is None:
                    conn = local.conn = http.client.HTTPConnection(
                        upstream.hostname, upstream.port, timeout=120)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
                    conn.request(self.command, self.path, body=body, headers=headers)
                    resp = conn.getresponse()
                    self.answer(resp.status, resp.getheaders(), resp.read())
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
    p.add_argument("--region", required=True, help="the region to fail")
    p.add_argument("--service", choices=["kms", "dynamodb"], help="only this service")
    p.add_argument("--mode", choices=["500", "hang"], default="500")
    p.add_argument("upstream", help="http://HOST:PORT of the emulator")
    a = p.parse_args()
    host, port = a.listen.rsplit(":", 1)
    server = http.server.ThreadingHTTPServer(
        (host, int(port)),
        handler(urllib.parse.urlsplit(a.upstream), a.region, a.service, a.mode))
    server.daemon_threads = True
    print(f"http://{host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
