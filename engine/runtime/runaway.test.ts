/**
 * Runaway work from bad input ends at a budget (or at the error busybox gives), never in a hang: endless
 * streams through line-oriented applets, endless generators, strings that grow without end, fork loops,
 * paths past PATH_MAX. Found by a hang hunter; each case used to take from seconds to forever.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from './shell/driver';

const MiB = 1 << 20;
const dataNote = (mib: number) => ({ type: 'budget', what: 'data', detail: `stopped after moving ${mib} MiB of data (data budget)` });

describe('the data budget: bytes (and lines) a container moves', () => {
  it('an endless stream through a line applet stops at the data budget (yes | tr, yes | tee FILE, yes | cat -n)', () => {
    for (const s of ['yes | tr a b > /dev/null', 'yes | tee /tmp/x > /dev/null', 'yes | cat -n > /dev/null', 'yes | head -n 999999999 > /dev/null', "yes | sed 's/y/n/' > /dev/null", 'yes | uniq']) {
      const r = runScript(s, { dataBudget: 4 * MiB });
      expect(r.status?.reason, s).toBe('BudgetExceeded');
      expect(r.notes, s).toContainEqual(dataNote(4));
    }
  });

  it('an endless generator stops at the data budget (seq that never ends, a huge seq)', () => {
    for (const s of ['seq 1e308 1e308 > /dev/null', 'seq 1 100000000 | tail -n 1']) {
      const r = runScript(s, { dataBudget: 4 * MiB });
      expect(r.status?.reason, s).toBe('BudgetExceeded');
      expect(r.notes, s).toContainEqual(dataNote(4));
    }
  });

  it('sed reads a stream as it comes: it ends at q, and what it prints goes out in stdio blocks (yes | sed 5q)', () => {
    const r = runScript("yes | sed 5q; yes abc | sed 's/b/B/' | head -n 2; yes | sed -n '3{p;q}'");
    expect(r.stdout).toBe('y\ny\ny\ny\ny\naBc\naBc\ny\n');
    expect(r.code).toBe(0);
  });

  it('wc and tail read a stream as it comes, holding little of it (more bytes than the memory budget)', () => {
    for (const [script, want] of [
      ['head -c 70000000 /dev/zero | wc -c; yes ab | head -n 100000 | wc', '70000000\n   100000    100000    300000\n'],
      ['head -c 70000000 /dev/zero | tail -c 2 | wc -c', '2\n'],
      ['seq 1 3000000 | tail -n 1', '3000000\n'],
      ['seq 1 3000000 | tail -n +2999999', '2999999\n3000000\n'],
    ]) {
      const r = runScript(script);
      expect(r.stdout, script).toBe(want);
      expect(r.notes, script).toEqual([]);
    }
  });

  it('what fits the budget runs to the end with every byte', () => {
    const r = runScript('yes | head -n 1000 | tr y n | tee /tmp/x | wc -l; wc -c < /tmp/x; seq 1 5000 | tail -n 1', { dataBudget: 4 * MiB });
    expect(r.stdout).toBe('1000\n2000\n5000\n');
    expect(r.status).toEqual({ code: 0 });
  });
});

describe('memory a script grows', () => {
  it('awk on a record that never ends holds it: OOM past the limit, the memory budget without one', () => {
    expect(runScript('awk 1 < /dev/zero; echo never', { memoryLimit: 4 * MiB }).status?.reason).toBe('OOMKilled');
    const r = runScript('awk "{n++} END{print n}" < /dev/zero', { memoryBudget: 2 * MiB });
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes[0]).toMatchObject({ type: 'budget', what: 'memory' });
  });

  it('awk still splits records that arrive in many chunks', () => {
    const r = runScript("head -c 100000 /dev/zero | tr '\\0' a > /tmp/a; echo >> /tmp/a; echo b >> /tmp/a; cat /tmp/a /tmp/a | awk '{ print length($0) }'");
    expect(r.stdout).toBe('100000\n1\n100000\n1\n');
  });

  it('a variable doubled in a loop is memory the shell holds', () => {
    expect(runScript('s=a; while :; do s=$s$s; done', { memoryLimit: 8 * MiB }).status).toEqual({ code: 137, signal: 9, reason: 'OOMKilled' });
    const r = runScript('s=a; while :; do s=$s$s; done');
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes[0]).toMatchObject({ type: 'budget', what: 'memory' });
  });

  it('a string longer than JavaScript can hold is a memory stop, not a depth stop', () => {
    const r = runScript("printf '%999999999d' 1 | wc -c");
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes[0]).toMatchObject({ type: 'budget', what: 'memory' });
  });

  it('quoted and unquoted pieces of a word still glob right (the pattern is built only when needed)', () => {
    const r = runScript('cd /tmp; touch ab ac "a*"; x="a*"; echo $x; echo "$x"; echo "a"*; echo a"*"; s=; for i in 1 2 3; do s="$s x"; done; echo "[$s]"; case "a*" in $x) echo m1;; esac; case ab in "$x") echo no;; *) echo m2;; esac');
    expect(r.stdout).toBe('a* ab ac\na*\na* ab ac\na*\n[ x x x]\nm1\nm2\n');
  });
});

describe('processes and paths', () => {
  it('a loop of background jobs stops at the step budget (a fork weighs more than a command)', () => {
    const r = runScript('while :; do true & done', { stepBudget: 20000 });
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes).toContainEqual({ type: 'budget', what: 'steps', detail: 'stopped after 20000 commands (step budget)' });
  });

  it('paths past PATH_MAX and names past NAME_MAX: File name too long, as Linux says', () => {
    const deep = 'a/'.repeat(2100);
    const r = runScript(`mkdir -p /tmp/${deep}; echo rc=$?; mkdir /tmp/${'n'.repeat(256)}; echo rc=$?; mkdir /tmp/${'n'.repeat(255)}; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\nrc=1\nrc=0\n');
    expect(r.stderr).toContain(`: File name too long\n`);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('cd deeper and deeper: cd fails at PATH_MAX, and the spinning loop ends at a budget', () => {
    const r = runScript('cd /tmp; i=0; while [ $i -lt 2100 ]; do mkdir a; cd a || break; i=$((i+1)); done; echo $i; pwd | wc -c');
    expect(r.stdout).toBe('2045\n4095\n');
    expect(r.stderr).toContain("can't cd to a: File name too long");
    const loop = runScript('cd /tmp; while :; do mkdir a; cd a; done', { dataBudget: 64 * MiB });
    expect(loop.status?.reason).toBe('BudgetExceeded');
  });
});

describe('shell patterns match by states, never by backtracking', () => {
  it('case with many stars on a long value, and ${x%%*b} / ${x//a/bb} on large values', () => {
    const r = runScript('x=$(head -c 200000 /dev/zero | tr "\\0" a); case $x in *a*a*a*a*a*a*a*a*b) echo y;; *a*a*a*a) echo n;; esac; y=${x%%*b}; echo ${#y}; z=${x//a/bb}; echo ${#z}; w=${x#*a*a*a}; echo ${#w}');
    expect(r.stdout).toBe('n\n200000\n400000\n199997\n');
  });

  it('affixes and replacements keep their meaning', () => {
    const r = runScript('x=abcabc; e=; echo ${x#*b} ${x##*b} ${x%b*} ${x%%b*} ${x#?} ${x%?} ${x##*} ${x%%*} ${x%[bc]} ${x%%[!a]*}; echo ${x/b/X} ${x//b/X} ${x//[ac]/_} ${x/*/Z} ${x//?/.} "${x//$e/X}"; y="a*b"; echo ${y#a\\*} ${y//\\*/S} ${y%%\\**}');
    expect(r.stdout).toBe('cabc c abca a bcabc abcab abcab a\naXcabc aXcaXc _b__b_ Z ...... abcabc\nb aSb a\n');
  });
});

