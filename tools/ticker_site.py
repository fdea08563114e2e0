#!/usr/bin/env python3
"""Copies the ticker demo (`make demo-tickers`) into the site and lists it for the ticker view.

    tools/ticker_site.py DEMO_TICKERS_DIR SITE/tickers

DEMO_TICKERS_DIR holds data/<interval>/<ticker>.csv (vixray simulate tickers),
models/<interval>/<MARKET>.json (vixray ticker train) and anomalies_<interval>.json (vixray
ticker score). The site gets the same layout plus index.json:

    {"format": "vixray-ticker-index", "simulated": true,
     "models": [{"path", "market", "interval"}],
     "tickers": [{"ticker", "market", "interval", "csv", "path", "model", "anomalies",
                  "simulated": true}]}

Paths are relative to the tickers/ folder; "path" repeats "csv" (web/js/ticker/worker_ticker.js
reads "path"). 5-minute tickers come first: the view opens the first one by default. The market
comes from each model file (its "market" and "interval" fields); a CSV whose market and interval
have no model is an error.
"""
import json
import pathlib
import shutil
import sys

INTERVALS = ["5m", "1d"]
# The simulator's tickers in its order (SIMA/SIMB US, 99xx.T JP, SIM?.BK TH).
ORDER = ["SIMA", "SIMB", "9901.T", "9902.T", "SIMC.BK", "SIMD.BK"]


def market_of(ticker):
    upper = ticker.upper()
    return "JP" if upper.endswith(".T") else "TH" if upper.endswith(".BK") else "US"


def sort_key(ticker):
    return (ORDER.index(ticker) if ticker in ORDER else len(ORDER), ticker)


def main(src, dst):
    src, dst = pathlib.Path(src), pathlib.Path(dst)
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    models, tickers = [], []
    for interval in INTERVALS:
        model_of = {}
        for path in sorted((src / "models" / interval).glob("*.json")):
            bundle = json.loads(path.read_text())
            if bundle.get("interval") != interval:
                sys.exit(f"{path}: interval {bundle.get('interval')!r}, expected {interval!r}")
            relative = f"models/{interval}/{path.name}"
            (dst / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dst / relative)
            model_of[bundle["market"]] = relative
            models.append({"path": relative, "market": bundle["market"], "interval": interval})
        anomalies = src / f"anomalies_{interval}.json"
        if anomalies.exists():
            shutil.copy(anomalies, dst / anomalies.name)
        csvs = sorted((src / "data" / interval).glob("*.csv"), key=lambda p: sort_key(p.stem))
        for path in csvs:
            market = market_of(path.stem)
            if market not in model_of:
                sys.exit(f"{path}: no {market} {interval} model in {src / 'models' / interval}")
            relative = f"{interval}/{path.name}"
            (dst / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dst / relative)
            tickers.append(
                {
                    "ticker": path.stem,
                    "market": market,
                    "interval": interval,
                    "csv": relative,
                    "path": relative,
                    "model": model_of[market],
                    "anomalies": anomalies.name if anomalies.exists() else None,
                    "simulated": True,
                }
            )
    if not tickers:
        sys.exit(f"{src}: no ticker CSV under data/5m or data/1d")
    for name in ("README.md", "data/README.md"):
        if (src / name).exists():
            shutil.copy(src / name, dst / "README.md")
            break
    index = {
        "format": "vixray-ticker-index",
        "simulated": True,
        "models": models,
        "tickers": tickers,
    }
    (dst / "index.json").write_text(json.dumps(index, indent=2) + "\n")
    print(f"ticker_site: {len(tickers)} tickers, {len(models)} models -> {dst}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tools/ticker_site.py DEMO_TICKERS_DIR SITE/tickers")
    main(sys.argv[1], sys.argv[2])
