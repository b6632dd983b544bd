import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, selectShard, ShardError } from './shard.ts';

describe('selectShard', () => {
  it('deals the labs sorted by name round-robin, so shard 1/2 and 2/2 alternate', () => {
    const labs = ['090-jwt', '010-intro', '080-authorization', '020-mtls'];
    expect(selectShard(labs, '1/2')).toEqual(['010-intro', '080-authorization']);
    expect(selectShard(labs, '2/2')).toEqual(['020-mtls', '090-jwt']);
  });

  it('selects objects by their name field', () => {
    const labs = [{ name: 'b' }, { name: 'a' }, { name: 'c' }];
    expect(selectShard(labs, '1/3')).toEqual([{ name: 'a' }]);
    expect(selectShard(labs, '3/3')).toEqual([{ name: 'c' }]);
  });

  it('gives every lab to exactly one shard whatever the input order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (names, count) => {
        const shards = Array.from({ length: count }, (_, i) => selectShard(names, `${i + 1}/${count}`));
        expect(shards.flat().sort()).toEqual([...names].sort());
        const reversed = Array.from({ length: count }, (_, i) => selectShard([...names].reverse(), `${i + 1}/${count}`));
        expect(reversed).toEqual(shards);
      }),
    );
  });

  it.each(['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', ''])('rejects the shard "%s" as a usage error', (shard) => {
    expect(() => selectShard(['a'], shard)).toThrow(ShardError);
    expect(() => parseShard(shard)).toThrow(`--shard "${shard}" is not a shard; expected I/N with 1 <= I <= N, e.g. --shard 1/2.`);
  });

  it('marks an invalid shard with the usage kind, which the CLI maps to exit 2', () => {
    try {
      parseShard('5/4');
    } catch (error) {
      expect((error as ShardError).kind).toBe('usage');
    }
    expect.assertions(1);
  });
});
