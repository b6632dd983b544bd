import { describe, expect, it } from 'vitest';
import { formatDoctorReport } from './doctor.ts';

describe('labs doctor output', () => {
  it('prints one aligned line per check and the fix under each one that is not ok', () => {
    const lines = formatDoctorReport(
      {
        checks: [
          { name: 'Node.js', status: 'ok', detail: 'v20.20.2' },
          { name: 'Docker daemon', status: 'missing', detail: 'Cannot connect', fix: 'Start Docker.' },
          { name: 'GitHub releases', status: 'warn', detail: 'not reachable', fix: 'Cached versions still work.' },
        ],
      },
      false,
    );
    expect(lines).toEqual([
      '✓ Node.js          v20.20.2',
      '✗ Docker daemon    Cannot connect',
      '                   → Start Docker.',
      '! GitHub releases  not reachable',
      '                   → Cached versions still work.',
    ]);
  });
});
