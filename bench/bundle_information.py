#!/usr/bin/env python3
"""How many bytes the thresholds of a model bundle (format 2.0) hold, coded as well as a decoder
that knows the tree can code them: each split's float32 threshold inside the range its ancestors
on the same feature leave (the first split of a feature inside [min, max] of that feature's
thresholds in the forest, 2 floats per feature: negligible). Two ideal codes, in KB (1,000 B):

  uniform over floats: log2(number of float32 values in the range) bits per threshold;
  real density:        log2(range / ulp(threshold)) bits, the cost when thresholds are uniform
                       on the real line, as training draws them (forest.cpp, ForestBuilder).

Beside it, what gzip -9 makes of each kind of typed array (decoded from base64) and of the rest
of the document, and the other parts' ideal codes, estimated by their empirical entropies over
the whole bundle: each split's feature given its forest, whether a node is a leaf given its
depth (the tree shapes), a leaf's size given its depth. The calibration knots (64-bit values
computed from the training scores) and counts have no such model: the best of gzip -9, bzip2 -9
and xz -9e over their bytes as stored, their byte planes, and the byte planes of each value XOR
the one before. The sum is a decoder's ideal code for the whole bundle: optimistic (a real
decoder also learns these distributions as it goes), so no format that a decoder without the
training data reads can be expected below it. Used for bench/RESULTS.md ("the bundle's size");
reads the file, writes nothing.

  python3 bench/bundle_information.py build/demo/model.json
"""
import base64
import bz2
import gzip
import lzma
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
    # Pre-order: (ranges of the path, depth) per pending subtree; a split's left subtree is next.
    while position < len(feature):
        stack = [({}, 0)]
        while stack:
            ranges, depth = stack.pop()
            f = feature[position]
            position += 1
            if f < 0:
                continue
            t = next(next_threshold)
            lo, hi = ranges.get(f, bounds[f])
            totals[0] += math.log2(ordered(hi) - ordered(lo) + 1)
            totals[1] += max(0.0, math.log2(max(hi - lo, ulp(t)) / ulp(t)))
            totals[2] += 1
            if hi > lo:  # where in its range the threshold falls, in 64 bins, by depth
                POSITIONS[depth][min(int(64 * (t - lo) / (hi - lo)), 63)] += 1
            stack.append(({**ranges, f: (t, hi)}, depth + 1))  # right subtree, after the left
            stack.append(({**ranges, f: (lo, t)}, depth + 1))
    return totals


# Thresholds' positions in their ranges (threshold_bits): a code that learned their density
# would save log2(64) - entropy bits a threshold over the uniform ("real density") code.
POSITIONS = defaultdict(lambda: defaultdict(int))


def entropy_bits(counts):
    """Empirical entropy, in bits, of the values counted in `counts` (a dict of counts)."""
    total = sum(counts.values())
    return -sum(c * math.log2(c / total) for c in counts.values() if c)


def structure_counts(forest, tallies):
    """Adds one forest's (depth, is leaf), (depth, leaf size) and (forest, feature) counts."""
    feature, sizes = values(forest["feature"]), iter(values(forest["leaf_size"]))
    forest_id = len(tallies["feature"])
    tallies["feature"][forest_id] = defaultdict(int)
    position = 0
    while position < len(feature):
        depths = [0]
        while depths:
            depth = depths.pop()
            f = feature[position]
            position += 1
            tallies["shape"][depth][f < 0] += 1
            if f < 0:
                tallies["leaf_size"][depth][next(sizes)] += 1
            else:
                tallies["feature"][forest_id][f] += 1
                depths += [depth + 1, depth + 1]


def best_kept_code(raw, width):
    """Fewest bytes over the kept compressors and the transforms named in the docstring."""
    n = len(raw) // width
    planes = lambda data: b"".join(data[p::width] for p in range(width))
    xored = bytearray(raw)
    for i in range(len(raw) - 1, width - 1, -1):
        xored[i] ^= raw[i - width]
    forms = (raw, planes(raw), planes(bytes(xored)))
    coders = (lambda d: gzip.compress(d, 9), lambda d: bz2.compress(d, 9),
              lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME))
    assert n * width == len(raw)
    return min(len(code(form)) for form in forms for code in coders)


def ideal_codes(bundle, threshold_kb):
    tallies = {"shape": defaultdict(lambda: defaultdict(int)),
               "leaf_size": defaultdict(lambda: defaultdict(int)), "feature": {}}
    knots, below = bytearray(), bytearray()
    for detector in bundle["detectors"]:
        structure_counts(detector["forest"], tallies)
        knots += base64.b64decode(detector["calibration"]["knots"]["base64"])
        below += base64.b64decode(detector["calibration"]["below"]["base64"])
    position_saving = sum(sum(bins.values()) * 6 - entropy_bits(bins)
                          for bins in POSITIONS.values()) / 8000
    print(f"a density of the thresholds' positions in their ranges (64 bins, by depth) would "
          f"save {position_saving:.1f} KB: they are uniform there")
    parts = {
        "thresholds (real density)": threshold_kb,
        "split features | forest": sum(map(entropy_bits, tallies["feature"].values())) / 8000,
        "tree shapes (leaf | depth)": sum(map(entropy_bits, tallies["shape"].values())) / 8000,
        "leaf sizes | depth": sum(map(entropy_bits, tallies["leaf_size"].values())) / 8000,
        "calibration knots (best kept code)": best_kept_code(bytes(knots), 8) / 1000,
        "calibration counts (best kept code)": best_kept_code(bytes(below), 2) / 1000,
    }
    return parts


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
    rest_gzip = len(gzip.compress(rest, 9))
    print(f"  {'the rest':10} {'':7}         {len(rest):7} B, gzip -9 {rest_gzip:7} B")
    parts = ideal_codes(bundle, real / 8000)
    parts["the rest (gzip -9)"] = rest_gzip / 1000
    print("a decoder's ideal code, KB:")
    for name, kb in parts.items():
        print(f"  {name:36} {kb:7.1f}")
    print(f"  {'sum':36} {sum(parts.values()):7.1f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/demo/model.json")
