// Review statuses of a ticker's anomalies (seed 001: new / acknowledged / dismissed, and a
// note), kept in the browser's localStorage per ticker and model (its content_sha256), so they
// survive a reload. Imported entries whose time is no flagged bar are kept as "extra" anomaly
// times, which the core matches to bars as markers.

export const STATUSES = ['new', 'acknowledged', 'dismissed'];
const PREFIX = 'vixray-review';

const keyOf = (ticker, sha) => `${PREFIX}:${sha ?? 'no-model-sha'}:${ticker}`;

function read(key) {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (stored && typeof stored === 'object' && stored.entries && Array.isArray(stored.extras))
      return stored;
  } catch {
    // an unreadable entry is started again
  }
  return { entries: {}, extras: [] };
}

/** The review of one ticker under one model: statuses by bar datetime, extra times. */
export class ReviewStore {
  constructor(ticker, sha) {
    this.ticker = ticker;
    this.sha = sha;
    this.key = keyOf(ticker, sha);
    this.data = read(this.key);
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.data));
      return true;
    } catch {
      return false; // storage full or refused: the page says the review is not kept
    }
  }

  /** {status, note} of a bar datetime ('new', '' when never reviewed). */
  get(datetime) {
    return this.data.entries[datetime] ?? { status: 'new', note: '' };
  }

  set(datetime, { status, note }) {
    const current = this.get(datetime);
    this.data.entries[datetime] = {
      status: STATUSES.includes(status) ? status : current.status,
      note: note ?? current.note,
    };
    return this.save();
  }

  get extras() {
    return this.data.extras;
  }

  /**
   * Applies imported entries of this ticker ({datetime, status, note}); those whose datetime is
   * not in `flaggedTimes` become extra anomaly times. Returns the number applied.
   */
  importEntries(entries, flaggedTimes) {
    const flagged = new Set(flaggedTimes);
    for (const e of entries) {
      this.data.entries[e.datetime] = { status: e.status, note: e.note ?? '' };
      if (!flagged.has(e.datetime) && !this.data.extras.includes(e.datetime))
        this.data.extras.push(e.datetime);
    }
    this.save();
    return entries.length;
  }

  /** The vixray-review document (review.hpp) of the given datetimes, as JSON text. */
  documentOf(datetimes) {
    return JSON.stringify({
      format: 'vixray-review',
      format_version: '1.0',
      model_sha256: this.sha ?? '',
      entries: datetimes.map((datetime) => ({
        ticker: this.ticker,
        datetime,
        ...this.get(datetime),
      })),
    });
  }
}
