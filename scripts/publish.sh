#!/usr/bin/env bash
# Builds the edgeai executable per runtime identifier and packages it:
#   artifacts/publish/<rid>/edgeai                   the binary (Native AOT unless --mode says otherwise)
#   artifacts/publish/<rid>/lib*.so                  the native libraries the binary loads (ONNX Runtime, SQLite,
#                                                    Skia, HarfBuzz) for that RID, from the binary's directory
#   artifacts/deb/edgeai_<version>_<arch>.deb         Debian package from deploy/debian/ (dpkg-deb)
#   artifacts/tar/edgeai-<version>-<rid>.tar.gz       tarball for deploy/install.sh
#
# usage: scripts/publish.sh [--rid linux-x64|linux-arm64]... [--mode aot|single-file|framework-dependent]
#                           [--no-fallback] [--no-deb] [--no-tar] [--out DIR]
#   --rid    default: both linux-arm64 and linux-x64
#   --mode   aot (default): Native AOT; when the AOT publish fails the script says so and falls back to a
#            self-contained single-file build. single-file: self-contained single file (JIT).
#            framework-dependent: needs the .NET runtime on the target; only for quick package tests.
#   --no-fallback  fail when the Native AOT publish fails instead of falling back (CI uses this)
#   --out    artifacts root (default: <repo>/artifacts)
#
# Cross-compiling linux-arm64 with Native AOT needs gcc-aarch64-linux-gnu and binutils-aarch64-linux-gnu.
# JIT builds get a unit drop-in that lifts MemoryDenyWriteExecute= (a JIT writes code at run time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

rids=() mode=aot fallback=1 deb=1 tar=1 out="$root/artifacts"
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rids+=("$2"); shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --no-fallback) fallback=0; shift ;;
    --no-deb) deb=0; shift ;;
    --no-tar) tar=0; shift ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "publish.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-arm64 linux-x64)
case "$mode" in aot|single-file|framework-dependent) ;; *) echo "publish.sh: unknown mode $mode" >&2; exit 2 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project=src/EdgeHost/EdgeAi.EdgeHost.csproj
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n1)
[ -n "$version" ] || { echo "publish.sh: no <Version> in Directory.Build.props" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The ILCompiler drives the linker as clang does and passes --target=aarch64-linux-gnu, which gcc rejects;
# the cross gcc already targets aarch64, so the wrapper drops that flag and hands everything else on.
arm64_cc() {
  local cc="$work/aarch64-linux-gnu-cc"
  cat > "$cc" <<'WRAP'
#!/bin/sh
for arg in "$@"; do
  shift
  case "$arg" in --target=*) ;; *) set -- "$@" "$arg" ;; esac
done
exec aarch64-linux-gnu-gcc "$@"
WRAP
  chmod +x "$cc"
  echo "$cc"
}

publish() { # rid mode dir -> 0 on success
  local rid=$1 how=$2 dir=$3 args=()
  case "$how" in
    aot)
      args=(-p:PublishAot=true)
      if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
        command -v aarch64-linux-gnu-gcc >/dev/null || { echo "publish.sh: aarch64-linux-gnu-gcc missing (apt-get install gcc-aarch64-linux-gnu)" >&2; return 1; }
        args+=("-p:CppCompilerAndLinker=$(arm64_cc)" -p:ObjCopyName=aarch64-linux-gnu-objcopy)
      fi ;;
    single-file) args=(--self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true) ;;
    framework-dependent) args=(--no-self-contained -p:PublishSingleFile=true) ;;
  esac
  dotnet publish "$project" -c Release -r "$rid" -nologo -clp:ErrorsOnly -warnaserror -o "$dir" "${args[@]}"
}

