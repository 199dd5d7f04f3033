#!/bin/sh
# Installs edgeai from the tarball scripts/publish.sh builds (artifacts/tar/edgeai-<version>-<rid>.tar.gz), for
# systems where the .deb does not fit. Run it as root from the unpacked directory:
#   sudo ./install.sh              install or upgrade (keeps an existing /etc/edgeai/edgeai.json)
#   sudo ./install.sh --uninstall  remove the binary and the unit, keep configuration and state
#   sudo ./install.sh --purge      also remove /etc/edgeai, /var/lib/edgeai and the edgeai user
# It lays files out as the Debian package does: /usr/lib/edgeai/edgeai, /usr/bin/edgeai,
# /usr/lib/edgeai/lib*.so (ONNX Runtime, SQLite, Skia, HarfBuzz), /usr/lib/systemd/system/edgeai.service,
# /etc/edgeai/edgeai.json, /var/lib/edgeai.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
action=install
case "${1:-}" in
  "") ;;
  --uninstall) action=uninstall ;;
  --purge) action=purge ;;
  *) echo "usage: $0 [--uninstall|--purge]" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
systemd_running() { [ -d /run/systemd/system ]; }

if [ "$action" = install ]; then
  for f in edgeai edgeai.service edgeai.json 60-edgeai.rules; do
    [ -f "$here/$f" ] || { echo "install.sh: $here/$f missing; run it from the unpacked tarball" >&2; exit 1; }
  done
  for group in gpio i2c; do
    getent group "$group" >/dev/null || groupadd --system "$group"
  done
  getent passwd edgeai >/dev/null || useradd --system --user-group --home-dir /var/lib/edgeai --no-create-home \
    --shell /usr/sbin/nologin --comment "EdgeAi node" edgeai
  install -d -m 0755 /usr/lib/edgeai /usr/lib/systemd/system /usr/lib/udev/rules.d
  # Install under a temporary name and rename: a running node keeps its (old) binary until it restarts.
  install -m 0755 "$here/edgeai" /usr/lib/edgeai/edgeai.new
  mv -f /usr/lib/edgeai/edgeai.new /usr/lib/edgeai/edgeai
  # The native libraries the binary loads from its own directory: ONNX Runtime, SQLite (telemetry outbox), Skia and
  # HarfBuzz (simulate --report). Absent from single-file JIT builds, which bundle them.
  for lib in libonnxruntime.so libe_sqlite3.so libSkiaSharp.so libHarfBuzzSharp.so; do
    if [ -f "$here/$lib" ]; then
      install -m 0644 "$here/$lib" "/usr/lib/edgeai/$lib.new"
      mv -f "/usr/lib/edgeai/$lib.new" "/usr/lib/edgeai/$lib"
    fi
  done
  ln -sfn ../lib/edgeai/edgeai /usr/bin/edgeai
  install -m 0644 "$here/edgeai.service" /usr/lib/systemd/system/edgeai.service
  if [ -f "$here/jit.conf" ]; then
    install -d /usr/lib/systemd/system/edgeai.service.d
    install -m 0644 "$here/jit.conf" /usr/lib/systemd/system/edgeai.service.d/jit.conf
  else
    rm -f /usr/lib/systemd/system/edgeai.service.d/jit.conf
  fi
  install -m 0644 "$here/60-edgeai.rules" /usr/lib/udev/rules.d/60-edgeai.rules
  install -d -m 0750 -o root -g edgeai /etc/edgeai
  # Like a Debian conffile: never overwrite the administrator's configuration.
  if [ ! -e /etc/edgeai/edgeai.json ]; then
    install -m 0640 -o root -g edgeai "$here/edgeai.json" /etc/edgeai/edgeai.json
  else
    install -m 0640 -o root -g edgeai "$here/edgeai.json" /etc/edgeai/edgeai.json.dist
    echo "install.sh: kept /etc/edgeai/edgeai.json; the shipped one is /etc/edgeai/edgeai.json.dist"
  fi
  install -d -m 0700 -o edgeai -g edgeai /var/lib/edgeai
  if [ -d /run/udev ] && command -v udevadm >/dev/null; then
    udevadm control --reload-rules || true
    udevadm trigger --subsystem-match=gpio --subsystem-match=i2c-dev || true
  fi
  if systemd_running; then
    systemctl daemon-reload
    systemctl try-restart edgeai.service || true
  fi
  echo "install.sh: installed $(/usr/lib/edgeai/edgeai --version). Configure /etc/edgeai/edgeai.json, then: systemctl enable --now edgeai"
  exit 0
fi

if systemd_running; then
  systemctl disable --now edgeai.service 2>/dev/null || true
fi
rm -f /usr/bin/edgeai /usr/lib/systemd/system/edgeai.service /usr/lib/udev/rules.d/60-edgeai.rules
rm -rf /usr/lib/edgeai /usr/lib/systemd/system/edgeai.service.d
if [ "$action" = purge ]; then
  rm -rf /etc/edgeai /var/lib/edgeai /etc/systemd/system/edgeai.service.d
  if getent passwd edgeai >/dev/null; then userdel edgeai; fi
  if getent group edgeai >/dev/null; then groupdel edgeai; fi
fi
if systemd_running; then systemctl daemon-reload; fi
echo "install.sh: edgeai removed$([ "$action" = purge ] && echo ", with its configuration, state and user")"