describe('more runaway shapes', () => {
  it('reading a file while appending to it ends at the data budget (tail -f fed by its own output, read loops)', () => {
    for (const s of ['echo x > /tmp/f; tail -f /tmp/f | tee -a /tmp/f > /dev/null', 'echo x > /tmp/f; while read l; do echo $l >> /tmp/f; done < /tmp/f']) {
      const r = runScript(s, { dataBudget: 16 * MiB });
      expect(r.status?.reason, s).toBe('BudgetExceeded');
      expect(r.notes, s).toContainEqual(dataNote(16));
    }
  });

  it('sort of millions of empty lines holds them: the memory budget, not a stack overflow; uniq holds one line', () => {
    const r = runScript("head -c 3000000 /dev/zero | tr '\\0' '\\n' | sort | wc -l", { memoryBudget: 16 * MiB });
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes[0]).toMatchObject({ type: 'budget', what: 'memory' });
    const u = runScript("head -c 3000000 /dev/zero | tr '\\0' '\\n' | uniq -c", { memoryBudget: 16 * MiB });
    expect(u.stdout).toBe('3000000 \n');
    expect(u.notes).toEqual([]);
  });

  it('awk fields and split arrays are memory awk holds (NF=99999999, $99999999, split of a huge string)', () => {
    for (const s of ["echo a | awk '{NF=99999999; print length($0)}'", "echo a | awk '{ $99999999=1 }'", 'awk \'BEGIN{ s = sprintf("%3000000s", ""); n = split(s, a, ""); print n }\'']) {
      expect(runScript(s, { memoryLimit: 16 * MiB }).status?.reason, s).toBe('OOMKilled');
    }
    expect(runScript("seq 1 3 | awk '{NF=5; $7=1; print; print NF}'").stdout).toBe('1      1\n7\n2      1\n7\n3      1\n7\n');
  });

  it('awk strings that double in a loop are memory, and each gsub match is work (gsub(/x*/, "-") doubles the record)', () => {
    expect(runScript("awk 'BEGIN{ s=\"a\"; while(1) s = s s }'", { memoryLimit: 16 * MiB }).status?.reason).toBe('OOMKilled');
    const r = runScript("echo a | awk '{ while (1) gsub(/x*/, \"-\") }'", { dataBudget: 16 * MiB });
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(runScript("echo abc | awk '{ gsub(/b/, \"[&]\"); print; gsub(/x*/, \"-\"); print }'").stdout).toBe('a[b]c\n-a-[-b-]-c-\n');
  });

  it('a command producing lines in a loop (ls -R /) ends at the data budget: each line written is work', () => {
    const r = runScript('while :; do ls -R / > /dev/null; done', { dataBudget: 16 * MiB });
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes).toContainEqual(dataNote(16));
  });
});

