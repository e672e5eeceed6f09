#!/usr/bin/env python3
"""Time `dossier serve` from saving a file to the reload event and to the page.

    python3 bench/serve_latency.py CORPUS [--edits 9] [--port 18123] [--kind KIND] [--save rename]

Starts `dossier serve` on CORPUS (a copy is not made: the edits are undone
at the end), waits for the first build, opens the event stream as a browser
page would, then EDITS times saves an edit of the KIND given and measures
from the write to the `reload` event, and to the end of the response to a
GET of the page that shows the edit (the claims page of the claim edited,
the article's page, the topic's, sources.html for a source, figures.html
for a metric, the entity's page), as a page open on it reloads. Each
save waits until the server has written all of the update before
(its `Rebuilt` line; the lists come after the pages shown first), then
1.5 s more. Prints
each latency, the medians, and the server's own rebuild lines. Kinds (a
different file, or a different part of one, each time):

    body       a sentence appended to an article (the default)
    statement  a claim's statement in a claims file
    figure     a claim's figure in a claims file
    front      an article's title (front matter)
    topic      a topic's title (every page shows it: the topic's page
               first, then the whole site)
    order      a topic's `order`, moving it first among the topics (every
               page lists them: the topic's page first, then the whole
               site)
    overview   a topic's text (its overview)
    index      _index.md's text
    title      _index.md's title (the dossier's: every page shows it, the
               front page first, then the whole site)
    sources    a source's name in sources.yaml
    metrics    a metric's label in metrics.yaml
    entities   an entity's kind in entities.yaml
    add        a claim added to a claims file (a copy of its first claim
               under a new id)
    delete     a claim no other file names deleted from a claims file
"""

import argparse
import glob
import http.client
import os
import re
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
    ap.add_argument("--save", choices=["write", "rename"], default="write",
                    help="write the file in place (the default), or write a hidden file beside it "
                         "and rename it into place, as editors' atomic saves do")
    ap.add_argument("--port", type=int, default=18123)
    ap.add_argument("--kind", default="body",
                    choices=["body", "statement", "figure", "front", "topic", "order", "overview", "index", "title", "sources",
                             "metrics",
                             "entities", "add", "delete"])
    args = ap.parse_args()
    # DOSSIER_BIN: another build to compare with (main's, say).
    dossier = os.environ.get("DOSSIER_BIN") or os.path.join(ROOT, "target", "release", "dossier")
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

    originals = {}
    latencies = []
    served = []
    pages = []
    try:
        for k in range(args.edits):
            path, edit = edit_of(args.corpus, args.kind, k)
            originals.setdefault(path, open(path, encoding="utf-8").read())
            text = open(path, encoding="utf-8").read()
            # The new text first: opening for writing empties the file,
            # which the server may read before the write.
            new = edit(text)
            page = page_of(args.corpus, args.kind, path, text, new)
            seen = len(events)
            rebuilt = sum(line.startswith("Rebuilt") for line in lines)
            if args.save == "rename":
                temp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
                with open(temp, "w", encoding="utf-8") as f:
                    f.write(new)
                os.replace(temp, path)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
            saved = time.time()
            while len(events) == seen:
                if time.time() - saved > 600:
                    sys.exit("no reload event")
                time.sleep(0.002)
            latencies.append((events[seen] - saved) * 1000)
            status = fetch(args.port, page)
            served.append((time.time() - saved) * 1000)
            pages.append((page, status))
            # The next save once this one's update is all written (the
            # lists after the pages shown first): each edit is timed from
            # a server at rest.
            while sum(line.startswith("Rebuilt") for line in lines) == rebuilt:
                if time.time() - saved > 600:
                    sys.exit("no end of the update")
                time.sleep(0.01)
            time.sleep(1.5)
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        time.sleep(2)
        server.terminate()
    print("save -> reload ms:", [round(x) for x in latencies])
    print(f"median {statistics.median(latencies):.0f} ms, min {min(latencies):.0f}, max {max(latencies):.0f}")
    print("save -> page served ms:", [round(x) for x in served])
    print(f"median {statistics.median(served):.0f} ms, min {min(served):.0f}, max {max(served):.0f}")
    print("pages:", ", ".join(f"/{p} {s}" for p, s in pages))
    for line in lines:
        if line.startswith("Rebuilt") or line.startswith("timing:"):
            print("  server:", line)


