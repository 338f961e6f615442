#!/usr/bin/env python3
"""An HTTP proxy that fails one AWS region: a request whose SigV4 credential scope names
--region (and --service, when given: kms, dynamodb) is answered HTTP 500, or never
answered (--mode hang: the connection stays open until the client gives up); every other
request passes through to the upstream. Python stdlib only.

Used by `scripts/bench-failover`. Prints its URL on stdout once listening.

    region_fault_proxy.py --region us-east-1 --service kms --mode 500 http://127.0.0.1:5000
"""

import argparse
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_relay  # noqa: E402  (a sibling module)

SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
FAILED = b'{"__type":"InternalFailure","message":"region failed by region_fault_proxy"}'


def decider(region, service, mode):
    def decide(request, body):
        m = SCOPE.search(request.headers.get("Authorization") or "")
        if not (m and m.group(1) == region and service in (None, m.group(2))):
            return None
        if mode == "hang":
            # Hold the connection without a word until the client closes it.
            request.close_connection = True
            try:
                while request.rfile.read(1):
                    pass
            except OSError:
                pass
            return True
        return (500, [("Content-Type", "application/x-amz-json-1.1"),
                      ("x-amzn-RequestId", "region-fault-proxy")], FAILED)
    return decide


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--listen", default="127.0.0.1:0")
    p.add_argument("--region", required=True, help="the region to fail")
    p.add_argument("--service", choices=["kms", "dynamodb"], help="only this service")
    p.add_argument("--mode", choices=["500", "hang"], default="500")
    p.add_argument("upstream", help="http://HOST:PORT of the emulator")
    a = p.parse_args()
    server = http_relay.serve(a.listen, urllib.parse.urlsplit(a.upstream),
                              decider(a.region, a.service, a.mode))
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
