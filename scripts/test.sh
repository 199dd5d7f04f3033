#!/usr/bin/env bash
# The one test command. On a fresh Debian machine with only the .NET SDK it installs what the tests need,
# builds the solution warning-free, runs every test project, and ends with the line
# "N passed, N failed" (", N skipped" when any) summed over all of them. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

# --- tools the tests use --------------------------------------------------------------------------
# command -> Debian package. A test is never skipped because a tool is missing: it is installed here.
declare -A tools=(
  [mosquitto]=mosquitto
  [mosquitto_pub]=mosquitto-clients
  # deploy: unit checks, notify/watchdog test (PID namespace), Debian package build and install test
  [systemd-analyze]=systemd
  [unshare]=util-linux
  [dpkg-deb]=dpkg
  [adduser]=adduser
  [file]=file
  # deploy: Native AOT for linux-x64 (gcc links) and cross-compiled for linux-arm64, run under qemu
  [gcc]=gcc
  [objdump]=binutils
  [aarch64-linux-gnu-gcc]=gcc-aarch64-linux-gnu
  [aarch64-linux-gnu-objcopy]=binutils-aarch64-linux-gnu
  [qemu-aarch64-static]=qemu-user-static
  # deploy: home broker configuration (self-signed certificate) and Kubernetes manifest checks
  [openssl]=openssl
  # deploy: the published binary traced under the unit's system-call filter
  [strace]=strace
  [python3]=python3
)
# files -> Debian package, for what has no command: the arm64 C runtime the cross linker links against.
declare -A files=(
  [/usr/aarch64-linux-gnu/lib/crti.o]=libc6-dev-arm64-cross
  [/usr/include/zlib.h]=zlib1g-dev
  [/usr/lib/python3/dist-packages/yaml/__init__.py]=python3-yaml
)
# Packages with no command to look for (checked with dpkg -s): the arm64 C runtime the emulated kernel suite loads.
libraries=(libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross)
missing=()
for cmd in "${!tools[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${tools[$cmd]}")
done
for file in "${!files[@]}"; do
  [ -e "$file" ] || missing+=("${files[$file]}")
done
for pkg in "${libraries[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# mosquitto lives in /usr/sbin, which a non-login shell may not have on PATH.
export PATH="$PATH:/usr/sbin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- build ---------------------------------------------------------------------------------------
dotnet build EdgeAi.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

# --- run every test project ------------------------------------------------------------------------
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
total_passed=0 total_failed=0 total_skipped=0 status=0

add_counts() { # passed failed skipped
  total_passed=$((total_passed + $1))
  total_failed=$((total_failed + $2))
  total_skipped=$((total_skipped + $3))
}

# --- deploy: Native AOT binaries and .debs the Deploy tests check ---------------------------------------
# Built once here (not in a test, whose hang timeout a loaded machine could exceed); Native AOT only, a
# failed AOT publish is a failed run. tests/EdgeAi.IntegrationTests/Deploy reads them from EDGEAI_CI_ARTIFACTS.
export EDGEAI_CI_ARTIFACTS="$root/artifacts/ci"
rm -rf "$EDGEAI_CI_ARTIFACTS"
echo "== publish (Native AOT, linux-x64 and linux-arm64)"
if ! ./scripts/publish.sh --rid linux-x64 --rid linux-arm64 --no-fallback --out "$EDGEAI_CI_ARTIFACTS"; then
  echo "test.sh: scripts/publish.sh failed" >&2
  add_counts 0 1 0
  status=1
fi

counter() { # attribute trx-file
  grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0
}

for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q '<IsTestProject>true</IsTestProject>' "$proj" || continue
  trx="$results/$name.trx"
  echo "== $name"
  # Category=Hardware tests need a real board with the loopback wiring of hardware/README.md.
  if ! dotnet test "$proj" -c Release --no-build --nologo --filter "Category!=Hardware" \
      --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" \
      --blame-hang-timeout 5m; then
    status=1
  fi
  if [ -f "$trx" ]; then
    p=$(counter passed "$trx"); f=$(counter failed "$trx"); e=$(counter error "$trx")
    t=$(counter total "$trx"); x=$(counter executed "$trx")
    add_counts "$p" "$((f + e))" "$((t - x))"
  else
    echo "test.sh: $name produced no results (the test host crashed?)" >&2
    add_counts 0 1 0
    status=1
  fi
done

# --- extra suites added by later steps append here and call add_counts ------------------------------

# GEMM kernel properties for linux-arm64 under qemu user-mode emulation, once as Cortex-A72 (NEON without
# dot product) and once as Cortex-A76 (NEON + SDOT): the app asserts Dp.IsSupported and which kernel set
# dispatch picks (and, in a third run, that EDGEAI_KERNELS overrides it), runs the bit-exactness properties
# for every set the emulated CPU supports, and ends with "N passed, N failed". Timings under emulation mean
# nothing; bit-exactness does.
kernelcheck="$root/artifacts/kernelcheck-linux-arm64"
echo "== EdgeAi.Models.KernelCheck (publish linux-arm64)"
if dotnet publish tests/EdgeAi.Models.KernelCheck -r linux-arm64 --self-contained -c Release -nologo \
    -warnaserror -clp:ErrorsOnly -o "$kernelcheck" >/dev/null; then
  # cpu, set the flags select, set dispatch runs, Dp.IsSupported, EDGEAI_KERNELS override ("-" for none).
  # The third run proves the override really switches dispatch.
  for spec in "cortex-a72 neon neon false -" "cortex-a76 neon-dp neon-dp true -" "cortex-a76 neon-dp neon true neon"; do
    read -r cpu best default dp force <<<"$spec"
    echo "== EdgeAi.Models.KernelCheck ($cpu, emulated, EDGEAI_KERNELS=$force)"
    log="$results/kernelcheck-$cpu-$default.log"
    force_env=()
    [ "$force" = "-" ] || force_env=(env "EDGEAI_KERNELS=$force")
    if ! timeout 600 "${force_env[@]}" qemu-aarch64-static -cpu "$cpu" -L /usr/aarch64-linux-gnu \
        "$kernelcheck/EdgeAi.Models.KernelCheck" --expect-best "$best" --expect-default "$default" --expect-dp "$dp" \
        --iterations 300 | tee "$log"; then
      status=1
    fi
    summary_line=$(tail -n 1 "$log")
    if [[ "$summary_line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
      add_counts "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" 0
    else
      echo "test.sh: EdgeAi.Models.KernelCheck ($cpu) ended without a summary (crashed?)" >&2
      add_counts 0 1 0
      status=1
    fi
  done
else
  echo "test.sh: publishing EdgeAi.Models.KernelCheck for linux-arm64 failed" >&2
  add_counts 0 1 0
  status=1
fi

[ "$total_failed" -eq 0 ] || status=1
summary="$total_passed passed, $total_failed failed"
[ "$total_skipped" -eq 0 ] || summary="$summary, $total_skipped skipped"
echo "$summary"
exit "$status"
