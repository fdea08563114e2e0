// The ticker view's static markup (no data: every text from data is set with textContent).
export const TEMPLATE = `
<section class="panel wide ticker" id="ticker-view" aria-labelledby="ticker-heading">
  <div class="panel-head">
    <h2 id="ticker-heading">Tickers</h2>
    <button type="button" id="ticker-back">Back to the market view</button>
  </div>
  <p class="hint">One stock's bars scored by its market's model in this browser (the file name's
    suffix picks it: <code>.T</code> Tokyo, <code>.BK</code> Bangkok, else US); nothing is uploaded.
    Yahoo, yfinance, Stooq or <code>timestamp,open,high,low,close,volume</code> CSV files, daily or intraday.</p>
  <div class="ticker-pick">
    <label>Demo ticker (simulated)
      <select id="ticker-demo"><option value="">choose…</option></select></label>
    <div id="ticker-drop" class="dropzone">
      <span>Drop ticker CSV files (or a ticker model .json) here, or</span>
      <button type="button" id="ticker-pick">choose files…</button>
    </div>
    <input id="ticker-input" type="file" accept=".csv,.json,text/csv,application/json" multiple hidden>
  </div>
  <p id="ticker-models" class="muted"></p>
  <ul id="ticker-files" class="csv-results" aria-live="polite"></ul>
  <p id="ticker-status" role="status" aria-live="polite"></p>
  <h3 id="ticker-title"></h3>
  <p class="ticker-facts"><span id="ticker-unmatched"></span> <span id="ticker-check" class="muted"></span></p>
  <div class="ticker-toggles" role="group" aria-label="Chart layers">
    <label class="toggle"><input type="checkbox" id="ticker-markers" checked> Anomaly markers</label>
    <label class="toggle"><input type="checkbox" id="ticker-vwap"> VWAP</label>
    <label class="toggle"><input type="checkbox" id="ticker-bollinger"> Bollinger bands</label>
  </div>
  <div class="chart ticker-chart" id="ticker-chart" data-panel="ticker"></div>
  <div class="ticker-lower">
    <div class="ticker-table-box">
      <h3>Anomalies</h3>
      <div class="table-wrap">
        <table class="ticker-table">
          <thead><tr><th>Bar (local)</th><th>Score</th><th>From</th><th>Status</th><th>Note</th></tr></thead>
          <tbody id="ticker-rows"></tbody>
        </table>
      </div>
      <p id="ticker-empty" class="muted">No anomaly in this file.</p>
      <div class="review-buttons">
        <button type="button" id="ticker-export-csv">Export CSV</button>
        <button type="button" id="ticker-export-json">Export JSON</button>
        <button type="button" id="ticker-import">Import…</button>
        <input id="ticker-import-input" type="file" accept=".csv,.json" hidden>
      </div>
      <p id="ticker-review-msg" aria-live="polite"></p>
    </div>
    <div class="ticker-explain-box">
      <h3>Why this bar (TreeSHAP)</h3>
      <p class="hint">Click a marker, a candle or a row. Contribution per indicator: positive pushed the bar towards anomalous.</p>
      <div id="ticker-explain"></div>
    </div>
  </div>
</section>`;
