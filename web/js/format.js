// Number, date and DOM helpers shared by the panels. Text that comes from data or from the
// reader's files is always set with textContent (never parsed as HTML).

const missing = '–';

export function isNum(x) {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A number with `digits` decimals, thousands separators, or a dash when missing. */
export function fmt(x, digits = 2) {
  if (!isNum(x)) return missing;
  return x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A signed number (+1.23 / −1.23). */
export function fmtSigned(x, digits = 2) {
  if (!isNum(x)) return missing;
  return (x > 0 ? '+' : x < 0 ? '−' : '') + fmt(Math.abs(x), digits);
}

/** A percentage of a value already in percent units (12.3 -> "12.3%"). */
export function fmtPct(x, digits = 1, signed = false) {
  if (!isNum(x)) return missing;
  return (signed ? fmtSigned(x, digits) : fmt(x, digits)) + '%';
}

/** A share in [0, 1] shown as a percentage (0.123 -> "12.3%"). */
export function fmtShare(x, digits = 1) {
  return isNum(x) ? fmtPct(x * 100, digits) : missing;
}

export function fmtInt(x) {
  return isNum(x) ? Math.round(x).toLocaleString('en-US') : missing;
}

/**
 * An ordinal number in English: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 92nd, 101st,
 * 1,002nd (rounded to a whole number as fmtInt does), or a dash when missing.
 */
export function ordinal(x) {
  if (!isNum(x)) return missing;
  const n = Math.abs(Math.round(x));
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return fmtInt(x) + suffix;
}

/** Creates an element with optional class and text (textContent, never HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** A level badge: <span class="level-badge level-HIGH">HIGH</span>. */
export function levelBadge(levelName) {
  const name =
    typeof levelName === 'string' && /^[A-Z]+$/.test(levelName) ? levelName : 'UNAVAILABLE';
  return el('span', `level-badge level-${name}`, name);
}

/** Replaces the children of `node` with `children` (nodes or strings as text). */
export function replaceChildren(node, ...children) {
  node.replaceChildren(
    ...children.map((c) => (typeof c === 'string' ? document.createTextNode(c) : c)),
  );
}

/** A tooltip body for ECharts built from DOM nodes: rows of [label, value] pairs. */
export function tooltipNode(title, rows) {
  const box = el('div', 'tooltip');
  if (title) box.appendChild(el('div', 'tooltip-title', title)).style.fontWeight = '600';
  for (const [label, value, color] of rows) {
    const row = el('div');
    if (color) {
      const dot = el('span');
      Object.assign(dot.style, {
        display: 'inline-block',
        width: '0.6em',
        height: '0.6em',
        borderRadius: '50%',
        background: color,
        marginRight: '0.4em',
      });
      row.appendChild(dot);
    }
    row.appendChild(document.createTextNode(`${label}: `));
    const strong = el('strong', null, value);
    row.appendChild(strong);
    box.appendChild(row);
  }
  return box;
}

/** A table in a scrolling wrapper; a cell is text (set as a text node, never HTML) or a node;
 *  `numeric[k]` right-aligns column k. */
export function table(headers, rows, numeric) {
  const wrap = el('div', 'table-wrap');
  const t = el('table');
  const head = el('tr');
  headers.forEach((h, k) => head.append(el('th', numeric[k] ? 'num' : null, h)));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, k) => {
      const td = el('td', numeric[k] ? 'num' : null);
      td.append(cell instanceof Node ? cell : String(cell));
      tr.append(td);
    });
    body.append(tr);
  }
  t.append(thead, body);
  wrap.append(t);
  return wrap;
}
