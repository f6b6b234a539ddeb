/**
 * nslookup, by image tag (k8s-semantics.md §9; busybox networking/nslookup.c history):
 * ≤1.28 resolves through libc (search list + ndots, exit 1 when not found, `can't resolve`);
 * ≥1.31 has its own client: the search list only for names without a dot, every expansion queried
 * for A and AAAA, exit 1 if any reply is NXDOMAIN/SERVFAIL.
 */
import { err, errRaw, out, type Applet } from './lib';
import { resolvConf, searchCandidates } from './netlib';

function versionAtMost(v: string, max: number): boolean {
  const [a, b] = v.split('.').map(Number);
  return a < 1 || (a === 1 && (b ?? 0) <= max);
}

/** bb_show_usage: the old libc-based applet's text up to 1.28, the own client's (NSLOOKUP_BIG) since. */
function usage(version: string): string {
  const body = versionAtMost(version, 28)
    ? 'Usage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n'
    : 'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';
  return `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n${body}`;
}

export const nslookup: Applet = function* (ctx) {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  if (!name) { errRaw(ctx, usage(ctx.flavor.busyboxVersion)); return 1; }
  const conf = resolvConf(ctx);
  const host = ctx.host;
  yield { k: 'flush' };
  if (versionAtMost(ctx.flavor.busyboxVersion, 28)) {
    // libc resolver: the name as-is first when it has ndots dots, then the search list.
    const tries = searchCandidates(name, conf);
    let hit: { fqdn: string; ip: string } | null = null;
    for (const t of tries) {
      const r = host.dns({ name: t, type: 'A' });
      if (r.rcode === 'NOERROR' && r.answers.length) { hit = { fqdn: t, ip: r.answers[0] }; break; }
    }
    yield* out(ctx, `Server:    ${conf.server}\nAddress 1: ${conf.server} kube-dns.kube-system.svc.cluster.local\n\n`);
    if (!hit) {
      err(ctx, `can't resolve '${name}'`);
      host.explain({ type: 'lookup-failed', name, tool: 'nslookup' });
      return 1;
    }
    host.explain({ type: 'lookup-ok', name, tool: 'nslookup' });
    yield* out(ctx, `Name:      ${name}\nAddress 1: ${hit.ip} ${hit.fqdn}\n`);
    return 0;
  }
  const names = name.includes('.') ? [name.replace(/\.$/, '')] : conf.search.map((s) => `${name}.${s}`).concat(conf.search.length ? [] : [name]);
  let text = `Server:\t\t${conf.server}\nAddress:\t${conf.server}:53\n\n`;
  let failed = false;
  let found = false;
  const oldEmpty = !versionAtMost(ctx.flavor.busyboxVersion, 30) && versionAtMost(ctx.flavor.busyboxVersion, 33);
  for (const type of ['A', 'AAAA'] as const) {
    for (const n of names) {
      const r = host.dns({ name: n, type });
      if (r.rcode !== 'NOERROR') {
        failed = true;
        text += `** server can't find ${n}: ${r.rcode}\n\n`;
      } else if (r.answers.length) {
        found = true;
        text += `Name:\t${n}\n` + r.answers.map((a) => `Address: ${a}\n`).join('') + '\n';
      } else if (oldEmpty) text += `*** Can't find ${n}: No answer\n\n`;
    }
    // The A and AAAA groups are separated by one more blank line.
    if (type === 'A') text += '\n';
  }
  yield* out(ctx, text);
  host.explain({ type: found && !failed ? 'lookup-ok' : 'lookup-failed', name, tool: 'nslookup' });
  // 1.29/1.30 always exit 0 (§9 table).
  if (!versionAtMost(ctx.flavor.busyboxVersion, 30)) return failed || !found ? 1 : 0;
  return 0;
};
