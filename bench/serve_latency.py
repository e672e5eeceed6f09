#!/usr/bin/env python3
"""Time `dossier serve` from saving an article to the reload event.

    python3 bench/serve_latency.py CORPUS [--edits 9] [--port 18123]

Starts `dossier serve` on CORPUS (a copy is not made: the edits are undone
at the end), waits for the first build, opens the event stream as a browser
page would, then EDITS times appends a sentence to one article (a different
one each time) and measures from the write to the `reload` event. Prints
each latency, the median, and the server's own rebuild lines.
"""

import argparse
import glob
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--edits", type=int, default=9)
    ap.add_argument("--port", type=int, default=18123)
    args = ap.parse_args()
    dossier = os.path.join(ROOT, "target", "release", "dossier")
    server = subprocess.Popen([dossier, "serve", "--root", args.corpus, "--port", str(args.port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    ready = threading.Event()

    def pump():
        for line in server.stdout:
            lines.append(line.rstrip())
            if "127.0.0.1" in line or line.startswith("Serving"):
                ready.set()
    threading.Thread(target=pump, daemon=True).start()
    start = time.time()
    while not ready.is_set():
        if server.poll() is not None or time.time() - start > 600:
            sys.exit("serve did not start:\n" + "\n".join(lines))
        time.sleep(0.05)
    print(f"first build and start: {time.time() - start:.1f} s")

    sock = socket.create_connection(("127.0.0.1", args.port))
    sock.sendall(b"GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    events = []

    def listen():
        buf = b""
        while True:
            data = sock.recv(65536)
            if not data:
                return
            buf += data
            while b"\n\n" in buf:
                block, buf = buf.split(b"\n\n", 1)
                if b"event: reload" in block or b"data: reload" in block:
                    events.append(time.time())
    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1.0)

    articles = sorted(glob.glob(os.path.join(args.corpus, "content", "articles", "*.md")))
    originals = {}
    latencies = []
    try:
        for k in range(args.edits):
            path = articles[(k * 7919) % len(articles)]
            originals.setdefault(path, open(path, encoding="utf-8").read())
            seen = len(events)
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nUne phrase ajoutée pour la mesure {k}.\n")
            saved = time.time()
            while len(events) == seen:
                if time.time() - saved > 600:
                    sys.exit("no reload event")
                time.sleep(0.002)
            latencies.append((events[seen] - saved) * 1000)
            time.sleep(1.5)
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        time.sleep(2)
        server.terminate()
    print("save -> reload ms:", [round(x) for x in latencies])
    print(f"median {statistics.median(latencies):.0f} ms, min {min(latencies):.0f}, max {max(latencies):.0f}")
    for line in lines:
        if line.startswith("Rebuilt") or line.startswith("timing: serve"):
            print("  server:", line)


if __name__ == "__main__":
    main()