describe('copies into themselves and interpreters asked for too much', () => {
  it('cp -r a directory into itself copies it once and says so (busybox: recursion detected)', () => {
    const r = runScript('mkdir -p /tmp/a/x; cp -r /tmp/a /tmp/a/b; echo rc=$?; ls -R /tmp/a');
    expect(r.stdout).toBe('rc=1\n/tmp/a:\nb\nx\n\n/tmp/a/b:\nx\n\n/tmp/a/b/x:\n\n/tmp/a/x:\n');
    expect(r.stderr).toBe("cp: recursion detected, omitting directory '/tmp/a/b'\n");
    expect(runScript('mkdir /tmp/a; while :; do cp -r /tmp/a /tmp/a/b; done 2>/dev/null', { dataBudget: 16 * MiB }).status?.reason).toBe('BudgetExceeded');
  });

  const py = (code: string, memoryLimit?: number) => runScript('', { argv: ['python3', '-c', code], flavor: { busyboxVersion: '1.36', extraApplets: ['python3'] }, memoryLimit });

  it('python: a list or string past JS limits is memory (OOM under a limit), recursion stays RecursionError', () => {
    expect(py('x = [0] * 10**9', 64 * MiB).status?.reason).toBe('OOMKilled');
    expect(py('x = "a" * 10**10', 64 * MiB).status?.reason).toBe('OOMKilled');
    expect(py('def f(): f()\nf()').stderr).toContain('RecursionError: maximum recursion depth exceeded');
  });

  it('python: str of an int past 4300 digits is the ValueError of CPython 3.11+, found before converting', () => {
    const r = py('print(len(str(10**4299)))\nx = 2 ** 10**8\nprint(len(str(x)))');
    expect(r.stdout).toBe('4300\n');
    expect(r.stderr).toContain('ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit\n');
  });
});

