"""The chart of bench/run.sh's report (docs/benchmarks.png): four panels from the figures report.py parsed."""
from bench_results import E2E_RATES, TARGET_E2E_P99_MS, TARGET_INGEST_RPS, TARGET_PIPELINE_ROWS


def compact(v):
    return f"{v / 1000:.1f}k" if v >= 1000 else f"{v:.0f}"


def chart(path, conc, wrk, perf, ingest_rows, pipe, pipe_diag, raw, e2e, hey):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(13, 9))
    names = ["noop", "pms", "mppt", "inverter"]
    labels = {"noop": "bare endpoint", "pms": "pms", "mppt": "mppt", "inverter": "inverter"}
    width = 0.8 / len(conc)

    ax = axes[0][0]
    for i, c in enumerate(conc):
        vals = [(wrk[(n, c)] or {}).get("rps", 0) for n in names]
        xs = [k + (i - (len(conc) - 1) / 2) * width for k in range(len(names))]
        ax.bar_label(ax.bar(xs, vals, width, label=f"c={c}"), labels=[compact(v) for v in vals], fontsize=6)
    ax.axhline(TARGET_INGEST_RPS, color="red", ls="--", lw=1, label=f"target pms {TARGET_INGEST_RPS:,}/s")
    ax.set_xticks(range(len(names)), [labels[n] for n in names])
    ax.set_yscale("log")
    ax.set_ylabel("requests/s (log)")
    ax.set_title("HTTP requests/s (wrk)")
    ax.legend(fontsize=8)

    ax = axes[0][1]
    for i, c in enumerate(conc):
        vals = [(wrk[(n, c)] or {}).get("p99") or 0 for n in names]
        xs = [k + (i - (len(conc) - 1) / 2) * width for k in range(len(names))]
        ax.bar_label(ax.bar(xs, vals, width, label=f"c={c}"), labels=[f"{v:.1f}" for v in vals], fontsize=6)
    ax.set_xticks(range(len(names)), [labels[n] for n in names])
    ax.set_yscale("log")
    ax.set_ylabel("ms (log)")
    ax.set_title("HTTP p99 latency (wrk)")
    ax.legend(fontsize=8, loc="upper left")

    ax = axes[1][0]
    bars = [("ingest pms\nc=%d" % max(conc), ingest_rows or 0),
            ("Kafka\nProducerPerf.", (perf or {}).get("rps", 0)),
            ("pipeline\nplatform" + (f" ({pipe['gc']})" if pipe and pipe.get("gc") else ""),
             (pipe or {}).get("rps") or 0),
            ("pipeline\nno Camel", (raw or {}).get("rps", 0))]
    colors = ["C0", "C7", "C1", "C2"]
    if pipe_diag:   # the diagnostic JVM run, next to the headline one (hatched)
        opts = pipe_diag["java_opts"].replace("-XX:+Use", "").replace("-XX:", "")
        bars.insert(3, ("platform\n" + opts + "\n(diagnostic)", pipe_diag.get("rps") or 0))
        colors.insert(3, "C1")
    drawn = ax.bar(range(len(bars)), [b[1] for b in bars], color=colors)
    if pipe_diag:
        drawn[3].set_hatch("//")
    ax.bar_label(drawn, labels=[compact(b[1]) for b in bars], fontsize=7)
    ax.axhline(TARGET_PIPELINE_ROWS, color="red", ls="--", lw=1, label="target 20,000 rows/s (ingest and pipeline)")
    ax.set_xticks(range(len(bars)), [b[0] for b in bars], fontsize=8)
    ax.set_yscale("log")
    # a fixed floor (an automatic one near the smallest bar makes close values look far apart), room for the labels
    ax.set_ylim(1000, max([TARGET_PIPELINE_ROWS] + [b[1] for b in bars]) * 2)
    ax.set_ylabel("rows/s (log)")
    ax.set_title("Rows/s: ingest and its Kafka limit, storage pipeline and its baseline")
    ax.legend(fontsize=8)

    ax = axes[1][1]
    keys = [k for k in E2E_RATES if hey.get(k)]
    series = [("store p50", [(e2e.get(k) or {}).get("p50") or 0 for k in keys]),
              ("store p99", [(e2e.get(k) or {}).get("p99") or 0 for k in keys]),
              ("HTTP p50", [(hey.get(k) or {}).get("p50") or 0 for k in keys]),
              ("HTTP p99", [(hey.get(k) or {}).get("p99") or 0 for k in keys])]
    w = 0.2
    for i, (lab, vals) in enumerate(series):
        ax.bar_label(ax.bar([k + (i - 1.5) * w for k in range(len(keys))], vals, w, label=lab),
                     labels=[f"{v:.0f}" for v in vals], fontsize=7)
    ax.axhline(TARGET_E2E_P99_MS, color="red", ls="--", lw=1, label=f"target p99 {TARGET_E2E_P99_MS} ms")
    top = max([TARGET_E2E_P99_MS] + [v for _, vals in series for v in vals])
    ax.set_ylim(0, top * 1.45)   # room above the bars for the legend
    ax.set_xticks(range(len(keys)), [f"{r:,} datasets/s" for r in keys])
    ax.set_ylabel("ms")
    ax.set_title("End to end (received → stored) and HTTP latency (hey)")
    ax.legend(fontsize=8, loc="upper left", ncol=3)

    fig.suptitle("Sundaya messaging platform benchmark (bench/run.sh)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
