#!/usr/bin/env python3
"""Reads another process's whole memory through /proc/PID/mem (as root, or as the same user
when the process is dumpable) and counts where given byte strings occur.

  proc_mem_scan.py PID PATTERNS.json
      PATTERNS.json: {"name": "text", ...}; each text is searched as UTF-8, UTF-16LE and
      UTF-32LE (a text rendered or measured by a library may sit in memory in either wide form).
      Prints one line per name: "name: N" (the copies found, every encoding together), then
      "scanned: BYTES in MAPPINGS mappings", then for each copy (up to 20) "at ADDRESS in
      MAPPING: the bytes around it"; exit 0, or 2 when the memory cannot be read.

Every readable mapping is read, file-backed ones too, but those larger than 1 GiB: there
AddressSanitizer keeps its shadow (terabytes of reserved address space, bytes that describe
memory, not hold it), and like the app's own scan (tp_mem_find_masked) this one skips them and
says how many it skipped. Mappings of 64 MiB to 1 GiB are read only where pages are present,
from /proc/PID/pagemap, so reserved but untouched space is not walked byte by byte.
"""
import json
import os
import struct
import sys

BIG = 64 << 20
SKIP = 1 << 30
CHUNK = 1 << 20
PAGE = os.sysconf("SC_PAGE_SIZE")


def encodings(text):
    out = {text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-32-le")}
    return sorted(out, key=len)


def mappings(pid):
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            parts = line.split()
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            name = parts[5] if len(parts) > 5 else ""
            if parts[1][0] != "r" or name in ("[vvar]", "[vsyscall]"):
                continue
            yield lo, hi, name


def present_runs(pagemap, lo, hi):
    """The runs [a, b) of pages in [lo, hi) that are in memory or swapped out."""
    run = None
    for base in range(lo, hi, CHUNK // 8 * PAGE):
        end = min(hi, base + CHUNK // 8 * PAGE)
        n = (end - base) // PAGE
        pagemap.seek(base // PAGE * 8)
        data = pagemap.read(n * 8)
        for i, (e,) in enumerate(struct.iter_unpack("<Q", data)):
            addr = base + i * PAGE
            if e >> 62 & 3:  # bit 63 present, bit 62 swapped
                if run is None:
                    run = [addr, addr + PAGE]
                elif run[1] == addr:
                    run[1] += PAGE
                else:
                    yield tuple(run)
                    run = [addr, addr + PAGE]
    if run:
        yield tuple(run)


def read_range(mem, lo, hi, needles, counts, overlap, where, label):
    """Reads [lo, hi) in chunks (each overlapping the last by overlap bytes), counting needles
    and noting where (up to 20). Returns the bytes read."""
    done, tail = 0, b""
    for a in range(lo, hi, CHUNK):
        b = min(hi, a + CHUNK)
        try:
            mem.seek(a)
            data = mem.read(b - a)
        except OSError:
            tail = b""
            continue  # e.g. a guard page
        buf = tail + data
        for key, needle in needles:
            # a match wholly inside the old tail was counted with the chunk before
            start = 0
            while True:
                i = buf.find(needle, start)
                if i < 0:
                    break
                if i + len(needle) > len(tail):
                    counts[key] += 1
                    if len(where) < 20:
                        ctx = buf[max(0, i - 24): i + len(needle) + 24]
                        where.append(f"at {a - len(tail) + i:#x} in {label}: {ctx!r}")
                start = i + 1
        tail = buf[-overlap:] if overlap else b""
        done += len(data)
    return done


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pid = int(sys.argv[1])
    patterns = json.load(open(sys.argv[2]))
    needles = [(name, enc) for name, text in patterns.items() for enc in encodings(text)]
    overlap = max(len(n) for _, n in needles) - 1
    counts = {name: 0 for name in patterns}
    where = []
    total = n_maps = skipped = 0
    try:
        mem = open(f"/proc/{pid}/mem", "rb", buffering=0)
        pagemap = open(f"/proc/{pid}/pagemap", "rb", buffering=0)
        for lo, hi, name in mappings(pid):
            if hi - lo > SKIP:
                skipped += 1
                continue
            n_maps += 1
            runs = [(lo, hi)] if hi - lo <= BIG else list(present_runs(pagemap, lo, hi))
            for a, b in runs:
                total += read_range(mem, a, b, needles, counts, overlap, where,
                                    name or "[anonymous]")
    except OSError as e:
        print(f"cannot read the memory of process {pid}: {e}", file=sys.stderr)
        return 2
    for name in patterns:
        print(f"{name}: {counts[name]}")
    print(f"scanned: {total} bytes in {n_maps} mappings ({skipped} larger than 1 GiB skipped)")
    for w in where:
        print(w)
    return 0 if total > 0 else 2


if __name__ == "__main__":
    sys.exit(main())
