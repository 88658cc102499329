#!/usr/bin/env bash
# The GPU check, run on the device machine from the repository root: bash .device/check.sh
# Writes $OUT/report.md (what to read) and logs beside it. Needs no Java and no network there:
# bundle.tar.xz (made by scripts/device/make-bundle.sh) holds the JRE, the server and the check.
# Every step has a deadline inside one budget (HWCHECK_BUDGET seconds, 210 by default), so the
# whole check ends in under 4 minutes even when something hangs.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/out}
WORK=${HWCHECK_WORK:-/tmp/hwcheck}
BUDGET=${HWCHECK_BUDGET:-210}
START=$(date +%s)
mkdir -p "$OUT"
REPORT=$OUT/report.md
LOG=$OUT/check.log
: > "$LOG"
mkdir -p "$WORK"
BODY=$(mktemp)
SUMMARY=$(mktemp)

left() { echo $(( BUDGET - ($(date +%s) - START) )); }
# the smaller of $1 and the time left (at least 5 s, so a step can still say why it failed)
cap() { local l; l=$(left); [ "$l" -lt "$1" ] && { [ "$l" -lt 5 ] && echo 5 || echo "$l"; } || echo "$1"; }
say() { echo "$*" | tee -a "$LOG"; }
section() { printf '\n%s\n\n' "$*" >> "$BODY"; }
fence() { local text; text=$(cat); { echo '```'; echo "${text:-(nothing)}"; echo '```'; } >> "$BODY"; }
summary() { echo "- $*" >> "$SUMMARY"; }

# The report: a title, the summary lines gathered on the way, then the sections.
finish() {
  {
    echo "# GPU check: nvidia profile"
    echo
    echo "$(date -u +%FT%TZ) on $(hostname 2>/dev/null || echo '?'), bundle $(cat "$HERE/VERSION" 2>/dev/null || echo '?')," \
      "took $(( $(date +%s) - START )) s of its ${BUDGET} s budget."
    echo
    echo "## Summary"
    echo
    cat "$SUMMARY"
    cat "$BODY"
  } > "$REPORT"
  rm -f "$BODY" "$SUMMARY"
}

