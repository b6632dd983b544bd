// The reachability matrix of a lab: after each step, what each client pod gets from each Service port.
// The data is computed elsewhere (src/explain/matrix.ts); this file declares it and draws it as text.

// A cell: the HTTP status curl saw ("200", "403", "503"), a connection error ("reset", "timeout", "refused",
// "dns", "empty-reply", "not-http" for a server that does not answer in HTTP), or "not-run" when the request
// could not be evaluated.
export type MatrixCell = string;

export interface MatrixRow {
  destination: string; // "viaggi.travel-portal:8000"
  method: string; // GET
  url: string; // the URL curl requests
}

export interface MatrixGrid {
  stepId: string; // "setup" for the state after setup
  title: string;
  sources: string[]; // "travel-agency/cars-v1": one pod per client workload
  rows: MatrixRow[];
  cells: MatrixCell[][]; // [row][source]
  changed: boolean[][]; // [row][source]: differs from the same cell of the previous grid
}

export interface ReachabilityMatrix {
  lab: string;
  title: string;
  grids: MatrixGrid[];
}

const rowKey = (r: MatrixRow) => `${r.method} ${r.url}`;

// Mark, in each grid, the cells whose outcome differs from the same source and request in the grid before it.
export function markChanges(grids: MatrixGrid[]): MatrixGrid[] {
  return grids.map((grid, g) => {
    const previous = grids[g - 1];
    if (!previous) return { ...grid, changed: grid.cells.map((row) => row.map(() => false)) };
    const before = new Map<string, MatrixCell>();
    previous.rows.forEach((r, i) =>
      previous.sources.forEach((s, j) => before.set(`${rowKey(r)}|${s}`, previous.cells[i]![j]!)),
    );
    const changed = grid.rows.map((r, i) =>
      grid.sources.map((s, j) => {
        const old = before.get(`${rowKey(r)}|${s}`);
        return old !== undefined && old !== grid.cells[i]![j];
      }),
    );
    return { ...grid, changed };
  });
}

// The short column heading of a source: the workload name, with its namespace only where names repeat.
export function sourceLabels(sources: readonly string[]): string[] {
  const names = sources.map((s) => s.split('/').at(-1) ?? s);
  return sources.map((s, i) => (names.filter((n) => n === names[i]).length > 1 ? s : names[i]!));
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));

// One grid as text: a row per destination and method, a column per source; `*` marks a change since the last step.
export function renderMatrixText(grid: MatrixGrid): string[] {
  const labels = sourceLabels(grid.sources);
  const heads = grid.rows.map((r) => `${r.method} ${r.destination}`);
  const first = Math.max('destination'.length, ...heads.map((h) => h.length));
  const widths = labels.map((l, j) => Math.max(l.length, ...grid.cells.map((row) => row[j]!.length + 1)));
  const lines = [
    `${grid.stepId}: ${grid.title}`,
    `${pad('destination', first)}  ${labels.map((l, j) => pad(l, widths[j]!)).join('  ')}`.trimEnd(),
  ];
  grid.rows.forEach((_, i) => {
    const cells = grid.cells[i]!.map((c, j) => pad(`${c}${grid.changed[i]?.[j] ? '*' : ''}`, widths[j]!));
    lines.push(`${pad(heads[i]!, first)}  ${cells.join('  ')}`.trimEnd());
  });
  if (grid.changed.some((row) => row.some(Boolean))) lines.push('* changed since the previous step');
  return lines;
}
