"""Summarises `perf report --sort sym --stdio -g none` of a .NET process (stdin): the top frames by self time,
with managed frames shortened to Assembly!Type::Method, and the split by kind (eng/profile-intake.sh)."""
import argparse
import collections
import re
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--top", type=int, default=10)
args = parser.parse_args()

frames = collections.Counter()
kinds = collections.Counter()
for line in sys.stdin:
    match = re.match(r"\s*([\d.]+)%\s+\[(.)\]\s+(.*)", line)
    if not match:
        continue
    share, mode, symbol = float(match.group(1)), match.group(2), match.group(3).strip()
    managed = re.search(r"\[([A-Za-z][\w.]*)\]\s+([\w.`+<>|,\[\]]+::[\w<>|.`]+)", symbol)
    if mode == "k":
        kind, name = "kernel", "kernel: " + symbol
    elif managed:
        assembly = managed.group(1)
        kind = "runtime libraries" if assembly.startswith(("System.", "Microsoft.")) else "managed: " + assembly
        name = assembly + "!" + managed.group(2)
    else:
        kind, name = "native (runtime, libc, crypto)", "native: " + symbol[:80]
    frames[name] += share
    kinds[kind] += share

print(f"| # | frame | self % |")
print(f"|---:|---|---:|")
for rank, (name, share) in enumerate(frames.most_common(args.top), 1):
    print(f"| {rank} | `{name}` | {share:.2f} |")
print()
print("Managed frames only (the services' code and its libraries):")
print()
print(f"| # | frame | self % |")
print(f"|---:|---|---:|")
managed_frames = [(name, share) for name, share in frames.most_common() if "!" in name and not name.startswith(("kernel", "native"))]
for rank, (name, share) in enumerate(managed_frames[: args.top], 1):
    print(f"| {rank} | `{name}` | {share:.2f} |")
print()
print("| kind | % |")
print("|---|---:|")
for kind, share in kinds.most_common(12):
    print(f"| {kind} | {share:.2f} |")
