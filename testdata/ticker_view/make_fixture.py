#!/usr/bin/python3
"""Writes the ticker view's test file AAPL.csv: six US sessions of 5-minute bars (Yahoo's
intraday CSV, offsets -05:00 then -04:00 across the 2024-03-10 daylight-saving change), a
deterministic random walk (an LCG, no library) with three embedded oddities: a gap at an open,
a volume surge with a long upper wick, and a flash drop. Run from the repository root:
    /usr/bin/python3 testdata/ticker_view/make_fixture.py > testdata/ticker_view/AAPL.csv
"""
import math

state = 12345


def uniform():
    global state
    state = (6364136223846793005 * state + 1442695040888963407) % (1 << 64)
    return ((state >> 11) + 0.5) / float(1 << 53)


def normal():
    return math.sqrt(-2.0 * math.log(uniform())) * math.cos(2.0 * math.pi * uniform())


days = [("2024-03-06", "-05:00"), ("2024-03-07", "-05:00"), ("2024-03-08", "-05:00"),
        ("2024-03-11", "-04:00"), ("2024-03-12", "-04:00"), ("2024-03-13", "-04:00")]
price = 170.0
print("Datetime,Open,High,Low,Close,Adj Close,Volume")
for d, (day, offset) in enumerate(days):
    for k in range(78):
        minutes = 9 * 60 + 30 + 5 * k
        stamp = f"{day} {minutes // 60:02d}:{minutes % 60:02d}:00{offset}"
        open_ = price * (1.0 + (0.012 if (d == 3 and k == 0) else 0.0))
        ret = 0.0008 * normal()
        volume = int(200000 * (1.0 + 0.3 * abs(normal())) * (1.6 if k < 6 or k > 71 else 1.0))
        upper = abs(normal()) * 0.0005
        lower = abs(normal()) * 0.0005
        if d == 1 and k == 40:  # volume surge with a long upper wick
            volume *= 9
            upper = 0.009
        if d == 4 and k == 30:  # flash drop
            ret = -0.015
            lower = 0.006
            volume *= 5
        close = open_ * (1.0 + ret)
        high = max(open_, close) * (1.0 + upper)
        low = min(open_, close) * (1.0 - lower)
        print(f"{stamp},{open_:.2f},{high:.2f},{low:.2f},{close:.2f},{close:.2f},{volume}")
        price = close
