// `labs verify --all --shard I/N`: split the labs into N stable shards so CI jobs can run them in parallel.

export class ShardError extends Error {
  override readonly name = 'ShardError';
  readonly kind = 'usage'; // an invalid flag: exit 2
}

const shardPattern = /^(\d+)\/(\d+)$/;

function defaultName(item: unknown): string {
  if (typeof item === 'string') return item;
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : String(item);
}

// Parse "I/N" (1-based) into numbers, or explain what is wrong with it
export function parseShard(shard: string): { index: number; count: number } {
  const match = shardPattern.exec(shard.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ShardError(
      `--shard "${shard}" is not a shard; expected I/N with 1 <= I <= N, e.g. --shard 1/2.`,
    );
  }
  return { index, count };
}

// The items of shard I of N: sorted by name, then every Nth from position I (round-robin keeps shards even)
export function selectShard<T>(items: T[], shard: string, nameOf: (item: T) => string = defaultName): T[] {
  const { index, count } = parseShard(shard);
  const sorted = [...items].sort((a, b) => {
    const [x, y] = [nameOf(a), nameOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return sorted.filter((_, position) => position % count === index - 1);
}
