#!/usr/bin/env python3
"""Measures an edgeai node's start-up the way systemd sees it, for docs/performance.md.

usage: deploy/tools/measure-startup.py [--runs N] [--settle S] -- COMMAND [ARG...]
  e.g. deploy/tools/measure-startup.py --runs 10 -- artifacts/publish/linux-x64/edgeai
       deploy/tools/measure-startup.py --runs 10 -- dotnet src/EdgeHost/bin/Release/net10.0/edgeai.dll

Each run starts `COMMAND simulate --mqtt-port P --node-id perf --data-dir D` (the built-in demo house and
the embedded broker) as PID 1 of a new PID namespace (unshare --pid --fork --mount-proc, needs root) with
NOTIFY_SOCKET set, so the hosting library sends READY=1 as under systemd. It reports, per run and as the
median: milliseconds from just before exec to the READY=1 datagram (includes unshare's fork, about 1 ms),
and the node's VmRSS S seconds after READY=1. Then it stops the node with SIGTERM.
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_of(pid, timeout=10.0):
    deadline = time.monotonic() + timeout
    path = f"/proc/{pid}/task/{pid}/children"
    while time.monotonic() < deadline:
        with open(path) as f:
            kids = f.read().split()
        if kids:
            return int(kids[0])
        time.sleep(0.01)
    raise TimeoutError("unshare has no child")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def one_run(command, settle):
    with tempfile.TemporaryDirectory(prefix="edgeai-perf-") as tmp:
        sock_path = os.path.join(tmp, "notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(sock_path)
        sock.settimeout(60)
        env = dict(os.environ, NOTIFY_SOCKET=sock_path)
        args = ["unshare", "--pid", "--fork", "--mount-proc", *command, "simulate",
                "--mqtt-port", str(free_port()), "--node-id", "perf", "--data-dir", os.path.join(tmp, "data")]
        start = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                data = sock.recv(4096).decode()
                if "READY=1" in data.split("\n"):
                    ready_ms = (time.perf_counter() - start) * 1000
                    break
            node = child_of(proc.pid)
            time.sleep(settle)
            rss = rss_kib(node)
            os.kill(node, signal.SIGTERM)
            code = proc.wait(timeout=60)
            if code != 0:
                raise RuntimeError(f"node exited {code}")
            return ready_ms, rss
        finally:
            if proc.poll() is None:
                proc.kill()
            sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds after READY=1 before reading RSS")
    parser.add_argument("command", nargs="+")
    opts = parser.parse_args()
    results = [one_run(opts.command, opts.settle) for _ in range(opts.runs)]
    for i, (ms, rss) in enumerate(results, 1):
        print(f"run {i}: READY=1 after {ms:.1f} ms, VmRSS {rss / 1024:.1f} MiB")
    ready = [r[0] for r in results]
    rss = [r[1] / 1024 for r in results]
    print(f"median: READY=1 after {statistics.median(ready):.1f} ms (min {min(ready):.1f}, max {max(ready):.1f}); "
          f"VmRSS {statistics.median(rss):.1f} MiB (min {min(rss):.1f}, max {max(rss):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
