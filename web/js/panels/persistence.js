// Persistence tracker: the ensemble score of the last 30 trading days coloured by level, the
// model's threshold lines, and the episode statistics (runs of days at HIGH or above).
import { axisStyle, baseOption, chartFor, levelColor, thresholdLines } from '../charts.js';
import { el, fmt, fmtInt, fmtShare, tooltipNode } from '../format.js';
import { levelName } from '../analysis_view.js';

const DAYS_SHOWN = 30;

function stat(label, value, id) {
  const row = el('div');
  row.dataset.stat = id;
  row.append(el('dt', null, label), el('dd', null, value));
  return row;
}

export function render(section, { view, state, colors }) {
  const end = view.lastIndex >= 0 ? view.lastIndex : view.n - 1;
  const start = Math.max(0, end - DAYS_SHOWN + 1);
  const chart = chartFor(
    section.querySelector('[data-panel="persistence"]'),
    (params) => start + params.dataIndex,
  );
  const rows = [];
  for (let i = start; i <= end; i++) {
    const score = view.days.score[i];
    const name = levelName(view.days.level[i]);
    rows.push({
      value: [view.dates[i].slice(5), Number.isFinite(score) ? score : null],
      itemStyle: {
        color: levelColor(colors, name),
        borderColor: i === state.selectedIndex ? colors.text : 'transparent',
        borderWidth: i === state.selectedIndex ? 2 : 0,
      },
    });
  }
  const axis = axisStyle(colors);
  chart.setOption(
    {
      ...baseOption(colors),
      grid: { left: 44, right: 12, top: 16, bottom: 28 },
      tooltip: {
        ...baseOption(colors).tooltip,
        trigger: 'axis',
        formatter: (items) => {
          const i = start + (items[0]?.dataIndex ?? 0);
          return tooltipNode(view.dates[i], [
            ['Ensemble score', fmt(view.days.score[i], 3)],
            ['Level', levelName(view.days.level[i])],
            [
              'Detectors firing',
              `${fmtInt(view.days.firing[i])} / ${fmtInt(view.detectors.length)}`,
            ],
          ]);
        },
      },
      xAxis: { type: 'category', ...axis, splitLine: { show: false } },
      yAxis: { type: 'value', min: 0, max: 1, ...axis },
      series: [
        {
          type: 'bar',
          data: rows,
          barCategoryGap: '20%',
          markLine: thresholdLines(view.thresholds, colors),
        },
      ],
    },
    { notMerge: true },
  );

  const p = view.persistence;
  const episodes = p.episodes;
  const lastEpisode = episodes.length ? episodes[episodes.length - 1] : null;
  section
    .querySelector('[data-stats="persistence"]')
    .replaceChildren(
      stat('Current streak', `${fmtInt(p.currentStreak)} days`, 'current-streak'),
      stat('Episodes', fmtInt(episodes.length), 'episodes'),
      stat('Mean duration', `${fmt(p.meanDuration, 1)} days`, 'mean-duration'),
      stat('Longest', `${fmtInt(p.maxDuration)} days`, 'max-duration'),
      stat('Days at HIGH+', fmtInt(p.totalAnomalyDays), 'total-days'),
      stat('Anomaly rate', fmtShare(p.anomalyRate, 1), 'anomaly-rate'),
      stat(
        'Last episode',
        lastEpisode ? `${lastEpisode.startDate} (${fmtInt(lastEpisode.length)} d)` : 'none',
        'last-episode',
      ),
    );
}
