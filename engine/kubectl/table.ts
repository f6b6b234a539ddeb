/**
 * kubectl's column layout: cells joined by tabs and aligned by a tabwriter with minwidth 6,
 * padding 3 and RememberWidths (widths grow across flushes, never shrink), the last cell of a line
 * unpadded.
 */

/** A table to print: the header cells (already upper-case) and the rows. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const MIN_WIDTH = 6;
const PADDING = 3;

// Models cli-runtime printers.GetNewTabWriter (liggitt/tabwriter: minwidth 6, padding 3, RememberWidths).
function columnWidths(lines: readonly (readonly string[])[], remembered: readonly number[]): number[] {
  const widths = [...remembered];
  for (const cells of lines) {
    // Only tab-terminated cells (all but the last) take part in alignment.
    for (let c = 0; c < cells.length - 1; c++) {
      const w = Math.max(MIN_WIDTH, [...cells[c]].length + PADDING);
      if (widths[c] === undefined || widths[c] < w) widths[c] = w;
    }
  }
  return widths;
}

function renderLine(cells: readonly string[], widths: readonly number[]): string {
  let out = '';
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    out += c === cells.length - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length);
  }
  return out;
}

/**
 * Aligns `lines` as one flushed tabwriter block. Returns the text (each line ending in "\n") and
 * the widths to remember for the next block (pass them back as `remembered` for `-w`).
 */
export function tabwrite(lines: readonly (readonly string[])[], remembered: readonly number[] = []): { text: string; widths: number[] } {
  const widths = columnWidths(lines, remembered);
  return { text: lines.map((l) => renderLine(l, widths) + '\n').join(''), widths };
}

// Models cli-runtime tableprinter.go appendCellValue: a cell is cut at its first line break with "...".
export function cellText(value: string): string {
  const i = value.search(/[\f\n\r]/);
  return (i < 0 ? value : value.slice(0, i) + '...').split('\u001b').join('^[');
}

/**
 * Prints a table as `kubectl get` does: header (unless `noHeaders`) and rows in one block.
 * Nothing at all for a table without rows (kubectl prints no header then).
 */
// Models cli-runtime tableprinter.go printTable.
export function printTable(table: Table, noHeaders = false): string {
  if (table.rows.length === 0) return '';
  const lines = noHeaders ? table.rows : [table.header, ...table.rows];
  return tabwrite(lines.map((l) => l.map(cellText))).text;
}

/**
 * `kubectl get -w` output: the first batch is the initial list, each later batch the row(s) of one
 * watch event. The header goes with the first batch that has rows; each batch is flushed on its own,
 * so column widths only ever grow (RememberWidths).
 */
// Models kubectl get.go watch with cli-runtime HumanReadablePrinter.PrintObj header suppression.
export function watchTable(header: readonly string[], batches: readonly (readonly (readonly string[])[])[], noHeaders = false): string {
  let widths: number[] = [];
  let printedHeader = noHeaders;
  let out = '';
  for (const batch of batches) {
    if (batch.length === 0) continue;
    const lines = printedHeader ? batch : [header, ...batch];
    printedHeader = true;
    const block = tabwrite(lines.map((l) => l.map(cellText)), widths);
    widths = block.widths;
    out += block.text;
  }
  return out;
}
