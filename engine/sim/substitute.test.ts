import { describe, expect, it } from 'vitest';
import { substituteCommands } from './substitute';
import { tokenize } from '../kubectl/tokenize';

const echo = (inner: string) => ({ stdout: inner.replace(/^echo /, '') + '\n', stderr: inner.startsWith('bad') ? 'bad: oops\n' : '' });

describe('console command substitution', () => {
  it('puts the output in place, trailing newlines removed; unquoted it splits into words, quoted it stays one', () => {
    const r = substituteCommands('crictl stopp $(echo a1  b2) "$(echo c d)" x', echo);
    expect(r).toEqual({ line: 'crictl stopp a1  b2 "c d" x', stderr: '' });
    expect(tokenize((r as { line: string }).line)).toEqual(['crictl', 'stopp', 'a1', 'b2', 'c d', 'x']);
  });

  it('output characters stay literal (quotes and backslashes in it do not quote)', () => {
    const outputs: Record<string, string> = { one: `it's "q" \\n\n`, two: 'a"b $x\n' };
    const r = substituteCommands('x $(one) "$(two)"', (inner) => ({ stdout: outputs[inner], stderr: '' }));
    expect(tokenize((r as { line: string }).line)).toEqual(['x', "it's", '"q"', '\\n', 'a"b $x']);
  });

  it('nests, leaves single-quoted text and escaped dollars alone, and passes inner stderr through', () => {
    expect(substituteCommands("a $(echo $(echo in)) '$(no)' \\$(no) $(bad)", echo)).toEqual({ line: "a in '$(no)' \\$(no) bad", stderr: 'bad: oops\n' });
  });

  it('an unterminated substitution is an error; a line cannot run without end', () => {
    expect(substituteCommands('crictl stopp $(crictl pods', echo)).toEqual({ error: "unexpected EOF while looking for matching `)'" });
    expect(substituteCommands('x' + ' $(echo y)'.repeat(17), echo)).toEqual({ error: 'more than 16 command substitutions in one line' });
  });
});
