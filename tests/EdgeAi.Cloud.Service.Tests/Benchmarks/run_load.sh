#!/usr/bin/env bash
# Load run of the model service (issue 6): requests/s and latency percentiles at 1, 8 and 64 concurrent
# connections, for the same mid-size MLP with and without dynamic batching. Needs wrk (apt-get install wrk),
# Debian's /usr/bin/python3 with onnx and numpy, and a Release build of the service:
#   dotnet build src/Cloud/Service -c Release
#   tests/EdgeAi.Cloud.Service.Tests/Benchmarks/run_load.sh            # DURATION=10s by default
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dll="$root/src/Cloud/Service/bin/Release/net10.0/edgeai-model-service.dll"
port="${PORT:-18123}"
duration="${DURATION:-10s}"
work="$(mktemp -d)"
/usr/bin/python3 "$here/make_mlp.py" "$work/repo" "$work/body.json"
token="$(dotnet "$dll" token create bench --tokens-file "$work/tokens" 2>/dev/null)"
dotnet "$dll" serve --model-repository "$work/repo" --urls "http://127.0.0.1:$port" --tokens-file "$work/tokens" >"$work/service.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/v2/health/ready" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/v2/health/ready" >/dev/null || { cat "$work/service.log"; exit 1; }

echo "model        clients  requests/s  p50      p99      non-2xx"
for model in mlp mlp_batched; do
  for clients in 1 8 64; do
    threads=$(( clients < 2 ? 1 : 2 ))
    url="http://127.0.0.1:$port/v2/models/$model/infer"
    # Warm-up, then the measured run.
    BODY="$work/body.json" wrk -t"$threads" -c"$clients" -d2s -s "$here/post.lua" -H "Authorization: Bearer $token" "$url" >/dev/null
    out="$(BODY="$work/body.json" wrk -t"$threads" -c"$clients" -d"$duration" --latency -s "$here/post.lua" -H "Authorization: Bearer $token" "$url")"
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-12s %7s  %10s  %-8s %-8s %s\n' "$model" "$clients" "$rps" "$p50" "$p99" "${errors:-0}"
  done
done
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" | grep -E '^edgeai_batch_size_(count|sum)' || true