say "== unpacking the bundle into $WORK"
rm -rf "$WORK"/*
if command -v xz >/dev/null 2>&1; then
  tar -C "$WORK" -xJf "$HERE/bundle.tar.xz" >> "$LOG" 2>&1
else
  python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$HERE/bundle.tar.xz" "$WORK" >> "$LOG" 2>&1
fi
JAVA="$WORK/jre/bin/java"
if ! "$JAVA" -version >> "$LOG" 2>&1; then
  summary "**The bundle's Java does not run**; see check.log."
  finish
  exit 0
fi
JAVA_OPTS=(-Xmx4g -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -cp "$WORK/app")
CHECK=org.kyoo.transcoder.benchmarks.device.HardwareCheck
# -XX:-BytecodeVerificationRemote for the check only: the test media writer refers to java.desktop
# (cover pictures, never made here), which the bundle's JRE leaves out; unverified, the reference
# is never resolved. The server runs verified.
CHECK_OPTS=(-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote "${JAVA_OPTS[@]}")

# FFmpeg dlopens the driver's libraries by name: where the loader cannot find them but the driver's
# folder has them (a container given the driver without its loader configuration), point at it.
if ! ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1'; then
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
    if [ -e "$d/libcuda.so.1" ]; then
      case ":${LD_LIBRARY_PATH:-}:" in *":$d:"*) ;; *)
        export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        summary "libcuda.so.1 is not in the loader cache; added $d to LD_LIBRARY_PATH";;
      esac
      break
    fi
  done
fi

GPU=$(timeout 20 nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -3 | paste -sd ';' -)
summary "GPU (nvidia-smi): ${GPU:-none found}"

section "## Facts"
{
  echo "\$ nvidia-smi"
  timeout 20 nvidia-smi 2>&1 || echo "(nvidia-smi: exit $?)"
  echo
  echo "\$ nvidia-smi --query-gpu=name,driver_version,memory.total,encoder.stats.sessionCount --format=csv"
  timeout 20 nvidia-smi --query-gpu=name,driver_version,memory.total,encoder.stats.sessionCount --format=csv 2>&1 || true
  echo
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  echo "\$ ldconfig -p | grep -E 'libcuda|libnvcuvid|libnvidia-encode'"
  ldconfig -p 2>/dev/null | grep -E 'libcuda\.|libnvcuvid|libnvidia-encode' || echo "(none in the loader cache)"
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu; do
    [ -d "$d" ] && ls "$d" 2>/dev/null | grep -E '^(libcuda|libnvcuvid|libnvidia-encode)\.so' | sed "s|^|$d/|"
  done
} 2>&1 | tee -a "$LOG" | fence

say "== making the media ($(left) s left)"
MEDIA="$WORK/media"
mkdir -p "$MEDIA"
timeout "$(cap 100)" "$JAVA" "${CHECK_OPTS[@]}" $CHECK media "$MEDIA" > "$WORK/files.txt" 2>> "$LOG"
rc=$?
mapfile -t FILES < "$WORK/files.txt"
say "media: exit $rc, ${#FILES[@]} files"
if [ ${#FILES[@]} -eq 0 ]; then
  summary "**No media could be made** (exit $rc); see check.log."
fi

say "== in-process check ($(left) s left)"
timeout "$(cap 90)" "$JAVA" "${CHECK_OPTS[@]}" $CHECK device "$MEDIA" "$WORK/device.md" > /dev/null 2>> "$LOG"
rc=$?
if [ -s "$WORK/device.md" ]; then cat "$WORK/device.md" >> "$BODY"; fi
if [ $rc -ne 0 ]; then
  summary "**The in-process check ended with exit $rc** (124: out of time); see check.log."
fi
if grep -q '^\*\*No CUDA device\*\*' "$WORK/device.md" 2>/dev/null; then
  summary "CUDA device: **does not open**: $(grep '^\*\*No CUDA device\*\*' "$WORK/device.md" | sed 's/^\*\*No CUDA device\*\*: //')"
elif grep -q '^- CUDA device opened' "$WORK/device.md" 2>/dev/null; then
  summary "CUDA device opens; NVDEC + filter chain per file: $(grep -c '| PASS' "$WORK/device.md") PASS," \
    "$(grep -c '| FAIL' "$WORK/device.md") FAIL; decoded in software: $(grep -c 'decoded in software' "$WORK/device.md") (table below)"
fi
if grep -q "refuses:" "$WORK/device.md" 2>/dev/null; then
  summary "nvidia profile at start-up (h264_nvenc probe): refuses: $(grep -A2 'refuses:' "$WORK/device.md" | grep '^  > ' | sed 's/^  > //')"
elif grep -q "which opens h264_nvenc once): opens" "$WORK/device.md" 2>/dev/null; then
  summary "nvidia profile at start-up: opens, h264_nvenc included"
fi
{
  echo "libav's own lines about the NVIDIA libraries, NVDEC and NVENC (check.log):"
  echo
  grep -iE 'nvenc|cuvid|nvdec|cuda|libnvidia|hwaccel|Failed setup|fall' "$LOG" | grep -v '^== \|^\$ ' | sort | uniq -c | sort -rn | head -25 \
    | sed 's/^/    /'
} >> "$BODY"

# Starts the server with GOCODER_HWACCEL=$2 and asks it for the given files; what a user sees.
serve() {
  local name=$1 hwaccel=$2 port=$3; shift 3
  local log="$OUT/server-$name.log" pid up=no rc=
  say "== server, GOCODER_HWACCEL=$hwaccel ($(left) s left)"
  section "## Server with GOCODER_HWACCEL=$hwaccel"
  mkdir -p "$WORK/cache-$name" "$WORK/metadata-$name"
  env GOCODER_HWACCEL="$hwaccel" GOCODER_SAFE_PATH="$MEDIA" GOCODER_CACHE_ROOT="$WORK/cache-$name" \
    GOCODER_METADATA_ROOT="$WORK/metadata-$name" GOCODER_PORT="$port" \
    "$JAVA" "${JAVA_OPTS[@]}" org.kyoo.transcoder.server.Main > "$log" 2>&1 &
  pid=$!
  local deadline=$(( $(date +%s) + $(cap 40) ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; rc=$?; break; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=yes; break; fi
    sleep 0.5
  done
  if [ "$up" = yes ]; then
    echo "Started and listening on port $port." >> "$BODY"
    echo >> "$BODY"
    timeout "$(cap 100)" "$JAVA" "${CHECK_OPTS[@]}" $CHECK http "http://127.0.0.1:$port" "$WORK/http-$name.md" "$@" > /dev/null 2>> "$LOG" \
      || echo "(the HTTP check ended with exit $?; 124: out of time)" >> "$BODY"
    [ -s "$WORK/http-$name.md" ] && cat "$WORK/http-$name.md" >> "$BODY"
    summary "server with GOCODER_HWACCEL=$hwaccel: started; answers: $(grep -v '^| file \|^|---' "$WORK/http-$name.md" 2>/dev/null \
      | awk -F'|' '{for (i = 2; i <= 4; i++) gsub(/^ +| +$/, "", $i); printf "%s %s %s; ", $2, $3, $4}')"
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo >> "$BODY"
    echo "Errors in its log (server-$name.log):" >> "$BODY"
    grep -E 'SEVERE|ERROR|Exception|WARNING' "$log" | head -15 | fence
  elif [ -n "$rc" ]; then
    echo "**Did not start** (exit $rc). What it printed:" >> "$BODY"
    echo >> "$BODY"
    grep -v '^\s*at ' "$log" | tail -8 | fence
    summary "server with GOCODER_HWACCEL=$hwaccel: did not start (exit $rc): $(grep -m1 'Cannot start' "$log" || tail -1 "$log")"
  else
    echo "**Neither listening nor exited after 40 s: a hang.** Last lines:" >> "$BODY"
    summary "server with GOCODER_HWACCEL=$hwaccel: **neither listening nor exited after 40 s (a hang)**"
    tail -8 "$log" | fence
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
}

if [ ${#FILES[@]} -gt 0 ]; then
  serve nvidia nvidia 7666 "${FILES[@]}"
  # the control: the same machine and files through libx264, so a failure above is the GPU path's
  CONTROL=()
  for f in "${FILES[@]}"; do case "$f" in *long-*|*phone-rotated*) CONTROL+=("$f");; esac; done
  if [ "$(left)" -gt 30 ]; then
    serve disabled disabled 7667 "${CONTROL[@]}"
  else
    section "(no time left for the libx264 control server)"
  fi
fi

say "== done in $(( $(date +%s) - START )) s; report: $REPORT"
finish
exit 0
