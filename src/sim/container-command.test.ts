import { describe, expect, it } from 'vitest';
import { commandOf, isOneShot } from './container-command.ts';

describe('commandOf', () => {
  it('runs curl for curlimages/curl when the args start with an option, else the args themselves', () => {
    expect(commandOf({ image: 'curlimages/curl', args: ['-s', 'http://a/'] })).toEqual(['curl', '-s', 'http://a/']);
    expect(commandOf({ image: 'docker.io/curlimages/curl:8.11.1', args: ['curl', '-s', 'http://a/'] })).toEqual(['curl', '-s', 'http://a/']);
  });

  it('uses the pod\'s command with its args, and knows nothing of server images', () => {
    expect(commandOf({ image: 'busybox', command: ['sleep'], args: ['3600'] })).toEqual(['sleep', '3600']);
    expect(commandOf({ image: 'busybox:1.36', args: ['sh', '-c', 'echo hi'] })).toEqual(['sh', '-c', 'echo hi']);
    expect(commandOf({ image: 'docker.io/istio/examples-helloworld-v1:1.0' })).toBeUndefined();
  });
});

describe('isOneShot', () => {
  it.each([
    [['curl', '-s', 'http://a/'], true], [['sh', '-c', 'echo hi; exit 2'], true], [['sleep', 'infinity'], false],
    [['sh', '-c', 'while true; do sleep 1; done'], false], [['cat'], false], [['sh'], false],
  ])('%j is one-shot: %s', (argv, expected) => {
    expect(isOneShot(argv)).toBe(expected);
  });
});
