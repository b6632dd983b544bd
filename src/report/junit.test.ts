import { describe, expect, it } from 'vitest';
import { sampleReport } from './testing.ts';
import { toJunitXml } from './junit.ts';

// The smallest XML reader that checks well-formedness for our output: balanced tags, quoted attributes.
function parseXml(xml: string): Array<{ name: string; attrs: Record<string, string> }> {
  const elements: Array<{ name: string; attrs: Record<string, string> }> = [];
  const stack: string[] = [];
  for (const match of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, close, name = '', attrText = '', selfClose] = match;
    if (close) {
      expect(stack.pop()).toBe(name);
      continue;
    }
    const attrs = Object.fromEntries([...attrText.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    elements.push({ name, attrs });
    if (!selfClose) stack.push(name);
  }
  expect(stack).toEqual([]);
  return elements;
}

describe('toJunitXml', () => {
  const xml = toJunitXml([sampleReport()]);

  it('writes a testsuite per lab and a testcase per check, with counts that add up', () => {
    const elements = parseXml(xml);
    const suite = elements.find((e) => e.name === 'testsuite')!;
    expect(suite.attrs).toMatchObject({ name: '080-authorization', tests: '3', failures: '1', skipped: '1' });
    expect(elements.filter((e) => e.name === 'testcase').map((e) => e.attrs.classname)).toEqual([
      '080-authorization.strict-mtls',
      '080-authorization.strict-mtls',
      '080-authorization.strict-mtls',
    ]);
  });

  it('puts the failure line in the message and the command and curl output in the body', () => {
    expect(xml).toContain('<failure message="expected status 200; observed status 403 (&quot;RBAC: access denied&quot;)">');
    expect(xml).toContain('$ kubectl exec -n travel-portal deploy/viaggi -- curl -sS -i http://travels:8000/');
  });

  it('escapes what XML cannot hold and records drift as system-out', () => {
    expect(xml).toContain('ztunnel resets &lt;plaintext&gt; &amp; &quot;denied&quot; connections');
    expect(xml).toMatch(/<system-out>doc drift: the lesson says \{&quot;status&quot;:503\}/);
  });
});
