#!/usr/bin/env python3
"""The core's stages include only their own and earlier stages (docs/ARCHITECTURE.md):

    base < data < sim < features < forest < ensemble < analysis

and the core includes nothing of the CLI, the bindings or the file system. Prints every include
that breaks the order (file:line) and exits non-zero if there is one. Run by `make check-format`.
"""
import pathlib
import re
import sys

STAGES = ["base", "data", "sim", "features", "forest", "ensemble", "analysis"]
RANK = {name: i for i, name in enumerate(STAGES)}
INCLUDE = re.compile(r'#include [<"](?:vixray/)?([a-z_]+)/[^">]+[">]')
FORBIDDEN = re.compile(r"#include <(filesystem|fstream|iostream|thread|chrono|emscripten[^>]*)>")

root = pathlib.Path(__file__).resolve().parent.parent
problems = []
for folder in ("core/include/vixray", "core/src"):
    for path in sorted((root / folder).rglob("*.[ch]pp")):
        stage = path.relative_to(root / folder).parts[0]
        if stage not in RANK:
            problems.append(f"{path.relative_to(root)}: not in a stage folder ({', '.join(STAGES)})")
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            where = f"{path.relative_to(root)}:{number}"
            if FORBIDDEN.search(line):
                problems.append(f"{where}: the core does no I/O, threads or clocks: {line.strip()}")
            m = INCLUDE.match(line.strip())
            if m and line.strip().startswith('#include "vixray/') and m.group(1) in RANK:
                if RANK[m.group(1)] > RANK[stage]:
                    problems.append(f"{where}: stage {stage} includes the later stage "
                                    f"{m.group(1)}: {line.strip()}")
for p in problems:
    print(p)
if problems:
    sys.exit(f"check_layers: {len(problems)} include(s) break the stage order")
print(f"check_layers: the core's includes follow {' < '.join(STAGES)}")
