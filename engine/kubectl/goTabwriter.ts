/**
 * Go's text/tabwriter, as `kubectl describe` configures it (minwidth 0, padding 2, pad with
 * spaces, no flags): tab-terminated cells align in column blocks, a block being the run of
 * consecutive lines that have a cell in that column.
 */

/** Layout options of a Go tabwriter (padding character is always a space here). */
export interface TabwriterOptions {
  readonly minwidth: number;
  readonly padding: number;
}

/** kubectl describe's tabbedString settings. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

const runeLength = (s: string): number => [...s].length;

/**
 * Formats `text` exactly as a Go tabwriter would on Flush. Every '\n' ends a line; within a line
 * each '\t' ends a cell; the text after the last tab is not aligned.
 */
// Models Go text/tabwriter Writer.format / writeLines.
export function goTabwrite(text: string, opts: TabwriterOptions = DESCRIBE_TABWRITER): string {
  const rawLines = text.split('\n');
  const trailingNewline = rawLines[rawLines.length - 1] === '';
  if (trailingNewline) rawLines.pop();
  const lines = rawLines.map((l) => l.split('\t'));
  const widths: number[] = [];
  let out = '';

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      for (let j = 0; j < cells.length; j++) {
        out += cells[j];
        if (j < widths.length && j < cells.length - 1) out += ' '.repeat(Math.max(0, widths[j] - runeLength(cells[j])));
      }
      out += '\n';
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const cells = lines[cur];
        if (column >= cells.length - 1) break;
        const w = runeLength(cells[column]) + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return trailingNewline ? out : out.slice(0, -1);
}
