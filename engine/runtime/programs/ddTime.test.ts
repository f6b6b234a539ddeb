// dd's third status line and time's report carry timings, which the differential suite cannot compare with
// real busybox; these pin the exact text on the virtual clock (busybox 1.36 coreutils/dd.c dd_output_status:
// "%llu bytes (%sB) copied, %f seconds, %sB/s" with make_human_readable_str; miscutils/time.c summarize).
import { describe, expect, it } from 'vitest';
import { runScript } from '../shell/driver';

describe('dd end report', () => {
  it('prints records, bytes with a human-readable size, the virtual seconds and the rate', () => {
    // Each block read costs CPU like a command (10 µs in tests): two reads for one block and the end.
    const r = runScript('echo hi | dd of=/dev/null; dd if=/dev/zero of=/dev/null bs=1k count=1; dd </dev/null');
    expect(r.stderr).toBe(
      '0+1 records in\n0+1 records out\n3 bytes (3B) copied, 0.000020 seconds, 146.5KB/s\n'
      + '1+0 records in\n1+0 records out\n1024 bytes (1.0KB) copied, 0.000020 seconds, 48.8MB/s\n'
      + '0+0 records in\n0+0 records out\n0 bytes (0B) copied, 0.000010 seconds, 0B/s\n',
    );
  });

  it('a failed write ends the copy with the status so far (exit 1); status=none prints nothing', () => {
    const r = runScript('dd if=/dev/zero of=/dev/full count=1; echo rc=$?; dd if=/dev/zero of=/dev/full status=none count=1');
    expect(r.stderr).toBe(
      "dd: error writing '/dev/full': No space left on device\n1+0 records in\n0+0 records out\n0 bytes (0B) copied, 0.000020 seconds, 0B/s\n"
      + "dd: error writing '/dev/full': No space left on device\n",
    );
    expect(r.stdout).toBe('rc=1\n');
  });
});

describe('time', () => {
  it("reports the virtual real time, the CPU the program's commands spent as user time, no system time", () => {
    const r = runScript('time sleep 1.5; time -p sleep 61; time sh -c "sleep 3661"', { untilMs: 10_000_000 });
    expect(r.stderr).toBe(
      'real\t0m 1.50s\nuser\t0m 0.00s\nsys\t0m 0.00s\n'
      + 'real 61.00\nuser 0.00\nsys 0.00\n'
      + 'real\t1h 1m 01s\nuser\t0m 0.00s\nsys\t0m 0.00s\n',
    );
  });

  it('counts CPU of a busy program as user time and in %P', () => {
    const r = runScript("time -f '%U %P %e' sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done'", { commandMicros: 50 });
    // 20000 iterations of two commands at 50 µs: about 2 s of CPU, all of the elapsed time.
    expect(r.stderr).toMatch(/^2\.0\d 100% 2\.0\d\n$/);
  });
});
