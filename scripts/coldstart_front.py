#!/usr/bin/env python3
"""A TLS front for cold-start benchmarks: AWS-like distances in front of moto_server.

For each service (`--service dynamodb --service kms`) it listens on a loopback port and
  1. delays every byte by the service's one-way delay in each direction, and holds the
     first bytes of each connection one extra round trip (the TCP handshake, which a
     user-space proxy cannot delay: connect() completes at once on loopback);
  2. terminates TLS (1.2 or 1.3, the client's choice) with a certificate of a private CA
     (generated with openssl at start-up in --ca-dir; trust ca.pem with SSL_CERT_FILE for
     credstore, AWS_CA_BUNDLE for botocore);
  3. relays HTTP/1.1 requests to moto_server over plain HTTP, one upstream connection per
     client connection (keep-alive both ways), but answers `GET /` itself, as an AWS
     endpoint's front door does (it is not an API call);
  4. counts TCP connections, completed TLS handshakes, and requests by operation
     (X-Amz-Target, or METHOD PATH for anything else).
It also serves container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) on loopback,
counting requests, and a control port:
    GET /stats           the counters as JSON
    POST /reset          zero them
    POST /delay?ms=N     set every service's one-way delay to N ms (RTT = 2N)
The first line on stdout is JSON: {"control": port, "creds": port, "services": {name: port}}.
Loopback only; python3 standard library only.

    coldstart_front.py --moto 127.0.0.1:5000 --ca-dir DIR --service dynamodb --service kms
"""

import argparse
import asyncio
import datetime
import json
import os
import signal
import ssl
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import latency_proxy  # noqa: E402  (the shared delaying relay)

STATS = {}
DELAYS = {}


def fresh_stats(services):
    STATS.clear()
    STATS["creds_requests"] = 0
    for s in services:
        STATS[s] = {"tcp": 0, "tls": 0, "requests": {}}


def make_ca(ca_dir):
    """A private CA and a server certificate for 127.0.0.1 and localhost (openssl)."""
    ca_key, ca_pem = os.path.join(ca_dir, "ca.key"), os.path.join(ca_dir, "ca.pem")
    key, csr, pem = (os.path.join(ca_dir, n) for n in ("server.key", "server.csr", "server.pem"))
    if all(os.path.exists(p) for p in (ca_pem, key, pem)):
        return ca_pem, key, pem
    os.makedirs(ca_dir, exist_ok=True)
    ext = os.path.join(ca_dir, "server.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")

    def run(*argv):
        subprocess.run(argv, check=True, capture_output=True)

    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", ca_key, "-out", ca_pem, "-days", "2", "-subj",
        "/CN=credstore bench CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
    run("openssl", "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key,
        "-CAcreateserial", "-out", pem, "-days", "2", "-extfile", ext)
    return ca_pem, key, pem


# ---- 1. the distance: a delaying TCP relay -------------------------------------------------

async def pump(reader, writer, service, first_extra):
    """latency_proxy's relay, at this service's current delay."""
    await latency_proxy.pump(reader, writer, lambda: DELAYS[service], first_extra)


async def delayed(client_reader, client_writer, service, inner_port):
    STATS[service]["tcp"] += 1
    try:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", inner_port)
    except OSError:
        client_writer.close()
        return
    try:
        await asyncio.gather(pump(client_reader, up_writer, service, 1),
                             pump(up_reader, client_writer, service, 0))
    finally:
        for w in (up_writer, client_writer):
            try:
                w.close()
            except OSError:
                pass


# ---- 2-4. TLS, HTTP relay, counting --------------------------------------------------------

async def read_head(reader):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, OSError):
        return None
    return head


def headers_of(head):
    lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            fields[k.strip().lower()] = v.strip()
    return lines[0], fields


async def read_body(reader, fields, until_eof):
    """The raw body bytes (chunked kept as chunked)."""
    if "chunked" in fields.get("transfer-encoding", "").lower():
        out = bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            out += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:
                    trailer = await reader.readuntil(b"\r\n")
                    out += trailer
                    if trailer == b"\r\n":
                        return bytes(out)
            out += await reader.readexactly(size + 2)
    if "content-length" in fields:
        return await reader.readexactly(int(fields["content-length"]))
    if until_eof:
        return await reader.read()
    return b""


