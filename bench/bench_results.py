"""Parsing of the raw outputs of bench/run.sh (wrk, hey, ProducerPerformance, RawPipeline, Prometheus histograms,
facts.env) into plain dicts, the percentiles of the store-latency histogram, and the number formats the report uses.
Used by report.py and bench_chart.py; measures nothing.
"""
import json
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = ["pms", "mppt", "inverter"]

# Targets of this release and the original Node implementation (for context only)
TARGET_INGEST_RPS = 1250          # pms-example requests/s at c=64
TARGET_PIPELINE_ROWS = 20000      # rows/s from a backlog to stored
TARGET_E2E_P99_MS = 100           # at 1,000 datasets/s
NODE_RPS = {"pms": 230, "mppt": 445}
E2E_RATES = [100, 1000]           # datasets/s of the end-to-end runs (pms example: 4 datasets per request)


# ---------------------------------------------------------------------------------------------------------- parsing
def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return None


def facts(res):
    out = {}
    for line in (read(os.path.join(res, "facts.env")) or "").splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    return out


def to_ms(value, unit):
    v = float(value)
    return v * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}[unit]


def parse_wrk(text):
    """wrk 4.x --latency output -> dict, or None when the file is missing."""
    if text is None:
        return None
    r = {"requests": 0, "secs": 0.0, "rps": 0.0, "non2xx": 0, "socket_errors": 0, "p50": None, "p99": None}
    m = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
    if m:
        r["requests"] = int(m.group(1))
        r["secs"] = to_ms(m.group(2), m.group(3)) / 1000.0
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        r["rps"] = float(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        r["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        r["socket_errors"] = sum(int(g) for g in m.groups())
    for q in ("50", "99"):
        m = re.search(r"^\s+" + q + r"%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        if m:
            r["p" + q] = to_ms(m.group(1), m.group(2))
    r["errors"] = r["non2xx"] + r["socket_errors"]
    ok = max(0, r["requests"] - r["non2xx"])
    r["ok_rps"] = ok / r["secs"] if r["secs"] else 0.0
    return r


def parse_hey(text):
    if text is None:
        return None
    r = {"rps": 0.0, "p50": None, "p99": None, "codes": {}, "errors": 0, "total": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        r["rps"] = float(m.group(1))
    for q in ("50", "99"):
        m = re.search(r"\s" + q + r"%+ in ([\d.]+) secs", text)
        if m:
            r["p" + q] = float(m.group(1)) * 1000.0
    for code, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", text):
        r["codes"][int(code)] = int(n)
    err = text.split("Error distribution:", 1)
    if len(err) == 2:
        r["errors"] = sum(int(n) for n in re.findall(r"\[(\d+)\]", err[1]))
    r["total"] = sum(r["codes"].values()) + r["errors"]
    r["non2xx"] = sum(n for c, n in r["codes"].items() if not 200 <= c < 300) + r["errors"]
    return r


def parse_perf(text):
    if text is None:
        return None
    m = re.search(r"(\d+) records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency, "
                  r"([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th", text)
    if not m:
        return None
    return {"records": int(m.group(1)), "rps": float(m.group(2)), "mbps": float(m.group(3)),
            "avg": float(m.group(4)), "p50": int(m.group(6)), "p99": int(m.group(8))}


def parse_raw(text):
    if text is None:
        return None
    m = re.search(r"RAW rows=(\d+) inserted=(\d+) subscribe_to_n_s=([\d.]+) first_to_n_s=([\d.]+)", text)
    if not m:
        return {"failed": text.strip() or "no output"}
    rows = int(m.group(1))
    s = re.search(r"settings=(\S+)", text)
    settings = dict(kv.split("=", 1) for kv in s.group(1).split(",") if "=" in kv) if s else {}
    return {"rows": rows, "inserted": int(m.group(2)), "start_s": float(m.group(3)), "first_s": float(m.group(4)),
            "rps": rows / float(m.group(3)), "rps_first": rows / float(m.group(4)), "settings": settings}


def parse_hist(text):
    """Prometheus lines of sundaya_ingest_to_store_seconds -> ({le: cumulative}, count, sum)."""
    buckets, count, total = {}, 0.0, 0.0
    for line in (text or "").splitlines():
        m = re.match(r'sundaya_ingest_to_store_seconds_bucket\{.*le="([^"]+)".*\}\s+(\S+)', line)
        if m:
            le = math.inf if m.group(1) == "+Inf" else float(m.group(1))
            buckets[le] = float(m.group(2))
        elif line.startswith("sundaya_ingest_to_store_seconds_count"):
            count = float(line.split()[-1])
        elif line.startswith("sundaya_ingest_to_store_seconds_sum"):
            total = float(line.split()[-1])
    return buckets, count, total


def hist_delta(before, after):
    b, bc, bs = parse_hist(before)
    a, ac, asum = parse_hist(after)
    delta = sorted((le, a[le] - b.get(le, 0.0)) for le in a)
    return delta, ac - bc, asum - bs


def quantile_ms(delta, q):
    """Quantile from cumulative bucket deltas, linear interpolation inside the bucket that holds the rank."""
    if not delta:
        return None
    total = delta[-1][1]
    if total <= 0:
        return None
    rank = q * total
    prev_le, prev_c = 0.0, 0.0
    for le, c in delta:
        if c >= rank:
            if math.isinf(le):
                return prev_le * 1000.0  # beyond the last finite bucket: report its bound (a lower bound)
            frac = 0.0 if c == prev_c else (rank - prev_c) / (c - prev_c)
            return (prev_le + (le - prev_le) * frac) * 1000.0
        prev_le, prev_c = le, c
    return None


def rss_samples(path):
    return [int(x) for x in (read(path) or "").split() if x.isdigit() and int(x) > 0]


def body_shape(ds):
    with open(os.path.join(HERE, "examples", ds + ".request.json"), encoding="utf-8") as f:
        body = json.load(f)
    return len(body["datasets"]), sum(len(d["data"]) for d in body["datasets"])


# --------------------------------------------------------------------------------------------------------- formatting
def n0(v):
    return "n/a" if v is None else f"{v:,.0f}"


def n1(v):
    return "n/a" if v is None else f"{v:,.1f}"


def n2(v):
    return "n/a" if v is None else f"{v:,.2f}"


def ratio(a, b):
    return None if not a or not b else a / b


def verdict(ok):
    return "n/a" if ok is None else ("**pass**" if ok else "**FAIL**")


# ------------------------------------------------------------------------------------------------------------ loading
def pipeline(f, px, n):
    """One timed drain of n prefilled rows by the platform (facts <px>_*), or None when it did not run/finish."""
    if px + "_ready_to_n_s" not in f:
        return None
    c0 = int(f.get(px + "_count_at_ready", "0"))
    secs = float(f[px + "_ready_to_n_s"])
    first_s = float(f[px + "_first_to_n_s"])
    return {"secs": secs, "c0": c0, "rps": (n - c0) / secs if secs > 0 else None, "first_s": first_s,
            "end": int(f.get(px + "_count_at_end", "0")), "rps_first": n / first_s if first_s > 0 else None,
            "startup_s": f.get(px + "_startup_s"), "gc": f.get(px + "_gc"), "java_opts": f.get(px + "_java_opts", ""),
            "max_heap_bytes": int(f.get(px + "_max_heap_bytes", "0") or 0)}


def load(res):
    """Everything report.py shows, parsed from the results directory <res>."""
    f = facts(res)
    conc = [int(c) for c in f.get("concurrency", "1 16 64").split()]
    top = max(conc)
    shapes = {ds: body_shape(ds) for ds in DATASETS}

    wrk = {}
    for name in DATASETS + ["noop"]:
        for c in conc:
            wrk[(name, c)] = parse_wrk(read(os.path.join(res, f"wrk-{name}-c{c}.txt")))
    perf = parse_perf(read(os.path.join(res, "producer-perf.txt")))
    raw = parse_raw(read(os.path.join(res, "raw.txt")))
    hey, e2e = {}, {}
    for rate in E2E_RATES:
        hey[rate] = parse_hey(read(os.path.join(res, f"hey-{rate}.txt")))
        before = read(os.path.join(res, f"hist-{rate}-before.txt"))
        after = read(os.path.join(res, f"hist-{rate}-after.txt"))
        if before is not None and after is not None:
            delta, cnt, tot = hist_delta(before, after)
            e2e[rate] = {"count": cnt, "mean": (tot / cnt * 1000.0) if cnt else None,
                        "p50": quantile_ms(delta, 0.50), "p99": quantile_ms(delta, 0.99)}
    rss = rss_samples(os.path.join(res, "rss-pms-c64.txt"))
    rss_api = rss_samples(os.path.join(res, "rss-api-pms-c64.txt"))
    node_top = parse_wrk(read(os.path.join(res, f"wrk-node-pms-c{top}.txt")))
    pipe_n = int(f.get("pipeline_rows", "0"))
    pipe = pipeline(f, "pipeline", pipe_n)
    pipe_diag = pipeline(f, "pipeline_diag", pipe_n)

    pms_top = wrk.get(("pms", top))
    ingest_rows = pms_top["ok_rps"] * shapes["pms"][1] if pms_top else None
    return {"f": f, "conc": conc, "top": top, "shapes": shapes, "wrk": wrk, "perf": perf, "raw": raw,
            "hey": hey, "e2e": e2e, "rss": rss, "rss_api": rss_api, "node_top": node_top,
            "pipe_n": pipe_n, "pipe": pipe, "pipe_diag": pipe_diag, "pms_top": pms_top, "noop_top": wrk.get(("noop", top)),
            "ingest_rows": ingest_rows}