describe('node asked for too much', () => {
  const node = (code: string) => runScript('', { argv: ['node', '-e', code], flavor: { busyboxVersion: '1.36', extraApplets: ['node'] }, memoryLimit: 64 * MiB });

  it('new Array(2**31) and a string past V8 limits are memory (OOM), not a crash of the host; bad lengths are RangeErrors', () => {
    expect(node('new Array(2**31)').status?.reason).toBe('OOMKilled');
    expect(node("'x'.repeat(2**30)").status?.reason).toBe('OOMKilled');
    const r = node('try { new Array(-1) } catch (e) { console.log(e.message) } console.log(new Array(3).length); function f(){f()} try { f() } catch (e) { console.log(e.message) }');
    expect(r.stdout).toBe('Invalid array length\n3\nMaximum call stack size exceeded\n');
  });
});

describe('regular expressions that backtrack exponentially in a backtracking matcher', () => {
  it('grep, sed, awk and expr run nested repetitions in linear time and still answer right', () => {
    const long = 'a'.repeat(3000);
    const r = runScript([
      `s=${long}b`,
      `echo "$s" | grep -cE '^(a+)+$'`,
      `echo "$s" | grep -c '^\\(a*\\)*$'`,
      `echo "$s" | sed -E 's/^(a|aa)+$/all/' | wc -c`,
      `echo "$s" | awk '/^(a*)*c$/ { print "no" } END { print "awk done" }'`,
      `expr "$s" : '\\(a*\\)*b' | wc -c`,
      `echo "${long}" | grep -cE '^(a+)+$'`,
    ].join('\n'), { untilMs: 60_000 });
    expect(r.stdout).toBe(`0\n0\n3002\nawk done\n3001\n1\n`);
    expect(r.status).toEqual({ code: 0 });
  });

  it('[[ == ]] globs in ash match by states: many stars on a long value end at once', () => {
    const r = runScript('x=$(printf "%02000d" 0 | tr 0 a); [[ $x == *a*a*a*a*a*a*b ]]; echo $?; [[ $x == *a*a ]]; echo $?');
    expect(r.stdout).toBe('1\n0\n');
  });

  it('find -name with many stars on a long name matches by states', () => {
    const r = runScript('n=$(printf "%0250d" 0 | tr 0 a); touch /tmp/$n /tmp/ABa; find /tmp -name "*a*a*a*a*a*a*b"; echo $?; find /tmp -iname "ab*" -o -name "*a*a*a*a*a*a*a" | wc -l');
    expect(r.stdout).toBe('0\n2\n');
  });

  it('a back-reference that backtracks too long stops at the step budget', () => {
    const r = runScript(`echo ${'a'.repeat(40)}b | grep '^\\(a*\\)*\\1c'`);
    expect(r.status?.reason).toBe('BudgetExceeded');
    expect(r.notes[0]).toMatchObject({ type: 'budget', what: 'steps' });
  });
});

describe('commands awk runs (system, cmd | getline, print | cmd)', () => {
  it('a command that never ends stops the container at the step budget; a long sleep takes its virtual time', () => {
    const loop = runScript(`awk 'BEGIN { system("while :; do :; done") }'`, { stepBudget: 20_000 });
    expect(loop.status?.reason).toBe('BudgetExceeded');
    const slow = runScript(`awk 'BEGIN { system("sleep 120"); "echo ok" | getline x; print x }'; echo done`);
    expect(slow.stdout).toBe('ok\ndone\n');
    expect(slow.timeMs).toBeGreaterThanOrEqual(120_000);
  });
});
