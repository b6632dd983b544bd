// The reachability matrix as one self-contained HTML page: a coloured grid per step, changes with a thick border.
import { sourceLabels, type MatrixCell, type MatrixGrid, type ReachabilityMatrix } from './matrix.ts';

export type CellClass = 'ok' | 'denied' | 'unavailable' | 'broken' | 'other' | 'not-run';

// The colour class of an outcome: 2xx green, 401/403 red, 503 orange, reset/timeout dark red, not-run grey; other
// statuses and a server that answered but not in HTTP (a database) purple.
export function classifyCell(cell: MatrixCell): CellClass {
  if (cell === 'not-run') return 'not-run';
  if (/^2\d\d$/.test(cell)) return 'ok';
  if (cell === '401' || cell === '403') return 'denied';
  if (cell === '503') return 'unavailable';
  if (/^\d+$/.test(cell) || cell === 'not-http') return 'other';
  return 'broken';
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:separate;border-spacing:3px;margin-bottom:2rem}
th{font-weight:600;font-size:.85rem;text-align:left;padding:.2rem .4rem}
thead th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom}
td{min-width:3.2rem;text-align:center;padding:.35rem;border:3px solid transparent;font-size:.85rem}
td.changed{border:3px solid #111}
.ok{background:#2e9e44;color:#fff}.denied{background:#d32f2f;color:#fff}.unavailable{background:#f57c00;color:#fff}
.broken{background:#6d0f0f;color:#fff}.other{background:#7b61ff;color:#fff}.not-run{background:#bbb;color:#333}
.legend span{display:inline-block;padding:.2rem .6rem;margin-right:.4rem;font-size:.85rem}
h2{font-size:1.1rem;margin-bottom:.4rem}`;

const LEGEND: Array<[CellClass, string]> = [
  ['ok', '2xx: allowed'],
  ['denied', '401/403: denied by a proxy'],
  ['unavailable', '503: unavailable (e.g. ztunnel refused the waypoint)'],
  ['broken', 'reset / timeout / refused: connection failed'],
  ['other', 'other HTTP status, or not-http: reached, but the server does not speak HTTP'],
  ['not-run', 'not run'],
];

function renderGrid(grid: MatrixGrid): string {
  const head = sourceLabels(grid.sources)
    .map((l, j) => `<th title="${escape(grid.sources[j]!)}">${escape(l)}</th>`)
    .join('');
  const rows = grid.rows.map((r, i) => {
    const cells = grid.cells[i]!.map((c, j) => {
      const classes = [classifyCell(c), ...(grid.changed[i]?.[j] ? ['changed'] : [])].join(' ');
      return `<td class="${classes}" title="${escape(`${grid.sources[j]} → ${r.method} ${r.url}`)}">${escape(c)}</td>`;
    });
    return `<tr><th>${escape(`${r.method} ${r.destination}`)}</th>${cells.join('')}</tr>`;
  });
  return `<section id="step-${escape(grid.stepId)}"><h2>${escape(grid.stepId)}: ${escape(grid.title)}</h2>
<table><thead><tr><th></th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

// The whole page: title, legend, one grid per step.
export function renderMatrixHtml(matrix: ReachabilityMatrix): string {
  const legend = LEGEND.map(([c, text]) => `<span class="${c}">${escape(text)}</span>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(matrix.lab)}: who can reach whom</title>
<style>${STYLE}</style></head><body>
<h1>${escape(matrix.title)}</h1>
<p>Rows: the request (method and Service port); columns: the calling pod. A thick border marks a change since the previous step.</p>
<p class="legend">${legend}<span class="changed" style="border:3px solid #111">changed</span></p>
${matrix.grids.map(renderGrid).join('\n')}
</body></html>
`;
}
