/**
 * Parsed scripts shared between shells. A Deployment's replicas all run the same `sh -c` text, and a
 * loop's `eval` runs the same string again and again; parsing it once is enough because the parser is
 * a pure function of (text, first line number) while the shell has no alias defined, and AST nodes are
 * immutable (ast.ts). Aliases change how later commands parse (ash substitutes them while parsing): a
 * shell that has any reads the rest of the text with a parser of its own (`resumeAt`), uncached.
 *
 * Parsing stays lazy, one top-level command at a time as ash's cmdloop does: a syntax error on line 3
 * is only met once lines 1–2 have run, by every shell that runs the text.
 */
import type { Node } from './ast';
import { Parser } from './parser';
import { SyntaxError } from './words';

/** Texts longer than this are parsed for one use only (they are rare, and would pin memory). */
const MAX_CACHED_TEXT = 64 * 1024;
/** Most distinct scripts kept; further ones are parsed for one use only. */
const MAX_ENTRIES = 512;

/** One text's top-level commands, parsed as far as any shell has read it. */
export class ParsedScript {
  private readonly nodes: Node[] = [];
  /** Where in the text each parsed command ends (after its newline and here-documents). */
  private readonly ends: number[] = [];
  /** How parsing ended: null at the end of the text, a message after a syntax error; undefined: not yet. */
  private end: SyntaxError | null | undefined = undefined;
  private parser: Parser | null;
  /** Parsing failed with something other than a syntax error: the parser's state is lost, parse afresh next time. */
  broken = false;

  constructor(readonly text: string, readonly line: number, bash: boolean, test2 = false) {
    this.parser = new Parser(text, line, bash, test2);
  }

  /** Where the `i`th command begins (commands before it parsed): its offset in the text and its line. */
  resumeAt(i: number): { offset: number; line: number } {
    const offset = i === 0 ? 0 : this.ends[i - 1];
    let line = this.line;
    for (let k = 0; k < offset; k++) if (this.text.charCodeAt(k) === 10) line++;
    return { offset, line };
  }

  /** The `i`th top-level command; null past the end. Throws the parser's SyntaxError as parsing it did. */
  at(i: number): Node | null {
    while (i >= this.nodes.length) {
      if (this.end === null) return null;
      if (this.end !== undefined) throw this.end;
      let node: Node | null;
      try {
        node = this.parser!.next();
      } catch (e) {
        // A syntax error is part of the text's meaning: every later reader meets the same one. Anything else
        // (e.g. a stack overflow on absurd nesting) is left to propagate and not remembered.
        if (e instanceof SyntaxError) { this.end = e; this.parser = null; } else this.broken = true;
        throw e;
      }
      if (node === null) { this.end = null; this.parser = null; return null; }
      this.nodes.push(node);
      this.ends.push(this.parser!.pos);
    }
    return this.nodes[i];
  }
}

/** Parsed scripts by (first line, text); one per simulated cluster (or per shell runtime in tests). */
export class ScriptCache {
  private readonly entries = new Map<string, ParsedScript>();

  /** `bash`: read bash's syntax; `test2`: ash's `[[ … && … ]]` (the dialects' grammars differ only there). */
  get(text: string, line: number, bash = false, test2 = false): ParsedScript {
    if (text.length > MAX_CACHED_TEXT) return new ParsedScript(text, line, bash, test2);
    const key = `${bash ? 'b' : test2 ? 't' : ''}${line}\n${text}`;
    let hit = this.entries.get(key);
    if (!hit || hit.broken) {
      hit = new ParsedScript(text, line, bash, test2);
      if (this.entries.size < MAX_ENTRIES || this.entries.has(key)) this.entries.set(key, hit);
    }
    return hit;
  }
}
