import { describe, expect, it } from 'vitest';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors.ts';

const labels = { app: 'web', tier: 'front', 'istio.io/rev': 'default' };
const match = (selector: string): boolean => matchesRequirements(labels, parseLabelSelector(selector));

describe('label selectors', () => {
  it.each([
    ['app=web', true], ['app==web', true], ['app!=web', false], ['app!=api', true], ['missing!=x', true],
    ['app in (web,api)', true], ['app notin (web)', false], ['tier', true], ['!tier', false], ['!missing', true],
    ['app=web,tier=back', false], ['app in (a, web),istio.io/rev=default', true],
  ])('%s matches: %s', (selector, expected) => {
    expect(match(selector)).toBe(expected);
  });

  it('refuses a selector it cannot parse with 400', () => {
    expect(() => parseLabelSelector('app in web)')).toThrow(/unable to parse requirement/);
  });
});

describe('field selectors', () => {
  const pod: any = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'demo' }, status: { phase: 'Running' } };

  it('matches metadata.name, metadata.namespace and a pod\'s status.phase', () => {
    expect(matchesFields(pod, parseFieldSelector('metadata.name=x,status.phase!=Pending', 'Pod'))).toBe(true);
    expect(matchesFields(pod, parseFieldSelector('metadata.namespace==other', 'Pod'))).toBe(false);
  });

  it('refuses fields the API server does not index for the kind', () => {
    expect(() => parseFieldSelector('status.phase=Running', 'Service')).toThrow('field label not supported: status.phase');
  });
});
