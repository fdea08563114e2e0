#!/usr/bin/env python3
"""The page's warm-up data: a small model and market the workers run through the core while they
wait for the site's data (web/js/core_api.js warmUpCore), so that V8 has optimised the core's
functions before the real Analysis. The model is the default detector catalogue with 4 trees per
detector, 32 calibration knots and 20 bootstrap resamples, trained on two simulated years (the
simulator's seed 42); only its code paths matter, never its numbers, which the page does not show.

    tools/warmup_data.py VIXRAY_CLI OUT_DIR    (writes OUT_DIR/model.json and OUT_DIR/market.json)
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

CATALOGUE = pathlib.Path(__file__).resolve().parent.parent / "models" / "detector_catalogue.json"


def small_settings(catalogue):
    settings = json.loads(catalogue.read_text())
    defaults = settings["settings"]
    defaults["forest"]["default"]["n_trees"] = 4
    defaults["calibration"]["default"]["max_knots"] = 32
    defaults["thresholds"]["default"]["bootstrap_resamples"] = 20
    settings["description"] = "vixray's page warm-up model (tools/warmup_data.py)"
    return settings


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: tools/warmup_data.py VIXRAY_CLI OUT_DIR")
    cli, out = argv[1], pathlib.Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = pathlib.Path(tmp) / "settings.json"
        settings.write_text(json.dumps(small_settings(CATALOGUE)))
        model = pathlib.Path(tmp) / "model.json"
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run([cli, "train", "--settings", str(settings), "--sim-start", "2017-01-03",
                        "--sim-end", "2018-12-31", "--out", str(model)], **quiet)
        subprocess.run([cli, "export", "--model", str(model), "--out", f"{tmp}/data"], **quiet)
        for name in ("model.json", "market.json"):
            shutil.copyfile(f"{tmp}/data/{name}", out / name)


if __name__ == "__main__":
    main(sys.argv)
