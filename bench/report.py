#!/usr/bin/env python3
"""Turns the raw outputs of bench/run.sh into docs/benchmarks.md and docs/benchmarks.png.

    python3 bench/report.py <results-dir> <out.md>

<results-dir> holds facts.env (key=value), commands.txt and the tools' own outputs (wrk-*.txt, hey-*.txt,
producer-perf.txt, raw*.txt, hist-*.txt, rss-*.txt). Nothing here measures: bench_results.py parses,
this file writes the markdown, bench_chart.py draws the chart.
"""
import os
import sys

from bench_chart import chart
from bench_results import (DATASETS, NODE_RPS, TARGET_E2E_P99_MS, TARGET_INGEST_RPS, TARGET_PIPELINE_ROWS,
                           E2E_RATES, load, n0, n1, n2, ratio, read, verdict)


def bounds(top, pms_top, noop_top, perf, ingest_rows, pipe, pipe_diag, diag_opts, raw, e2e, hey):
    """Short reading of the run, computed from this run's figures only: each sentence appears only when the numbers
    it quotes were measured."""
    notes = []
    if pms_top and noop_top and noop_top["rps"]:
        x = pms_top["rps"] / noop_top["rps"]
        notes.append(f"Ingest: at c={top} the pms route answers {pms_top['rps']:,.0f} requests/s, {x:.2f}× the bare "
                     f"platform-http endpoint's {noop_top['rps']:,.0f} on the same server: the HTTP stack alone is "
                     f"about {x:.0%} of a pms request's cost on these shared cores, the rest is the route's own work "
                     "and Kafka's acknowledgement.")
    if ingest_rows and perf and perf["rps"]:
        notes.append(f"Ingest: its {ingest_rows:,.0f} rows/s are {ingest_rows / perf['rps']:.2f}× the "
                     f"{perf['rps']:,.0f} records/s Kafka's own producer pushes into the same broker with the same "
                     "producer settings.")
    b = raw.get("rps") if raw else None
    if pipe and pipe.get("rps") and b:
        r = pipe["rps"] / b
        text = (f"Pipeline: the platform stores {pipe['rps']:,.0f} rows/s, {r:.2f}× the {b:,.0f} rows/s of the "
                "Camel-free baseline with the same consumer settings and Bitsy tuning")
        if r < 1:
            text += f", so the routes cost about {1 - r:.0%} of the baseline's throughput"
        notes.append(text + ".")
        if b < TARGET_PIPELINE_ROWS:
            notes.append(f"Pipeline: the baseline itself stays below the {TARGET_PIPELINE_ROWS:,} rows/s target "
                         f"({b / TARGET_PIPELINE_ROWS:.2f}× it): on this machine the Kafka consumer + Bitsy work "
                         "bounds the target before Camel does.")
        elif pipe["rps"] < TARGET_PIPELINE_ROWS:
            notes.append(f"Pipeline: the baseline reaches the {TARGET_PIPELINE_ROWS:,} rows/s target with the same "
                         "settings and the platform does not: the gap is in the routes.")
    if pipe and pipe.get("rps") and pipe_diag and pipe_diag.get("rps"):
        notes.append(f"Pipeline (diagnostic): with `{diag_opts}` the platform stores {pipe_diag['rps']:,.0f} rows/s, "
                     f"{pipe_diag['rps'] / pipe['rps']:.2f}× the default JVM's ({pipe.get('gc') or '?'}).")
    e, h = e2e.get(1000), hey.get(1000)
    if e and e["p50"] is not None and e["p99"] is not None:
        text = (f"End to end at 1,000 datasets/s: store p50 {e['p50']:.0f} ms, p99 {e['p99']:.0f} ms (target "
                f"< {TARGET_E2E_P99_MS} ms)")
        if h and h["p50"] is not None and e["p50"] > h["p50"]:
            text += (f"; the HTTP answer (Kafka acknowledged) takes p50 {h['p50']:.0f} ms, so roughly "
                     f"{e['p50'] - h['p50']:.0f} ms of the median lies between Kafka's acknowledgement and the row "
                     "being stored (consumer fetch and poll, batching, the repository write)")
        notes.append(text + ".")
    return notes


