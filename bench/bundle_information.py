#!/usr/bin/env python3
"""How many bytes the thresholds of a model bundle (format 2.0) hold, coded as well as a decoder
that knows the tree can code them: each split's float32 threshold inside the range its ancestors
on the same feature leave (the first split of a feature inside [min, max] of that feature's
thresholds in the forest, 2 floats per feature: negligible). Two ideal codes, in KB (1,000 B):

  uniform over floats: log2(number of float32 values in the range) bits per threshold;
  real density:        log2(range / ulp(threshold)) bits, the cost when thresholds are uniform
                       on the real line, as training draws them (forest.cpp, ForestBuilder).

Beside it, what gzip -9 makes of each kind of typed array (decoded from base64) and of the rest
of the document. Used for bench/RESULTS.md ("the bundle's size"); reads the file, writes nothing.

  python3 bench/bundle_information.py build/demo/model.json
"""
import base64
import gzip
import json
import math
import struct
import sys
from collections import defaultdict

FORMATS = {"int8": "b", "int16": "h", "uint8": "B", "uint16": "H", "float32": "f", "float64": "d"}


def values(array):
    """The typed array's values (README "Bundle format 2.0": byte planes, little-endian)."""
    raw = base64.b64decode(array["base64"])
    n, fmt = array["count"], FORMATS[array["dtype"]]
    width = struct.calcsize(fmt)
    interleaved = bytearray(n * width)
    for plane in range(width):
        interleaved[plane::width] = raw[plane * n:(plane + 1) * n]
    return list(struct.unpack(f"<{n}{fmt}", bytes(interleaved)))


def ordered(f):
    """float32 -> integer with the same order (adjacent floats differ by 1)."""
    i = struct.unpack("<i", struct.pack("<f", f))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFF)


def ulp(t):
    t = abs(t)
    if t < 2.0**-126:
        return 2.0**-149
    return 2.0 ** (math.frexp(t)[1] - 24)


def threshold_bits(forest):
    """(bits uniform over floats, bits real density, splits) for one forest."""
    feature, threshold = values(forest["feature"]), values(forest["threshold"])
    bounds = {}
    it = iter(threshold)
    for f in feature:
        if f >= 0:
            t = next(it)
            lo, hi = bounds.get(f, (t, t))
            bounds[f] = (min(lo, t), max(hi, t))
    totals = [0.0, 0.0, 0]
    position, next_threshold = 0, iter(threshold)
    # Pre-order: (ranges of the path) per pending subtree; a split's left subtree comes next.
    while position < len(feature):
        stack = [{}]
        while stack:
            ranges = stack.pop()
            f = feature[position]
            position += 1
            if f < 0:
                continue
            t = next(next_threshold)
            lo, hi = ranges.get(f, bounds[f])
            totals[0] += math.log2(ordered(hi) - ordered(lo) + 1)
            totals[1] += max(0.0, math.log2(max(hi - lo, ulp(t)) / ulp(t)))
            totals[2] += 1
            stack.append({**ranges, f: (t, hi)})  # right subtree, after the left one
            stack.append({**ranges, f: (lo, t)})
    return totals


def main(path):
    bundle = json.load(open(path))
    floats = real = splits = 0
    for detector in bundle["detectors"]:
        a, b, n = threshold_bits(detector["forest"])
        floats, real, splits = floats + a, real + b, splits + n
    print(f"{path}: {splits} splits; thresholds coded in their ancestors' range: "
          f"{floats / 8000:.1f} KB (uniform over floats), {real / 8000:.1f} KB (real density)")
    kinds = defaultdict(lambda: [0, bytearray()])

    def walk(node):
        if isinstance(node, dict):
            if "dtype" in node and "base64" in node:
                return None
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    def collect(node, key=""):
        if isinstance(node, dict):
            if "dtype" in node and "base64" in node:
                kinds[key][0] += node["count"]
                kinds[key][1] += base64.b64decode(node["base64"])
                return
            for k, v in node.items():
                collect(v, k)
        elif isinstance(node, list):
            for v in node:
                collect(v, key)

    collect(bundle)
    for key, (count, raw) in sorted(kinds.items()):
        print(f"  {key:10} {count:7} values, {len(raw):7} B, gzip -9 {len(gzip.compress(raw, 9)):7} B")
    rest = json.dumps(walk(bundle), separators=(",", ":")).encode()
    print(f"  {'the rest':10} {'':7}         {len(rest):7} B, gzip -9 {len(gzip.compress(rest, 9)):7} B")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/demo/model.json")
