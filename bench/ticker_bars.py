#!/usr/bin/python3
"""Synthetic 5-minute bars for `bench/ticker_bench.sh`: TICKERS files of DAYS New York sessions
(78 bars a day) as generic CSV (timestamp,open,high,low,close,volume), and the same bars pooled
as one wide frame (date,ticker.open,...; one made-up consecutive date per bar) that
`vixray features compute` reads. Deterministic (random.Random(seed)).

Usage: /usr/bin/python3 bench/ticker_bars.py OUT_DIR TICKERS DAYS
"""
import datetime
import os
import random
import sys


def main():
    out, tickers, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    frame = ["date,ticker.open,ticker.high,ticker.low,ticker.close,ticker.volume"]
    label = datetime.date(1900, 1, 1)
    for k in range(tickers):
        rng = random.Random(k + 1)
        price = 20.0 + 50.0 * k
        rows = ["timestamp,open,high,low,close,volume"]
        day = datetime.datetime(2023, 1, 2, 14, 30)  # 09:30 New York in winter, UTC
        done = 0
        while done < days:
            if day.weekday() < 5:
                for b in range(78):
                    shock = 10.0 if rng.random() < 0.01 else 1.0
                    close = price * (1.0 + shock * 0.002 * (2.0 * rng.random() - 1.0))
                    wick = price * 0.001 * rng.random()
                    high, low = max(price, close) + wick, min(price, close) - wick
                    volume = 1000 + int(1000 * rng.random())
                    t = day + datetime.timedelta(minutes=5 * b)
                    values = f"{price:.6f},{high:.6f},{low:.6f},{close:.6f},{volume}"
                    rows.append(t.strftime("%Y-%m-%dT%H:%M:%SZ") + "," + values)
                    frame.append(label.isoformat() + "," + values)
                    label += datetime.timedelta(days=1)
                    price = close
                done += 1
            day += datetime.timedelta(days=1)
        with open(os.path.join(out, f"T{k}.csv"), "w") as f:
            f.write("\n".join(rows) + "\n")
    with open(os.path.join(out, "frame.csv"), "w") as f:
        f.write("\n".join(frame) + "\n")


if __name__ == "__main__":
    main()
