"""The HTTP relay the benchmark fronts share (scripts/throttle_proxy.py,
scripts/region_fault_proxy.py): a threaded server whose handler asks `decide` about each
request and either answers for the upstream or relays it over a kept-alive connection per
thread. Python stdlib only.
"""

import http.client
import http.server
import threading

HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


def handler(upstream, decide):
    """A request handler class relaying to `upstream` (a urlsplit result).

    `decide(request_handler, body)` returns None to relay the request, or
    (status, headers, body) to answer it without the upstream; it may also answer (or
    hold) the connection itself and return True.
    """
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
            verdict = decide(self, body)
            if verdict is True:
                return
            if verdict is not None:
                self.answer(*verdict)
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


def serve(listen, upstream, decide):
    """A threaded server on `listen` (HOST:PORT) relaying to `upstream`; prints its URL."""
    host, port = listen.rsplit(":", 1)
    server = http.server.ThreadingHTTPServer((host, int(port)), handler(upstream, decide))
    server.daemon_threads = True
    print(f"http://{host}:{server.server_address[1]}", flush=True)
    return server