async def relay_http(reader, writer, service, moto):
    STATS[service]["tls"] += 1
    up = None
    try:
        while True:
            head = await read_head(reader)
            if head is None:
                return
            request_line, fields = headers_of(head)
            body = await read_body(reader, fields, until_eof=False)
            method, path = request_line.split(" ")[:2]
            op = fields.get("x-amz-target", "").split(".")[-1] or "%s %s" % (method, path)
            reqs = STATS[service]["requests"]
            reqs[op] = reqs.get(op, 0) + 1
            if method == "GET" and path == "/":
                # An endpoint's front door answers this itself (DynamoDB: "healthy: ...");
                # relaying it would load moto, which serves the real requests.
                body = b"healthy: %s" % service.encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
                continue
            for _ in range(2):
                if up is None:
                    up = await asyncio.open_connection(*moto)
                try:
                    up[1].write(head + body)
                    await up[1].drain()
                    rhead = await read_head(up[0])
                    if rhead is None:
                        raise ConnectionError("upstream closed")
                    break
                except (ConnectionError, OSError):
                    up[1].close()
                    up = None
            else:
                return
            status_line, rfields = headers_of(rhead)
            no_body = method == "HEAD" or status_line.split(" ")[1] in ("204", "304")
            close = rfields.get("connection", "").lower() == "close" or (
                "content-length" not in rfields and "chunked" not in
                rfields.get("transfer-encoding", "").lower())
            rbody = b"" if no_body else await read_body(up[0], rfields, until_eof=close)
            # The client's connection is the front's own: kept alive whatever moto says
            # (werkzeug answers `Connection: close` to everything); a read-to-EOF answer
            # is re-framed with its length.
            lines = rhead.decode("latin-1").split("\r\n")
            drop = ("connection:", "keep-alive:")
            if close and not no_body and "content-length" not in rfields:
                drop += ("transfer-encoding:",)
                lines.append("Content-Length: %d" % len(rbody))
            lines = [line for line in lines if line and not line.lower().startswith(drop)]
            rhead = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
            if close:
                up[1].close()
                up = None
            writer.write(rhead + rbody)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, OSError, ValueError):
        return
    finally:
        if up is not None:
            up[1].close()
        try:
            writer.close()
        except OSError:
            pass


# ---- container credentials and control -----------------------------------------------------

async def simple_http(reader, writer, answer):
    try:
        while True:
            head = await read_head(reader)
            if head is None:
                return
            request_line, fields = headers_of(head)
            await read_body(reader, fields, until_eof=False)
            status, body = answer(request_line)
            writer.write(("HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %d\r\n\r\n" % (status, len(body))).encode() + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, OSError):
        return
    finally:
        writer.close()


def creds_answer(_request_line):
    STATS["creds_requests"] += 1
    expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=6))
    return "200 OK", json.dumps({
        "AccessKeyId": "AKIDBENCHCOLDSTART00",
        "SecretAccessKey": "bench-secret-access-key",
        "Token": "bench-session-token",
        "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }).encode()


def control_answer(services):
    def answer(request_line):
        method, target = request_line.split(" ")[:2]
        if method == "GET" and target == "/stats":
            return "200 OK", json.dumps(STATS).encode()
        if method == "POST" and target == "/reset":
            fresh_stats(services)
            return "200 OK", b"{}"
        if method == "POST" and target.startswith("/delay?ms="):
            ms = float(target.split("=", 1)[1])
            for s in services:
                DELAYS[s] = ms / 1000.0
            return "200 OK", b"{}"
        return "404 Not Found", b"{}"
    return answer


async def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--moto", required=True, help="HOST:PORT of moto_server (plain HTTP)")
    p.add_argument("--ca-dir", required=True, help="where ca.pem and the server key live")
    p.add_argument("--service", action="append", required=True,
                   help="NAME[:ONE_WAY_MS] (repeatable), e.g. dynamodb:10 kms:10")
    args = p.parse_args()
    host, _, port = args.moto.rpartition(":")
    if host not in ("127.0.0.1", "localhost"):
        sys.exit("coldstart_front: moto must be on loopback")
    moto = (host, int(port))
    _, key, pem = make_ca(args.ca_dir)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pem, key)
    ctx.set_alpn_protocols(["http/1.1"])
    services = []
    for spec in args.service:
        name, _, ms = spec.partition(":")
        services.append(name)
        DELAYS[name] = float(ms or 0) / 1000.0
    fresh_stats(services)
    servers, ports = [], {}
    for name in services:
        inner = await asyncio.start_server(
            lambda r, w, n=name: relay_http(r, w, n, moto), "127.0.0.1", 0, ssl=ctx,
            limit=1 << 22)
        inner_port = inner.sockets[0].getsockname()[1]
        outer = await asyncio.start_server(
            lambda r, w, n=name, ip=inner_port: delayed(r, w, n, ip), "127.0.0.1", 0)
        ports[name] = outer.sockets[0].getsockname()[1]
        servers += [inner, outer]
    creds = await asyncio.start_server(lambda r, w: simple_http(r, w, creds_answer),
                                       "127.0.0.1", 0)
    control = await asyncio.start_server(
        lambda r, w: simple_http(r, w, control_answer(services)), "127.0.0.1", 0)
    servers += [creds, control]
    print(json.dumps({"control": control.sockets[0].getsockname()[1],
                      "creds": creds.sockets[0].getsockname()[1], "services": ports}),
          flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
