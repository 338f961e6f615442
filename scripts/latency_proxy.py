#!/usr/bin/env python3
"""A loopback TCP proxy that delays every byte by a fixed time in each direction.

Used by scripts/bench-compare to put a known round-trip time (2 x --delay-ms) between
credstore and the AWS emulator. Pure propagation delay: bytes are not throttled,
order is kept per direction, and a chunk read at time t is written at t + delay
(so pipelined requests overlap as they would on a real link). Loopback only.

    latency_proxy.py --listen 127.0.0.1:PORT --target 127.0.0.1:PORT --delay-ms 5
"""

import argparse
import asyncio
import signal
import sys


async def pump(reader, writer, delay, first_extra=0):
    """Copies reader to writer, each chunk released `delay` seconds after it arrived; the
    first chunk `first_extra` round trips (2 x delay each) later still, standing in for a
    handshake. `delay` is seconds, or a function giving the current seconds (a front whose
    distance changes while it runs)."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    current = delay if callable(delay) else (lambda: delay)

    async def read_side():
        extra = first_extra
        try:
            while True:
                data = await reader.read(65536)
                queue.put_nowait((loop.time() + current() * (1 + 2 * extra), data))
                extra = 0
                if not data:
                    return
        except (ConnectionError, OSError):
            queue.put_nowait((loop.time() + current(), b""))

    async def write_side():
        try:
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    # Half-close: the peer sees EOF only after the delay, like a real FIN.
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            return

    await asyncio.gather(read_side(), write_side())


async def handle(client_reader, client_writer, target, delay):
    host, port = target
    try:
        up_reader, up_writer = await asyncio.open_connection(host, port)
    except OSError:
        client_writer.close()
        return
    try:
        await asyncio.gather(
            pump(client_reader, up_writer, delay),
            pump(up_reader, client_writer, delay),
        )
    finally:
        for w in (up_writer, client_writer):
            try:
                w.close()
            except OSError:
                pass


def parse_hostport(text):
    host, _, port = text.rpartition(":")
    if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
        sys.exit("latency_proxy: only loopback addresses are allowed, got %r" % host)
    return host.strip("[]"), int(port)


async def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--listen", required=True, help="HOST:PORT on loopback (port 0 = pick one)")
    p.add_argument("--target", required=True, help="HOST:PORT on loopback")
    p.add_argument("--delay-ms", type=float, default=5.0, help="one-way delay (default 5)")
    args = p.parse_args()
    lhost, lport = parse_hostport(args.listen)
    target = parse_hostport(args.target)
    delay = args.delay_ms / 1000.0
    server = await asyncio.start_server(
        lambda r, w: handle(r, w, target, delay), lhost, lport, limit=1 << 20
    )
    port = server.sockets[0].getsockname()[1]
    # The parent reads this line to learn the port.
    print("listening %s:%d" % (lhost, port), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
