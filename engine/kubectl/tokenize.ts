/**
 * Splits a console line into words the way a POSIX shell would (without expansions): blanks
 * separate words, single quotes keep everything literally, double quotes keep everything but
 * `\"`, `\\`, `\$` and `` \` ``, and a backslash outside quotes escapes the next character.
 */

/** The words of `line`, or an error for an unterminated quote. */
// Models POSIX sh token recognition (quoting only; no variables, globs or substitutions).
export function tokenize(line: string): string[] | { error: string } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
      continue;
    }
    inWord = true;
    if (c === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') cur += line[i + 1];
        i++;
      }
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: 'unexpected EOF while looking for matching `\'\'' };
      cur += line.slice(i + 1, end);
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1])) {
          if (line[j + 1] !== '\n') cur += line[j + 1];
          j++;
        } else cur += line[j];
      }
      if (j >= line.length) return { error: 'unexpected EOF while looking for matching `"\'' };
      i = j;
      continue;
    }
    cur += c;
  }
  if (inWord) words.push(cur);
  return words;
}
