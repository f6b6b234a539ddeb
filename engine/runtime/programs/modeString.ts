/** The nine permission characters of a mode, as ls -l and chmod -v print them (setuid, setgid, sticky shown). */
export function permString(m: number): string {
  const bit = (b: number, c: string) => (m & b ? c : '-');
  let s = bit(0o400, 'r') + bit(0o200, 'w') + (m & 0o4000 ? (m & 0o100 ? 's' : 'S') : bit(0o100, 'x'));
  s += bit(0o40, 'r') + bit(0o20, 'w') + (m & 0o2000 ? (m & 0o10 ? 's' : 'S') : bit(0o10, 'x'));
  s += bit(0o4, 'r') + bit(0o2, 'w') + (m & 0o1000 ? (m & 0o1 ? 't' : 'T') : bit(0o1, 'x'));
  return s;
}