def gc_note(p):
    return f" ({p['gc']})" if p and p.get("gc") and p["gc"] != "unknown" else ""


def jvm_text(p):
    """Collector and heap of a platform run, as its own VM flags reported them (jcmd <pid> VM.flags)."""
    if not p or not p.get("gc") or p["gc"] == "unknown":
        return "collector not reported"
    heap = f", maximum heap {p['max_heap_bytes'] / 2**30:.1f} GiB" if p.get("max_heap_bytes") else ""
    return f"collector {p['gc']} (`jcmd <pid> VM.flags` of the running platform){heap}"


def prop(f, key):
    return f.get("prop." + key) or "?"


def consumer_text(f):
    """The subscribers' defaults of this run, as application.properties had them."""
    k = "messaging.kafka.consumer."
    return (f"`{k}max-poll-records={prop(f, k + 'max-poll-records')}`, "
            f"`poll-timeout-ms={prop(f, k + 'poll-timeout-ms')}`, "
            f"`batching-interval-ms={prop(f, k + 'batching-interval-ms')}`, "
            f"`fetch-max-wait-ms={prop(f, k + 'fetch-max-wait-ms')}`")


def settings_table(f, raw):
    """Platform settings (application.properties at run time) next to the ones RawPipeline reported using."""
    s = (raw or {}).get("settings", {})
    k, b = "messaging.kafka.consumer.", "messaging.bitsy."
    rows = [("max.poll.records", prop(f, k + "max-poll-records"), s.get("max.poll.records")),
            ("fetch.max.wait.ms", prop(f, k + "fetch-max-wait-ms"), s.get("fetch.max.wait.ms")),
            ("poll timeout ms", prop(f, k + "poll-timeout-ms"), s.get("poll.ms")),
            ("partial batch handed on after ms", prop(f, k + "batching-interval-ms"), "each poll is one batch"),
            ("auto.offset.reset", "earliest", s.get("auto.offset.reset")),
            ("offset commit", "after the batch is stored", "commitSync after each insertIfAbsent"
             if s.get("commit") == "sync-after-store" else None),
            ("Bitsy tx-log threshold bytes", prop(f, b + "tx-log-threshold-bytes"),
             s.get("bitsy.tx-log-threshold-bytes")),
            ("Bitsy reorg factor", prop(f, b + "reorg-factor"), s.get("bitsy.reorg-factor"))]
    out = ["| Setting | Platform (`application.properties`, kafka-source kamelet) | Baseline (as RawPipeline reported) |",
           "|---|---|---|"]
    out += [f"| {name} | {p} | {r or 'n/a'} |" for name, p, r in rows]
    return "\n".join(out)