# The native libraries the binary P/Invokes; Native AOT looks each up in the binary's own directory (the real one
# behind /usr/bin/edgeai), so every one ships next to it, built for the same RID:
#   libonnxruntime.so    ONNX Runtime (Microsoft.ML.OnnxRuntime): model run|bench|verify, on-device decisions
#   libe_sqlite3.so      SQLite (SQLitePCLRaw.lib.e_sqlite3, under Microsoft.Data.Sqlite): the telemetry outbox
#   libSkiaSharp.so      Skia (SkiaSharp.NativeAssets.Linux.NoDependencies, under ScottPlot): simulate --report PNG
#   libHarfBuzzSharp.so  HarfBuzz (HarfBuzzSharp.NativeAssets.Linux, under ScottPlot): text shaping in that PNG
# libonnxruntime_providers_shared.so is only for execution providers other than the CPU one and is not shipped.
natives=(libonnxruntime.so libe_sqlite3.so libSkiaSharp.so libHarfBuzzSharp.so)
not_shipped=(libonnxruntime_providers_shared.so)

deb_arch() { case "$1" in linux-x64) echo amd64 ;; linux-arm64) echo arm64 ;; *) echo "publish.sh: no Debian architecture for $1" >&2; return 1 ;; esac; }

package_deb() { # rid bin-dir jit(0|1)
  local rid=$1 bin=$2 jit=$3 arch stage
  arch=$(deb_arch "$rid")
  stage="$work/deb-$rid"
  rm -rf "$stage"
  install -d "$stage/DEBIAN" "$stage/usr/lib/edgeai" "$stage/usr/bin" "$stage/etc/edgeai" \
    "$stage/usr/lib/systemd/system" "$stage/usr/lib/udev/rules.d" "$stage/usr/share/doc/edgeai"
  install -m 0755 "$bin/edgeai" "$stage/usr/lib/edgeai/edgeai"
  local lib
  for lib in "${natives[@]}"; do
    [ ! -f "$bin/$lib" ] || install -m 0644 "$bin/$lib" "$stage/usr/lib/edgeai/$lib"
  done
  ln -s ../lib/edgeai/edgeai "$stage/usr/bin/edgeai"
  install -m 0644 deploy/systemd/edgeai.service "$stage/usr/lib/systemd/system/edgeai.service"
  if [ "$jit" = 1 ]; then
    install -d "$stage/usr/lib/systemd/system/edgeai.service.d"
    install -m 0644 deploy/systemd/jit.conf "$stage/usr/lib/systemd/system/edgeai.service.d/jit.conf"
  fi
  install -m 0640 deploy/debian/edgeai.json "$stage/etc/edgeai/edgeai.json"
  install -m 0644 deploy/debian/60-edgeai.rules "$stage/usr/lib/udev/rules.d/60-edgeai.rules"
  install -m 0644 deploy/debian/copyright "$stage/usr/share/doc/edgeai/copyright"
  install -m 0644 docs/install.md "$stage/usr/share/doc/edgeai/install.md"
  install -m 0644 docs/configuration.md "$stage/usr/share/doc/edgeai/configuration.md"
  install -m 0644 deploy/debian/conffiles "$stage/DEBIAN/conffiles"
  install -m 0755 deploy/debian/postinst deploy/debian/prerm deploy/debian/postrm "$stage/DEBIAN/"
  local size glibc depends
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  # The binary links only glibc (libc, libm, ld.so): depend on the newest symbol version it or one of the native
  # libraries references (libe_sqlite3.so: 2.34), so dpkg refuses an older distribution (Raspberry Pi OS Bullseye
  # has 2.31) instead of the binary failing at start. libonnxruntime.so also needs libstdc++ (GLIBCXX_3.4.22 in
  # 1.31.1: GCC 6) and libgcc_s; libe_sqlite3.so, libSkiaSharp.so (the NoDependencies build: no fontconfig or
  # freetype) and libHarfBuzzSharp.so need nothing beyond glibc (readelf -d: NEEDED).
  local elves=("$bin/edgeai")
  for lib in "${natives[@]}"; do
    [ ! -f "$bin/$lib" ] || elves+=("$bin/$lib")
  done
  glibc=$(objdump -T "${elves[@]}" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n1)
  [ -n "$glibc" ] || { echo "publish.sh: no glibc symbol versions in $bin/edgeai" >&2; return 1; }
  # OpenSSL 3 is not linked but dlopen()ed by .NET's crypto shim (System.Security.Cryptography: TLS to the broker,
  # hashes, random numbers; every `edgeai simulate` run loads it): every distribution with glibc 2.34 has it
  # (libssl3t64 on Ubuntu 24.04).
  depends="libc6 (>= $glibc), libstdc++6 (>= 6), libgcc-s1 | libgcc1, libssl3 | libssl3t64, adduser"
  # A framework-dependent build runs on the distribution's .NET runtime.
  [ "$mode" = framework-dependent ] && depends="$depends, dotnet-runtime-10.0"
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    deploy/debian/control.in > "$stage/DEBIAN/control"
  mkdir -p "$out/deb"
  local file="$out/deb/edgeai_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$file" >/dev/null
  echo "publish.sh: $file"
}

