// The HTML matrix: parse the cells back out of the page and check outcomes, colours and highlighted changes.
import { describe, expect, it } from 'vitest';
import { markChanges, type MatrixGrid } from './matrix.ts';
import { classifyCell, renderMatrixHtml } from './matrix-html.ts';

// Each <td> of the page: its grid (section id), classes and text.
function parseCells(html: string): Array<{ step: string; title: string; classes: string[]; text: string }> {
  const cells: Array<{ step: string; title: string; classes: string[]; text: string }> = [];
  for (const section of html.matchAll(/<section id="step-([^"]+)">([\s\S]*?)<\/section>/g)) {
    for (const td of section[2]!.matchAll(/<td class="([^"]*)" title="([^"]*)">([^<]*)<\/td>/g)) {
      cells.push({
        step: section[1]!,
        classes: td[1]!.split(' '),
        title: td[2]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))),
        text: td[3]!,
      });
    }
  }
  return cells;
}

const grid = (stepId: string, cells: string[][]): MatrixGrid => ({
  stepId,
  title: `after <${stepId}>`,
  sources: ['test/curl', 'hello/web'],
  rows: [
    {
      destination: 'helloworld.hello:5000',
      method: 'GET',
      url: 'http://helloworld.hello.svc.cluster.local:5000/hello',
    },
  ],
  cells,
  changed: [],
});

describe('renderMatrixHtml', () => {
  const html = renderMatrixHtml({
    lab: 'demo',
    title: 'Demo & co',
    grids: markChanges([grid('setup', [['200', '200']]), grid('strict', [['reset', '200']])]),
  });

  it('writes one self-contained page with a legend, the step titles escaped and no external assets', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Demo &#38; co</h1>');
    expect(html).toContain('<h2>strict: after &#60;strict&#62;</h2>');
    expect(html).toContain('<p class="legend">');
    expect(html).not.toMatch(/<(link|script)|src=|href=/);
  });

  it('colours each cell by outcome and gives changed cells the changed class', () => {
    const cells = parseCells(html);
    expect(cells).toHaveLength(4);
    expect(cells.find((c) => c.step === 'strict' && c.title.startsWith('test/curl'))).toEqual({
      step: 'strict',
      classes: ['broken', 'changed'],
      text: 'reset',
      title: 'test/curl → GET http://helloworld.hello.svc.cluster.local:5000/hello',
    });
    expect(cells.find((c) => c.step === 'strict' && c.title.startsWith('hello/web'))?.classes).toEqual([
      'ok',
    ]);
    expect(cells.filter((c) => c.step === 'setup').every((c) => !c.classes.includes('changed'))).toBe(true);
  });

  it.each([
    ['200', 'ok'],
    ['204', 'ok'],
    ['403', 'denied'],
    ['401', 'denied'],
    ['503', 'unavailable'],
    ['reset', 'broken'],
    ['timeout', 'broken'],
    ['404', 'other'],
    ['not-http', 'other'],
    ['not-run', 'not-run'],
  ])('classifies %s as %s', (cell, expected) => {
    expect(classifyCell(cell)).toBe(expected);
  });
});
