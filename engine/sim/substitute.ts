/**
 * Command substitution in console lines, as the shell on a node does it before running a command:
 * `crictl stopp $(crictl pods --name web -q)` runs the inner line first and puts its output in place,
 * trailing newlines removed; unquoted, the output splits into words at blanks; inside double quotes it
 * stays one word. Only `$( … )`: console lines have no variables, pipes or backquotes.
 */

export interface Substituted {
  readonly line: string;
  /** What the inner commands wrote to stderr (the shell passes it through). */
  readonly stderr: string;
}

/** At most this many substitutions in one line (nesting included), so a line cannot run without end. */
const MAX_SUBSTITUTIONS = 16;

/** Expands every `$( … )` of `line` with `run`; an unterminated one is an error, as in sh. */
export function substituteCommands(line: string, run: (inner: string) => { stdout: string; stderr: string }): Substituted | { error: string } {
  let budget = MAX_SUBSTITUTIONS;
  const expand = (text: string): Substituted | { error: string } => {
    let out = '';
    let stderr = '';
    let quote: "'" | '"' | null = null;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\\' && quote !== "'") { out += c + (text[i + 1] ?? ''); i++; continue; }
      if (quote === null && (c === "'" || c === '"')) { quote = c; out += c; continue; }
      if (c === quote) { quote = null; out += c; continue; }
      if (c !== '$' || text[i + 1] !== '(' || quote === "'") { out += c; continue; }
      const end = closingParen(text, i + 2);
      if (end < 0) return { error: "unexpected EOF while looking for matching `)'" };
      if (--budget < 0) return { error: `more than ${MAX_SUBSTITUTIONS} command substitutions in one line` };
      const inner = expand(text.slice(i + 2, end));
      if ('error' in inner) return inner;
      const r = run(inner.line);
      stderr += inner.stderr + r.stderr;
      out += quoted(r.stdout.replace(/\n+$/, ''), quote === '"');
      i = end;
    }
    return { line: out, stderr };
  };
  return expand(line);
}

/** Index of the `)` that closes a substitution whose body starts at `from`, or -1. */
function closingParen(text: string, from: number): number {
  let depth = 0;
  let quote: "'" | '"' | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote !== "'") { i++; continue; }
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return i;
  }
  return -1;
}

/** The output as the tokenizer should read it: literal characters, blanks separating words unless in double quotes. */
function quoted(s: string, inDouble: boolean): string {
  if (inDouble) return s.replace(/["\\$`]/g, '\\$&');
  return s.replace(/[^ \t\n]/g, (ch) => (/[A-Za-z0-9._\-/:=@%+,]/.test(ch) ? ch : '\\' + ch));
}
