import { describe, expect, it } from 'vitest';
import { splitArguments } from './kubectl.ts';

describe('splitArguments', () => {
  it('splits words the way a shell does', () => {
    expect(splitArguments('label ns hello istio.io/dataplane-mode=ambient --overwrite')).toEqual([
      'label', 'ns', 'hello', 'istio.io/dataplane-mode=ambient', '--overwrite',
    ]);
  });

  it('keeps quoted text together and drops the quotes', () => {
    expect(splitArguments(`exec deploy/curl -- sh -c 'curl -s "http://a:5000/hello"'`)).toEqual([
      'exec', 'deploy/curl', '--', 'sh', '-c', 'curl -s "http://a:5000/hello"',
    ]);
    expect(splitArguments(`annotate x a="b c" d=''`)).toEqual(['annotate', 'x', 'a=b c', 'd=']);
  });
});