def main():
    res, out_md = sys.argv[1], sys.argv[2]
    out_png = os.path.splitext(out_md)[0] + ".png"
    r = load(res)
    f, conc, top, shapes, wrk, perf = r["f"], r["conc"], r["top"], r["shapes"], r["wrk"], r["perf"]
    raw, hey, e2e, rss, rss_api = r["raw"], r["hey"], r["e2e"], r["rss"], r["rss_api"]
    node_top, pipe_n, pipe, pms_top, noop_top = r["node_top"], r["pipe_n"], r["pipe"], r["pms_top"], r["noop_top"]
    pipe_diag = r["pipe_diag"]
    ingest_rows = r["ingest_rows"]
    pms_rows_per_req = shapes["pms"][1]
    any_errors = [k for k, v in wrk.items() if v and v["errors"]]
    if node_top and node_top["errors"]:
        any_errors.append(("pms (full node)", top))
    for rate, h in hey.items():
        if h and h["non2xx"]:
            any_errors.append((f"end to end {rate} datasets/s", "hey"))

    L = []
    w = L.append
    w("# Benchmarks")
    w("")
    w(f"Generated by `bench/run.sh` on {f.get('date', '?')} at commit `{f.get('git_commit', '?')}` "
      f"(total run {f.get('total_s', '?')} s). Everything ran on one machine over loopback: the load generator, the "
      "platform (HTTP, embedded single-node KRaft Kafka, embedded Bitsy) and its consumers share the same cores, so "
      "the figures are a floor for this machine, not for the design. Numbers vary between machines and between runs "
      "on a shared machine; compare ratios rather than absolute values. How each figure is measured: "
      "[bench/README.md](../bench/README.md).")
    if f.get("quick") == "1":
        w("")
        w(f"> **Quick mode** (`BENCH_DURATION={f.get('duration')}`): runs are too short for stable figures; "
          "use the default durations for numbers worth quoting.")
    if any_errors:
        w("")
        w("> **Warning: some runs had errors** (non-2xx responses or socket errors): "
          + ", ".join(f"{n} c={c}" for n, c in sorted(any_errors)) + ". Their throughput is not a clean result.")
    w("")
    w("![benchmark chart](benchmarks.png)")
    w("")

    # ------------------------------------------------------------------ headline
    w("## Targets")
    w("")
    w("| Target | Measured | Result |")
    w("|---|---|---|")
    ok_ingest = None if not pms_top else (pms_top["rps"] >= TARGET_INGEST_RPS and pms_top["errors"] == 0)
    w(f"| Ingest ≥ {TARGET_INGEST_RPS:,} pms-example requests/s at c={top} (no errors) | "
      f"{n0(pms_top and pms_top['rps'])} requests/s, {pms_top['errors'] if pms_top else 'n/a'} errors | "
      f"{verdict(ok_ingest)} |")
    ok_pipe = None if not pipe else pipe["rps"] >= TARGET_PIPELINE_ROWS
    w(f"| Pipeline ≥ {TARGET_PIPELINE_ROWS:,} rows/s (backlog → stored) | "
      f"{n0(pipe and pipe['rps']) if pipe else 'timed out'} rows/s | {verdict(ok_pipe) if pipe else '**FAIL**'} |")
    e = e2e.get(1000)
    h = hey.get(1000)
    ok_e2e = None if not e or e["p99"] is None else e["p99"] < TARGET_E2E_P99_MS
    w(f"| End-to-end p99 < {TARGET_E2E_P99_MS} ms at 1,000 datasets/s | {n1(e and e['p99'])} ms "
      f"(achieved {n0(h['rps'] * 4 if h else None)} datasets/s) | {verdict(ok_e2e)} |")
    w("")
    w("**Ratios to the limits measured in the same run** (ours ÷ limit):")
    w("")
    w("| Ratio | Ours | Limit | Ratio |")
    w("|---|---|---|---|")
    w(f"| Ingest pms requests/s at c={top} ÷ bare platform-http endpoint requests/s at c={top} | "
      f"{n0(pms_top and pms_top['rps'])} | {n0(noop_top and noop_top['rps'])} | "
      f"{n2(ratio(pms_top and pms_top['rps'], noop_top and noop_top['rps']))} |")
    w(f"| Ingest pms rows/s at c={top} ÷ Kafka ProducerPerformance records/s | {n0(ingest_rows)} | "
      f"{n0(perf and perf['rps'])} | {n2(ratio(ingest_rows, perf and perf['rps']))} |")
    w(f"| Pipeline rows/s, platform ÷ Kafka consumer + Bitsy without Camel (same settings) | {n0(pipe and pipe['rps'])} | "
      f"{n0(raw and raw.get('rps'))} | {n2(ratio(pipe and pipe['rps'], raw and raw.get('rps')))} |")
    w("")
    w("For context, the original Node implementation answered about **230 pms-example requests/s** and **445 "
      "mppt-example requests/s**, and it answered before Kafka had the data (fire and forget). This platform answers "
      "only after Kafka acknowledged every row:")
    w("")
    w(f"| Body | Node (before Kafka had the data) | This platform at c={top} (after Kafka acknowledged) | × |")
    w("|---|---|---|---|")
    for ds, node in NODE_RPS.items():
        r = wrk.get((ds, top))
        w(f"| {ds} example | ~{node} requests/s | {n0(r and r['rps'])} requests/s | {n1(ratio(r and r['rps'], node))} |")
    w("")
    notes = bounds(top, pms_top, noop_top, perf, ingest_rows, pipe, pipe_diag, f.get("pipeline_diag_java_opts"), raw,
                   e2e, hey)
    if notes:
        w("**What bounds the figures in this run**")
        w("")
        for note in notes:
            w("- " + note)
        w("")

    # ------------------------------------------------------------------ machine
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| CPU | {f.get('cpu', '?')}, {f.get('nproc', '?')} cores (`nproc`) |")
    mem = int(f.get("mem_total_kb", "0")) / 1024 / 1024
    w(f"| Memory | {mem:.1f} GiB |")
    w(f"| Kernel | {f.get('kernel', '?')} |")
    w(f"| Java | `{f.get('java', '?').strip()}` |")
    w(f"| Platform JVM | defaults (`java -jar`, no options): {jvm_text(pipe)}; only the labelled diagnostic "
      "pipeline run adds JVM options |")
    w(f"| Load generators | {f.get('wrk', 'wrk')}, hey (Debian packages) |")
    w(f"| Load average at start / end | {f.get('loadavg_start', '?')} / {f.get('loadavg_end', '?')} |")
    w(f"| Date | {f.get('date', '?')} |")
    w(f"| Settings | wrk {f.get('duration')} s per run; end to end {f.get('e2e_duration')} s per rate; pipeline "
      f"{pipe_n:,} rows; ProducerPerformance {int(f.get('perf_records', '0')):,} records |")
    w("")

    # ------------------------------------------------------------------ ingest
    w("## 1. Ingest: device request → 200 after Kafka acknowledged every row")
    w("")
    w("`wrk` POSTs the example body over and over (`-t2`, `-t1` at c=1, keep-alive connections, `--timeout 10s`). "
      "datasets/s and rows/s count only 2xx answers. These runs measure the API host: the platform runs with "
      "`routes/storage.camel.yaml` excluded, so nothing consumes the topics meanwhile (the rows/s below are "
      "far above what the storage routes store, see §3, so with them on every run would start against a "
      "different backlog). The last row is the same pms load on a full node with the storage routes consuming "
      "concurrently.")
    w("")
    w("| Dataset (body) | Concurrency | Requests/s | Datasets/s | Rows/s | p50 ms | p99 ms | Non-2xx | Socket errors |")
    w("|---|---|---|---|---|---|---|---|---|")
    for ds in DATASETS:
        nd, nr = shapes[ds]
        for c in conc:
            r = wrk[(ds, c)]
            if not r:
                w(f"| {ds} ({nd} datasets, {nr} rows) | {c} | missing | | | | | | |")
                continue
            flag = " ⚠" if r["errors"] else ""
            w(f"| {ds} ({nd} datasets, {nr} rows) | {c} | {n0(r['rps'])}{flag} | {n0(r['ok_rps'] * nd)} | "
              f"{n0(r['ok_rps'] * nr)} | {n2(r['p50'])} | {n2(r['p99'])} | {r['non2xx']} | {r['socket_errors']} |")
    r = node_top
    if r:
        nd, nr = shapes["pms"]
        flag = " ⚠" if r["errors"] else ""
        w(f"| **pms, full node** (storage consuming) | {top} | {n0(r['rps'])}{flag} | {n0(r['ok_rps'] * nd)} | "
          f"{n0(r['ok_rps'] * nr)} | {n2(r['p50'])} | {n2(r['p99'])} | {r['non2xx']} | {r['socket_errors']} |")
    w("")

    # ------------------------------------------------------------------ limits
    w("## 2. Limits measured in the same run")
    w("")
    w("**(a) Bare endpoint on the same server stack**: `bench/noop.camel.yaml`, a `platform-http` route that answers "
      "`ok` with no work, loaded next to the real routes; same wrk settings and the pms body.")
    w("")
    w("| Concurrency | Requests/s | p50 ms | p99 ms | Non-2xx | Socket errors | pms ingest ÷ bare |")
    w("|---|---|---|---|---|---|---|")
    for c in conc:
        r = wrk[("noop", c)]
        p = wrk[("pms", c)]
        if r:
            w(f"| {c} | {n0(r['rps'])} | {n2(r['p50'])} | {n2(r['p99'])} | {r['non2xx']} | {r['socket_errors']} | "
              f"{n2(ratio(p and p['rps'], r['rps']))} |")
    w("")
    w("**(b) Kafka's own producer** (`ProducerPerformance`, kafka-tools 3.9.1) against the platform's embedded "
      "broker, same producer settings as the platform (acks=1, linger.ms=5, batch.size=65536), payloads = the 16 "
      f"real pms rows the platform wrote for one example request (about {f.get('perf_payload_bytes', '?')} bytes "
      "each), to a separate 3-partition topic that nothing consumes.")
    w("")
    if perf:
        w("| Records | Records/s | MB/s | Equivalent pms requests/s (÷ 16) | Producer latency p50 / p99 ms |")
        w("|---|---|---|---|---|")
        w(f"| {perf['records']:,} | {n0(perf['rps'])} | {n1(perf['mbps'])} | {n0(perf['rps'] / pms_rows_per_req)} | "
          f"{perf['p50']} / {perf['p99']} |")
        w("")
        w("ProducerPerformance fires records without waiting, so its latency is queueing time, not comparable to "
          "request latency; its throughput is the ceiling for the broker on this machine.")
    else:
        w("ProducerPerformance output missing.")
    w("")

    # ------------------------------------------------------------------ pipeline
    w("## 3. Pipeline: backlog in Kafka → stored in Bitsy")
    w("")
    w(f"`monitoring.pms` is pre-filled with {pipe_n:,} unique pms rows (`bench/PrefillRows.java`: the real rows "
      "with `time_event` varied per row and `pms_id` cycled over 64 devices so the rows spread over the 3 "
      "partitions) while the platform runs with `routes/storage.camel.yaml` excluded. The platform is stopped "
      "(SIGTERM), started again normally on the same data directory, and timed from readiness until "
      f"`sundaya_ingest_to_store_seconds_count` reaches {pipe_n:,}. The baseline, `bench/RawPipeline.java`, does "
      "the same work without Camel against the same topic, with the platform's settings read from "
      "`application.properties`: one KafkaConsumer in its own group, the platform's `BitsyRowRepository` on a "
      "fresh directory with the same tuning, per poll the rows' key fields read with a streaming parser and the "
      "row text stored as published, one `insertIfAbsent`, then `commitSync`.")
    w("")
    w(settings_table(f, raw))
    w("")
    w("| Pipeline | Rows | Start → N s | Rows/s | First row → N s | Rows/s (steady) |")
    w("|---|---|---|---|---|---|")
    diag_opts = f.get("pipeline_diag_java_opts")
    runs = [(f"**Platform** (Camel routes, kamelets), JVM defaults{gc_note(pipe)} — from readiness", pipe, "pipeline")]
    if diag_opts:
        runs.append((f"Platform, `{diag_opts}`{gc_note(pipe_diag)} (**diagnostic**) — from readiness", pipe_diag,
                     "pipeline_diag"))
    for label, p, px in runs:
        if p:
            w(f"| {label} | {pipe_n - p['c0']:,} (+{p['c0']:,} stored before readiness) | {n2(p['secs'])} | "
              f"{n0(p['rps'])} | {n2(p['first_s'])} | {n0(p['rps_first'])} |")
        else:
            w(f"| {label} | timed out at {f.get(px + '_timeout', '?')} rows | | | | |")
    for label, r in (("KafkaConsumer + BitsyRowRepository, no Camel, same settings — from subscribe", raw),):
        if r and "rows" in r:
            w(f"| {label} | {r['rows']:,} ({r['inserted']:,} inserted) | {n2(r['start_s'])} | {n0(r['rps'])} | "
              f"{n2(r['first_s'])} | {n0(r['rps_first'])} |")
        elif r:
            w(f"| {label} | failed: {r['failed']} | | | | |")
    w("")
    w(f"Ratio platform ÷ baseline: **{n2(ratio(pipe and pipe['rps'], raw and raw.get('rps')))}**. Startup of the "
      f"restarted platform with the backlog waiting: {f.get('pipeline_startup_s', '?')} s to readiness.")
    w("")
    w(f"The headline (targets, ratios) is the platform as `java -jar` runs it: the JVM's defaults, {jvm_text(pipe)}. "
      "The baseline's JVM runs without options as well.")
    if diag_opts:
        w("")
        w(f"The diagnostic row repeats the drain with `{diag_opts}` on the java command line, on a copy of the same "
          "backlog (the stopped platform's data directory, copied before the first drain), so both drains start "
          f"from the same state; it stores {n2(ratio(pipe_diag and pipe_diag['rps'], pipe and pipe['rps']))}× the "
          "rows/s of the default JVM in this run. It shows what the collector choice changes on this machine; "
          "the headline figure stays the default JVM's.")
    w("")

    # ------------------------------------------------------------------ end to end
    w("## 4. End to end at fixed rates: request received → row stored")
    w("")
    w("`hey` at a fixed rate (`-c` workers × `-q` requests/s each) POSTs the pms example (4 datasets, 16 rows per "
      "request). The store latency is the platform's own histogram `sundaya_ingest_to_store_seconds` (row stored "
      "time − request receipt time, one observation per row): it is scraped before and after each run (after the "
      "storage routes went idle) and the percentiles are computed from the bucket deltas with **linear "
      "interpolation inside a bucket**, so they are approximations bounded by the bucket edges. The same body is "
      "posted again and again, so after the first request every row is a duplicate that the repository skips "
      "(insert-if-absent): the latency includes that existence check but not a real insert. The node runs with "
      f"the platform's defaults: {consumer_text(f)}.")
    w("")
    w("| Rate (datasets/s) | Requests/s asked / achieved | Rows observed | Store p50 ms "
      "| Store p99 ms | Store mean ms | HTTP p50 ms (hey) | HTTP p99 ms (hey) | Non-2xx / errors |")
    w("|---|---|---|---|---|---|---|---|---|")
    for rate in E2E_RATES:
        h, e = hey.get(rate), e2e.get(rate)
        if not h:
            continue
        w(f"| {rate:,} | {rate // 4} / {n1(h['rps'])} | {n0(e and e['count'])} | "
          f"{n1(e and e['p50'])} | {n1(e and e['p99'])} | {n1(e and e['mean'])} | {n1(h['p50'])} | {n1(h['p99'])} | "
          f"{h['non2xx']} |")
    w("")

    # ------------------------------------------------------------------ startup, memory
    w("## 5. Startup and memory")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| Startup, process start → `/observe/health/ready` 200, full node, fresh data directory | "
      f"{f.get('startup_s', '?')} s |")
    w(f"| Startup of the API-host run (storage routes excluded, fresh data directory) | {f.get('startup_api_s', '?')} s |")
    w(f"| Startup with a {pipe_n:,}-row backlog waiting (pipeline run) | {f.get('pipeline_startup_s', '?')} s |")
    w(f"| Graceful shutdown (SIGTERM → exit) of the full node, right after the c={top} run (storage backlog "
      f"pending) | {f.get('shutdown_s', '?')} s |")
    w(f"| Resident memory (VmRSS), full node idle after startup | {int(f.get('rss_idle_kb', '0')) / 1024:,.0f} MiB |")
    w(f"| Resident memory (VmRSS) max during pms ingest at c={top}, full node ({len(rss)} samples, 0.5 s apart) | "
      f"{(max(rss) / 1024 if rss else 0):,.0f} MiB |")
    w(f"| Resident memory (VmRSS) max during pms ingest at c={top}, API host ({len(rss_api)} samples) | "
      f"{(max(rss_api) / 1024 if rss_api else 0):,.0f} MiB |")
    w("")
    w("The JVM runs with its defaults, as `java -jar target/sundaya-messaging.jar` does: no -Xmx (a quarter of the "
      f"machine's memory as maximum heap); {jvm_text(pipe)}.")
    w("")

    # ------------------------------------------------------------------ commands
    w("## Commands")
    w("")
    w("Every measuring command of the run, verbatim (`$WORK` is the run's temporary directory; the API key "
      "`benchkey` is configured with `MESSAGING_SECURITY_API_KEYS=benchkey=S000`). Warm-up runs (a few seconds on "
      "each endpoint) precede the measured ones and are not reported.")
    w("")
    w("```sh")
    w("bench/run.sh    # BENCH_DURATION=" + f.get("duration", "10"))
    for line in (read(os.path.join(res, "commands.txt")) or "").splitlines():
        w(line)
    w("```")
    w("")

    with open(out_md, "w", encoding="utf-8") as fh:
        fh.write("\n".join(L))

    chart(out_png, conc, wrk, perf, ingest_rows, pipe, pipe_diag, raw, e2e, hey)
    print(f"wrote {out_md} and {out_png}")


if __name__ == "__main__":
    main()
