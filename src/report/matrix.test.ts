// The matrix's change marking and text grid.
import { describe, expect, it } from 'vitest';
import { markChanges, renderMatrixText, sourceLabels, type MatrixGrid } from './matrix.ts';

const grid = (stepId: string, cells: string[][], rows = ['GET', 'POST']): MatrixGrid => ({
  stepId,
  title: `after ${stepId}`,
  sources: ['a/curl', 'b/curl', 'b/web'],
  rows: rows.map((method) => ({
    destination: 'hello.demo:5000',
    method,
    url: 'http://hello.demo.svc.cluster.local:5000/hello',
  })),
  cells,
  changed: [],
});

describe('markChanges', () => {
  it('marks the cells whose outcome differs from the same source and request one step earlier', () => {
    const [first, second] = markChanges([
      grid('one', [['200', '200', '200']], ['GET']),
      grid('two', [
        ['200', '403', 'reset'],
        ['403', '403', '403'],
      ]),
    ]);
    expect(first!.changed).toEqual([[false, false, false]]);
    expect(second!.changed).toEqual([
      [false, true, true],
      [false, false, false],
    ]);
  });
});

describe('renderMatrixText', () => {
  it('draws one row per request and one column per source, with * on changed cells', () => {
    const [, second] = markChanges([
      grid('one', [['200', '200', '200']], ['GET']),
      grid('two', [['200', '403', 'reset']], ['GET']),
    ]);
    expect(renderMatrixText(second!)).toEqual([
      'two: after two',
      'destination          a/curl  b/curl  web',
      'GET hello.demo:5000  200     403*    reset*',
      '* changed since the previous step',
    ]);
  });

  it('keeps the namespace in a heading only where workload names repeat', () => {
    expect(sourceLabels(['a/curl', 'b/curl', 'b/web'])).toEqual(['a/curl', 'b/curl', 'web']);
  });
});
