#!/usr/bin/env bash
# Benchmark of the Sundaya messaging platform: one command, from a clean clone, writes docs/benchmarks.md and
# docs/benchmarks.png.
#
#   bench/run.sh                      # full run (about 4.5-5 minutes on 2 cores)
#   BENCH_DURATION=3 bench/run.sh     # quick smoke test (about 2 minutes)
#
# See bench/README.md for what each figure means and every BENCH_* variable.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

# ---- settings -----------------------------------------------------------------------------------------------------
DUR=${BENCH_DURATION:-10}                 # seconds per wrk run
QUICK=0; [ "$DUR" -le 5 ] && QUICK=1     # quick mode shrinks every other phase too
E2E_DUR=${BENCH_E2E_DURATION:-$([ $QUICK = 1 ] && echo 5 || echo 20)}
PIPE_N=${BENCH_PIPELINE_ROWS:-$([ $QUICK = 1 ] && echo 20000 || echo 200000)}
PERF_N=${BENCH_PERF_RECORDS:-$([ $QUICK = 1 ] && echo 200000 || echo 1000000)}
CONCURRENCY=${BENCH_CONCURRENCY:-"1 16 64"}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}       # never the default 8080/9092/9093: a developer's platform may run there
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
CONTROLLER_PORT=${BENCH_CONTROLLER_PORT:-19093}
PIPE_DIAG_OPTS=${BENCH_PIPELINE_DIAG_JAVA_OPTS--XX:+UseParallelGC}   # JVM options of the diagnostic pipeline run; empty skips it
API_KEY=benchkey
PY=/usr/bin/python3
OUT_MD=${BENCH_OUT:-docs/benchmarks.md}
BASE=http://127.0.0.1:$HTTP_PORT
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
CP_TOOLS='target/lib/*'
CP_APP='target/classes:target/lib/*'

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sundaya-bench.XXXXXX")
RES=$WORK/results                           # raw tool outputs and key=value facts, read by bench/report.py
mkdir -p "$RES"
PLATFORM_PID=""
SAMPLER_PID=""
T_BEGIN=$(date +%s)

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fact() { printf '%s=%s\n' "$1" "$2" >> "$RES/facts.env"; }
# every measuring command is recorded verbatim for the report ($WORK is shown as such)
shell_word() { case $1 in *[!A-Za-z0-9_./:=,@%+-]*) printf "'%s'" "${1//\'/\'\\\'\'}" ;; *) printf '%s' "$1" ;; esac; }
record() {
    local line="" a
    for a in "$@"; do line+="$(shell_word "$a") "; done
    printf '%s\n' "${line% }" | sed "s#$WORK#\$WORK#g" >> "$RES/commands.txt"
}
now() { date +%s.%N; }
elapsed() { "$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# ---- cleanup: whatever happens, no platform or sampler is left running ----------------------------------------------
stop_platform() {
    [ -n "$PLATFORM_PID" ] || return 0
    if kill -0 "$PLATFORM_PID" 2>/dev/null; then
        kill -TERM "$PLATFORM_PID" 2>/dev/null || true
        # graceful shutdown (drain in-flight, commit, close Bitsy, stop broker) is bounded by
        # camel.main.shutdown-timeout=15 s; give it a little more, then kill
        for _ in $(seq 1 120); do kill -0 "$PLATFORM_PID" 2>/dev/null || break; sleep 0.25; done
        if kill -0 "$PLATFORM_PID" 2>/dev/null; then
            log "platform $PLATFORM_PID did not stop within 30 s, killing it"
            kill -KILL "$PLATFORM_PID" 2>/dev/null || true
        fi
    fi
    wait "$PLATFORM_PID" 2>/dev/null || true
    PLATFORM_PID=""
}
stop_sampler() {
    [ -n "$SAMPLER_PID" ] || return 0
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
}
cleanup() {
    local rc=$?
    stop_sampler
    stop_platform
    if [ "${BENCH_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
        log "work files kept in $WORK (platform logs: $WORK/platform-*.log)"
    else
        rm -rf "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools ---------------------------------------------------------------------------------------------------------
apt_install() {   # idempotent: install only what is missing; refresh the index only when an install fails
    local pkg=$1
    if ! apt-get install -y -q "$pkg" >/dev/null 2>&1; then
        apt-get update -q >/dev/null 2>&1 || true
        apt-get install -y -q "$pkg" >/dev/null
    fi
}
ensure_tools() {
    for t in java curl; do command -v $t >/dev/null || { log "missing $t"; exit 1; }; done
    command -v wrk >/dev/null || apt_install wrk
    command -v hey >/dev/null || apt_install hey
    # the chart uses Debian's matplotlib, so the report runs on Debian's python3 (not a pyenv or venv one on PATH)
    [ -x "$PY" ] || apt_install python3
    "$PY" -c 'import matplotlib' 2>/dev/null || { log "installing python3-matplotlib for the chart"; apt_install python3-matplotlib; }
}

check_ports() {   # fixed ports keep the commands in the report exact; refuse to run against something else
    local p
    for p in $HTTP_PORT $KAFKA_PORT $CONTROLLER_PORT; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            log "port $p is already in use; stop what listens there or set BENCH_HTTP_PORT/BENCH_KAFKA_PORT/BENCH_CONTROLLER_PORT"
            exit 1
        fi
    done
}

build() {
    if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f target/sundaya-messaging.jar ]; then
        log "BENCH_SKIP_BUILD=1: using the existing target/sundaya-messaging.jar"
        return
    fi
    log "building (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
}

machine_facts() {
    fact nproc "$(nproc)"
    fact cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    fact mem_total_kb "$(awk '/MemTotal/{print $2}' /proc/meminfo)"
    fact kernel "$(uname -sr)"
    fact java "$(java -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g')"
    fact wrk "$(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
    fact date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    fact loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
    fact git_commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    fact duration "$DUR"; fact e2e_duration "$E2E_DUR"; fact pipeline_rows "$PIPE_N"; fact perf_records "$PERF_N"
    fact concurrency "$CONCURRENCY"; fact quick "$QUICK"
    # the platform's defaults for the subscribers and Bitsy, as the runs below use them (and RawPipeline reads them)
    local k
    for k in messaging.kafka.consumer.max-poll-records messaging.kafka.consumer.poll-timeout-ms \
             messaging.kafka.consumer.batching-interval-ms messaging.kafka.consumer.fetch-max-wait-ms \
             messaging.bitsy.tx-log-threshold-bytes messaging.bitsy.reorg-factor; do
        fact "prop.$k" "$(sed -n "s/^$k=//p" application.properties | tail -1)"
    done
}

# ---- platform ------------------------------------------------------------------------------------------------------
# start_platform <name> <data-dir> [extra -D options...]: the packaged jar from the repository root, so routes/,
# kamelets/ and application.properties are read from the files; ports and data dir are the benchmark's own.
start_platform() {
    local name=$1 dir=$2; shift 2
    local cmd=(java -Dcamel.server.port=$HTTP_PORT -Dmessaging.kafka.embedded.port=$KAFKA_PORT
               -Dmessaging.kafka.embedded.controller-port=$CONTROLLER_PORT -Dmessaging.data-dir=$dir "$@"
               -jar target/sundaya-messaging.jar)
    record "MESSAGING_SECURITY_API_KEYS=$API_KEY=S000" "${cmd[@]}"
    START_T=$(now)
    MESSAGING_SECURITY_API_KEYS=$API_KEY=S000 "${cmd[@]}" > "$WORK/platform-$name.log" 2>&1 &
    PLATFORM_PID=$!
    log "platform '$name' started (pid $PLATFORM_PID, data $dir)"
}
# wait_ready <timeout-s>: sets READY_T; fails the run when readiness never comes
wait_ready() {
    local deadline=$(( $(date +%s) + $1 ))
    while [ "$(date +%s)" -lt $deadline ]; do
        kill -0 "$PLATFORM_PID" 2>/dev/null || { log "platform exited during startup"; tail -30 "$WORK"/platform-*.log >&2; exit 1; }
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/observe/health/ready")" = 200 ]; then
            READY_T=$(now)
            return 0
        fi
        sleep 0.1
    done
    log "platform not ready within $1 s"; exit 1
}
# number of rows the storage routes have stored (the histogram's count); 0 when not yet published
store_count() {
    curl -s "$BASE/observe/metrics" | awk '/^sundaya_ingest_to_store_seconds_count/{printf "%d", $2; f=1} END{if(!f) print 0}'
}
# wait until the storage routes have worked off their backlog: the stored count stops moving for 3 s (max 240 s)
wait_store_idle() {
    local last=-1 same=0 c
    for _ in $(seq 1 480); do
        c=$(store_count)
        if [ "$c" = "$last" ]; then same=$((same + 1)); else same=0; last=$c; fi
        [ $same -ge 6 ] && return 0
        sleep 0.5
    done
    log "storage still busy after 240 s (count $last)"
}
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$PLATFORM_PID/status" 2>/dev/null || echo 0; }
start_sampler() {   # VmRSS every 0.5 s into $1
    ( while kill -0 "$PLATFORM_PID" 2>/dev/null; do rss_kb >> "$1"; sleep 0.5; done ) &
    SAMPLER_PID=$!
}

# ---- load generators -------------------------------------------------------------------------------------------------
# wrk_run <out-file> <concurrency> <seconds> <url> <body>
wrk_run() {
    local out=$1 c=$2 d=$3 url=$4 body=$5 t=2
    [ "$c" -eq 1 ] && t=1
    local cmd=(wrk -t$t -c$c -d${d}s --timeout 10s --latency -s bench/post.lua "$url" -- "$body" "$API_KEY")
    [ -n "$out" ] && record "${cmd[@]}"
    "${cmd[@]}" > "${out:-/dev/null}"
}
post_once() {   # post_once <dataset> : one request, must be 200
    local code
    code=$(curl -s -o "$WORK/post-$1.json" -w '%{http_code}' -H "x-api-key: $API_KEY" -H 'Content-Type: application/json' \
        --data-binary "@bench/examples/$1.request.json" "$BASE/devices/dataset/$1")
    [ "$code" = 200 ] || { log "POST $1 answered $code: $(cat "$WORK/post-$1.json")"; exit 1; }
}

# e2e_run <datasets/s>: hey at a fixed rate of pms-example requests (4 datasets each); the store-latency histogram
# is scraped before (storage idle) and after (storage idle again), report.py takes the bucket deltas
e2e_run() {
    local rate=$1 rps=$(( $1 / 4 )) c q
    if [ "$rate" -le 100 ]; then c=5; q=$(( rps / 5 )); else c=25; q=$(( rps / 25 )); fi
    log "end to end at $rate datasets/s ($rps requests/s, ${E2E_DUR}s)"
    wait_store_idle
    curl -s "$BASE/observe/metrics" | grep '^sundaya_ingest_to_store_seconds' > "$RES/hist-$rate-before.txt"
    local cmd=(hey -z ${E2E_DUR}s -c $c -q $q -m POST -H "x-api-key: $API_KEY" -T application/json
               -D bench/examples/pms.request.json "$BASE/devices/dataset/pms")
    record "${cmd[@]}"
    "${cmd[@]}" > "$RES/hey-$rate.txt"
    wait_store_idle
    curl -s "$BASE/observe/metrics" | grep '^sundaya_ingest_to_store_seconds' > "$RES/hist-$rate-after.txt"
}

# ---- phase 1: the API host alone: ingest, bare endpoint, Kafka producer limit ------------------------------------
# The storage routes are excluded here on purpose: this phase writes a million-odd rows (duplicates) far faster than
# the storage routes store rows (compare the pipeline phase), so with them running every run would be measured against
# a different backlog, and waiting for them to drain would not fit the time budget. Phase 2 measures a full node under the same load once.
phase_api() {
    local dir=$WORK/data-api
    start_platform api "$dir" "-Dcamel.main.routes-include-pattern=file:routes/*.camel.yaml,file:bench/noop.camel.yaml" \
        "-Dcamel.main.routes-exclude-pattern=file:routes/storage.camel.yaml"
    wait_ready 120
    fact startup_api_s "$(elapsed "$START_T" "$READY_T")"

    # real pms rows as the platform writes them: post the example once on the fresh broker and read them back
    post_once pms
    local dump=(java -cp "$CP_APP" bench/TopicRows.java "$BOOTSTRAP" monitoring.pms 16 60)
    record "${dump[@]}"
    "${dump[@]}" 2> "$WORK/topic-rows.log" | grep '^{' > "$WORK/pms-rows.jsonl" || true
    [ "$(grep -c '^{' "$WORK/pms-rows.jsonl")" = 16 ] || { log "expected 16 pms rows on monitoring.pms"; exit 1; }

    # warm-up (JIT, connection pools, Kafka metadata); not reported
    log "warm-up"
    wrk_run "" 16 "$(( QUICK ? 2 : 3 ))" "$BASE/bench/noop" bench/examples/pms.request.json
    for ds in pms mppt inverter; do
        wrk_run "" 16 "$(( QUICK ? 2 : 3 ))" "$BASE/devices/dataset/$ds" bench/examples/$ds.request.json
    done

    log "bare endpoint (platform-http no-op) at concurrency $CONCURRENCY"
    for c in $CONCURRENCY; do
        wrk_run "$RES/wrk-noop-c$c.txt" "$c" "$DUR" "$BASE/bench/noop" bench/examples/pms.request.json
    done

    for ds in pms mppt inverter; do
        for c in $CONCURRENCY; do
            log "ingest $ds c=$c (${DUR}s)"
            [ "$ds-$c" = "pms-64" ] && start_sampler "$RES/rss-api-pms-c64.txt"
            wrk_run "$RES/wrk-$ds-c$c.txt" "$c" "$DUR" "$BASE/devices/dataset/$ds" bench/examples/$ds.request.json
            stop_sampler
        done
    done

    log "Kafka ProducerPerformance on the embedded broker ($PERF_N records)"
    java -cp "$CP_TOOLS" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create \
        --topic bench.producer-perf --partitions 3 --replication-factor 1 > "$WORK/topic.log" 2>&1
    local perf=(java -cp "$CP_TOOLS" org.apache.kafka.tools.ProducerPerformance --topic bench.producer-perf
                --num-records "$PERF_N" --throughput -1 --payload-file "$WORK/pms-rows.jsonl"
                --producer-props bootstrap.servers=$BOOTSTRAP acks=1 linger.ms=5 batch.size=65536)
    record "${perf[@]}"
    "${perf[@]}" 2>&1 | grep -v ' WARN ' > "$RES/producer-perf.txt" || true
    fact perf_payload_bytes "$(awk '{n++; s+=length($0)} END{printf "%d", s/n}' "$WORK/pms-rows.jsonl")"
    stop_platform
    rm -rf "$dir"   # a few GB of Kafka log by now; keep the disk footprint to one phase at a time
}

# ---- phase 2: a full node (every route): end to end at fixed rates, then ingest with storage running --------------
phase_node() {
    local dir=$WORK/data-node
    start_platform node "$dir"
    wait_ready 120
    fact startup_s "$(elapsed "$START_T" "$READY_T")"
    sleep 1; fact rss_idle_kb "$(rss_kb)"
    log "warm-up"
    wrk_run "" 4 "$(( QUICK ? 2 : 3 ))" "$BASE/devices/dataset/pms" bench/examples/pms.request.json
    wait_store_idle

    e2e_run 100
    e2e_run 1000

    # the same pms c=64 load on the full node: storage routes consume concurrently (their backlog is left behind)
    local top; top=$(echo $CONCURRENCY | awk '{print $NF}')
    log "ingest pms c=$top on the full node (${DUR}s)"
    start_sampler "$RES/rss-pms-c64.txt"
    wrk_run "$RES/wrk-node-pms-c$top.txt" "$top" "$DUR" "$BASE/devices/dataset/pms" bench/examples/pms.request.json
    stop_sampler

    local t0; t0=$(now)
    stop_platform
    fact shutdown_s "$(elapsed "$t0" "$(now)")"
    rm -rf "$dir"
}

# ---- phase 3: storage pipeline on a backlog of unique rows, platform vs. Kafka+Bitsy without Camel -----------------
# drain_timed <fact-prefix>: the platform just started on the prefilled data directory; time it from readiness until
# its storage routes stored PIPE_N rows, then record the JVM's collector and heap (after the drain, so jcmd does not
# perturb it)
drain_timed() {
    local px=$1 ready=$READY_T c0 c first="" t_end=""
    c0=$(store_count)
    fact "${px}_startup_s" "$(elapsed "$START_T" "$READY_T")"
    fact "${px}_count_at_ready" "$c0"
    local deadline=$(( $(date +%s) + PIPE_N / 500 + 120 ))
    while [ "$(date +%s)" -lt $deadline ]; do
        c=$(store_count)
        [ -z "$first" ] && [ "$c" -gt 0 ] && first=$(now)
        if [ "$c" -ge "$PIPE_N" ]; then t_end=$(now); break; fi
        sleep 0.2
    done
    if [ -z "$t_end" ]; then
        fact "${px}_timeout" "$(store_count)"
    else
        fact "${px}_ready_to_n_s" "$(elapsed "$ready" "$t_end")"
        fact "${px}_first_to_n_s" "$(elapsed "${first:-$ready}" "$t_end")"
        fact "${px}_count_at_end" "$(store_count)"
    fi
    jvm_facts "$px"
}
# jvm_facts <fact-prefix>: garbage collector and maximum heap of the running platform, from its own VM flags
jvm_facts() {
    local flags gc heap
    flags=$(jcmd "$PLATFORM_PID" VM.flags 2>/dev/null | tr ' ' '\n' || true)
    gc=$(printf '%s\n' "$flags" | sed -n 's/^-XX:+Use\(Serial\|Parallel\|G1\|Z\|Shenandoah\|Epsilon\)GC$/\1/p' | head -1)
    heap=$(printf '%s\n' "$flags" | sed -n 's/^-XX:MaxHeapSize=\([0-9]*\)$/\1/p' | head -1)
    fact "${1}_gc" "${gc:-unknown}"
    fact "${1}_max_heap_bytes" "${heap:-0}"
}

phase_pipeline() {
    local dir=$WORK/data-pipeline
    log "pipeline: broker only (storage routes excluded), prefill $PIPE_N unique rows"
    start_platform fill "$dir" "-Dcamel.main.routes-exclude-pattern=file:routes/storage.camel.yaml"
    wait_ready 120
    local fill=(java -cp "$CP_APP" bench/PrefillRows.java "$BOOTSTRAP" monitoring.pms "$WORK/pms-rows.jsonl" "$PIPE_N")
    record "${fill[@]}"
    "${fill[@]}" 2>&1 | grep -v ' INFO \| WARN ' > "$RES/prefill.txt" || true
    grep -q '^prefilled' "$RES/prefill.txt" || { log "prefill failed"; cat "$RES/prefill.txt" >&2; exit 1; }

    # the baseline reads the platform's consumer and Bitsy settings from application.properties
    local timeout=$(( PIPE_N / 500 + 120 ))
    log "pipeline baseline without Camel (KafkaConsumer + BitsyRowRepository, the platform's settings)"
    local raw=(java -cp "$CP_APP" bench/RawPipeline.java "$BOOTSTRAP" monitoring.pms "$WORK/bitsy-raw" "$PIPE_N"
               "$timeout" application.properties)
    record "${raw[@]}"
    "${raw[@]}" 2>&1 | grep '^RAW\|RawPipeline' > "$RES/raw.txt" || true   # a timeout is reported, not fatal
    rm -rf "$WORK/bitsy-raw"
    stop_platform

    # the diagnostic run needs the same untouched backlog: a copy of the stopped platform's data directory
    local diag_opts=()
    read -r -a diag_opts <<< "$PIPE_DIAG_OPTS"
    if [ ${#diag_opts[@]} -gt 0 ]; then
        record cp -a "$dir" "$dir-diag"
        cp -a "$dir" "$dir-diag"
    fi

    log "pipeline: platform restarted with its storage routes on the prefilled topic (JVM defaults)"
    start_platform pipeline "$dir"
    wait_ready 180
    drain_timed pipeline
    stop_platform
    rm -rf "$dir"

    if [ ${#diag_opts[@]} -gt 0 ]; then
        log "pipeline (diagnostic): the same on a copy of the backlog with JVM options $PIPE_DIAG_OPTS"
        fact pipeline_diag_java_opts "$PIPE_DIAG_OPTS"
        start_platform pipeline-diag "$dir-diag" "${diag_opts[@]}"
        wait_ready 180
        drain_timed pipeline_diag
        stop_platform
        rm -rf "$dir-diag"
    fi
}

# ---- main ----------------------------------------------------------------------------------------------------------
ensure_tools
check_ports
build
machine_facts
log "work dir $WORK; wrk ${DUR}s per run, end to end ${E2E_DUR}s, pipeline $PIPE_N rows"
phase_api
phase_node
phase_pipeline
fact total_s "$(( $(date +%s) - T_BEGIN ))"
fact loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$(dirname "$OUT_MD")"
"$PY" bench/report.py "$RES" "$OUT_MD"
log "done in $(( $(date +%s) - T_BEGIN )) s: $OUT_MD and ${OUT_MD%.md}.png"