def edit_of(corpus, kind, k):
    """The file edit number K of KIND changes, and the edit (text -> text)."""
    content = os.path.join(corpus, "content")
    files = {
        "body": "articles/*.md", "front": "articles/*.md", "statement": "claims/*.yaml",
        "figure": "claims/*.yaml", "topic": "topics/*.md", "order": "topics/*.md",
        "overview": "topics/*.md",
        "index": "_index.md", "title": "_index.md",
        "sources": "sources.yaml", "metrics": "metrics.yaml", "entities": "entities.yaml",
        "add": "claims/*.yaml", "delete": "claims/*.yaml",
    }
    paths = sorted(glob.glob(os.path.join(content, files[kind])))
    path = paths[(k * 7919) % len(paths)]

    def nth(pattern, replace):
        # The k-th match (wrapping) of PATTERN, replaced.
        def edit(text):
            found = list(re.finditer(pattern, text, re.M))
            m = found[k % len(found)]
            return text[:m.start()] + replace(m) + text[m.end():]
        return edit

    edits = {
        "body": lambda t: t + f"\nUne phrase ajoutée pour la mesure {k}.\n",
        "statement": nth(r'^  statement: "', lambda m: m.group(0) + f"Édité {k} : "),
        "figure": nth(r"value: (\d+)", lambda m: f"value: {int(m.group(1)) + 1}"),
        "front": nth(r'^title: "', lambda m: m.group(0) + f"Édité {k} : "),
        "topic": nth(r"^title: ", lambda m: m.group(0) + f"Edited {k} "),
        "order": nth(r"^order: -?\d+$", lambda m: f"order: {-(k + 1)}"),
        "overview": lambda t: t + f"\nA sentence added for measurement {k}.\n",
        "index": lambda t: t + f"\nUne phrase ajoutée pour la mesure {k}.\n",
        "title": nth(r"^title: \"", lambda m: m.group(0) + f"Edited {k} "),
        "sources": nth(r'^  name: "', lambda m: m.group(0) + f"Edited {k} "),
        "metrics": nth(r'^  label: "', lambda m: m.group(0) + f"Edited {k} "),
        "entities": nth(r"^  kind: (\w+)$",
                        lambda m: "  kind: " + ("place" if m.group(1) == "other" else "other")),
        "add": lambda t: t + re.sub(r"^- id: \S+", f"- id: bench-added-{k}",
                                    t[:claim_end(t, 0)], count=1),
        "delete": lambda t: delete_unnamed(corpus, path, t),
    }
    return path, edits[kind]


def fetch(port, page):
    """GETs /PAGE from the server (read to the end); returns the status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", "/" + page)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def page_of(corpus, kind, path, old, new):
    """The page (from the site's root) that shows the edit of PATH from OLD to NEW."""
    name = os.path.splitext(os.path.basename(path))[0]
    if kind in ("body", "front"):
        return f"articles/{name}.html"
    if kind in ("topic", "order", "overview"):
        return f"topics/{name}.html"
    if kind in ("index", "title"):
        return "index.html"
    if kind == "sources":
        return "sources.html"
    if kind == "metrics":
        return "figures.html"
    at = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    if kind == "entities":
        m = list(re.finditer(r"^- id: (\S+)", new[:at + 1], re.M))
        return f"entities/{m[-1].group(1)}.html"
    # A claims file: the claims page of the claim edited (added, or
    # deleted: its page, made again without it or gone).
    text = old if kind == "delete" else new
    start = text.rfind("\n- id:", 0, at + 6) + 1
    m = re.compile(r"^\s*- article: (\S+)", re.M).search(text, start, claim_end(text, start))
    return f"claims/{m.group(1)}.html"


def claim_end(text, start):
    """Where the claim that starts at START ends (the next claim, or the end)."""
    m = re.compile(r"^- id:", re.M).search(text, start + 1)
    return m.start() if m else len(text)


def delete_unnamed(corpus, path, text):
    """TEXT without its first claim whose id no other content names."""
    others = []
    for name in glob.glob(os.path.join(corpus, "content", "**", "*.*"), recursive=True):
        if name != path:
            others.append(open(name, encoding="utf-8").read())
    others = "\n".join(others)
    for m in re.finditer(r"^- id: (\S+)", text, re.M):
        named = re.compile(r"(?<![\w-])" + re.escape(m.group(1)) + r"(?![\w-])")
        if len(named.findall(text)) == 1 and not named.search(others):
            return text[:m.start()] + text[claim_end(text, m.start()):]
    sys.exit(f"no claim of {path} can be deleted alone")


if __name__ == "__main__":
    main()
