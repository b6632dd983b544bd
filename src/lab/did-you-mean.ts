// Suggestions for misspelt keys, choices and file names.

// The edit distance between two words (insertions, deletions, substitutions, adjacent swaps).
export function measureEditDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

// The closest choice when it is near enough to be a typo (distance ≤ 2, less for short words), else undefined.
export function suggestChoice(word: string, choices: readonly string[]): string | undefined {
  const limit = word.length <= 3 ? 1 : 2;
  let best: { choice: string; distance: number } | undefined;
  for (const choice of choices) {
    const distance = measureEditDistance(word.toLowerCase(), choice.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { choice, distance };
  }
  return best?.choice;
}

// ' Did you mean "x"?' or an empty string.
export function formatSuggestion(word: string, choices: readonly string[]): string {
  const choice = suggestChoice(word, choices);
  return choice === undefined ? '' : ` Did you mean "${choice}"?`;
}

// "a", "a and b", "a, b and c".
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}
