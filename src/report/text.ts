// Text layout shared by the terminal views: a paragraph broken into indented lines of a given width.

// "1 step", "3 checks": a count with its noun, plural unless one.
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// Break a paragraph into lines of at most width characters (a longer word gets a line of its own), each indented.
export function wrapParagraph(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, indent + line] : lines;
}