package_tar() { # rid bin-dir jit(0|1)
  local rid=$1 bin=$2 jit=$3 name="edgeai-$version-$1" stage
  stage="$work/tar/$name"
  rm -rf "$stage"
  install -d "$stage"
  install -m 0755 "$bin/edgeai" "$stage/edgeai"
  local lib
  for lib in "${natives[@]}"; do
    [ ! -f "$bin/$lib" ] || install -m 0644 "$bin/$lib" "$stage/$lib"
  done
  install -m 0755 deploy/install.sh "$stage/install.sh"
  install -m 0644 deploy/systemd/edgeai.service deploy/debian/edgeai.json deploy/debian/60-edgeai.rules docs/install.md "$stage/"
  [ "$jit" = 0 ] || install -m 0644 deploy/systemd/jit.conf "$stage/jit.conf"
  mkdir -p "$out/tar"
  tar -C "$work/tar" --owner=0 --group=0 -czf "$out/tar/$name.tar.gz" "$name"
  echo "publish.sh: $out/tar/$name.tar.gz"
}

for rid in "${rids[@]}"; do
  built="$work/publish-$rid"
  how=$mode
  echo "publish.sh: $rid ($how)"
  if ! publish "$rid" "$how" "$built"; then
    if [ "$how" != aot ] || [ "$fallback" = 0 ]; then
      echo "publish.sh: publishing $rid failed" >&2
      exit 1
    fi
    echo "publish.sh: Native AOT publish for $rid FAILED; falling back to self-contained single-file (JIT)" >&2
    how=single-file
    rm -rf "$built"
    publish "$rid" "$how" "$built"
  fi
  dest="$out/publish/$rid"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$built/edgeai" "$dest/"
  # A self-contained single file bundles the native libraries inside itself and extracts them at start.
  for lib in "${natives[@]}"; do
    if [ -f "$built/$lib" ]; then
      cp "$built/$lib" "$dest/"
    elif [ "$how" != single-file ]; then
      echo "publish.sh: $built/$lib missing after publishing $rid" >&2
      exit 1
    fi
  done
  # A native library a new dependency brings along must be shipped (natives) or consciously left out (not_shipped).
  for lib in "$built"/*.so; do
    [ -e "$lib" ] || continue
    case " ${natives[*]} ${not_shipped[*]} " in
      *" $(basename "$lib") "*) ;;
      *) echo "publish.sh: $built has $(basename "$lib"), which is neither shipped nor listed as not shipped" >&2; exit 1 ;;
    esac
  done
  [ ! -f "$built/edgeai.dbg" ] || cp "$built/edgeai.dbg" "$dest/"
  echo "$how" > "$dest/BUILD-MODE"
  jit=1
  [ "$how" != aot ] || jit=0
  echo "publish.sh: $dest/edgeai ($(stat -c %s "$dest/edgeai") bytes, $how)"
  [ "$deb" = 0 ] || package_deb "$rid" "$dest" "$jit"
  [ "$tar" = 0 ] || package_tar "$rid" "$dest" "$jit"
done
