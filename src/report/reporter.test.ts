import { describe, expect, it } from 'vitest';
import { createMultiplexer, type Reporter } from './reporter.ts';
import { sampleReport } from './testing.ts';

describe('the reporter multiplexer', () => {
  it('keeps delivering events to the other reporters when one throws, and reports the failure', () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const broken: Reporter = { onLabEnd: () => { throw new Error('disk full'); } };
    const recording: Reporter = { onLabEnd: (r) => seen.push(`lab:end ${r.lab}`), onCheckEnd: (c) => seen.push(`check:end ${c.status}`), onDrift: () => seen.push('drift') };
    const mux = createMultiplexer([broken, recording], (e) => errors.push((e as Error).message));
    const report = sampleReport();
    mux.emit({ type: 'check:end', result: report.steps[0]!.checks[0]! });
    mux.emit({ type: 'lab:end', report });
    expect(seen).toEqual(['check:end passed', 'drift', 'lab:end 080-authorization']);
    expect(errors).toEqual(['disk full']);
  });
});
