/**
 * The applets of the busybox:1.36 image that the playground does not model. Running one must not answer
 * `sh: X: not found` (the image has it in /bin), nor pretend to be busybox: it prints the playground's own
 * notice, prefixed `playground:`, and exits 127 (the program could not be run here), so a script's
 * `X || …` takes its failure branch as it would for a missing program.
 *
 * The list: every `//applet:` line of busybox 1_36_1 whose `//config:` option defaults to y (what
 * `make defconfig` builds, as docker-library/busybox does), plus ar (its build sets CONFIG_AR=y), modprobe
 * (a modutils choice) and sh. Derived from the source at tag 1_36_1, not from a running image; the
 * names the playground models are taken out by the registry.
 *
 * mkfifo stays here: the fs has no fifo inode (dir, file, symlink, dev), and a fifo's open must block until
 * its other end opens, which redirections and applets do not model.
 */
import { errRaw, prog, type Applet } from './lib';

export const IMAGE_APPLETS: readonly string[] = [
  '[', '[[', 'acpid', 'add-shell', 'addgroup', 'adduser', 'adjtimex', 'ar', 'arch', 'arp', 'arping', 'ascii', 'ash',
  'awk', 'base32', 'base64', 'basename', 'bc', 'beep', 'blkdiscard', 'blkid', 'blockdev', 'bootchartd', 'brctl',
  'bunzip2', 'busybox', 'bzcat', 'bzip2', 'cal', 'cat', 'chat', 'chattr', 'chgrp', 'chmod', 'chown', 'chpasswd',
  'chpst', 'chroot', 'chrt', 'chvt', 'cksum', 'clear', 'cmp', 'comm', 'conspy', 'cp', 'cpio', 'crc32', 'crond',
  'crontab', 'cryptpw', 'cttyhack', 'cut', 'date', 'dc', 'dd', 'deallocvt', 'delgroup', 'deluser', 'depmod',
  'devmem', 'df', 'dhcprelay', 'diff', 'dirname', 'dmesg', 'dnsd', 'dnsdomainname', 'dos2unix', 'dpkg', 'dpkg-deb',
  'du', 'dumpkmap', 'dumpleases', 'echo', 'ed', 'egrep', 'eject', 'env', 'envdir', 'envuidgid', 'ether-wake',
  'expand', 'expr', 'factor', 'fakeidentd', 'fallocate', 'false', 'fatattr', 'fbset', 'fbsplash', 'fdflush',
  'fdformat', 'fdisk', 'fgconsole', 'fgrep', 'find', 'findfs', 'flock', 'fold', 'free', 'freeramdisk', 'fsck',
  'fsck.minix', 'fsfreeze', 'fstrim', 'fsync', 'ftpd', 'ftpget', 'ftpput', 'fuser', 'getopt', 'getty', 'grep',
  'groups', 'gunzip', 'gzip', 'halt', 'hd', 'hdparm', 'head', 'hexdump', 'hexedit', 'hostid', 'hostname', 'httpd',
  'hush', 'hwclock', 'i2cdetect', 'i2cdump', 'i2cget', 'i2cset', 'i2ctransfer', 'id', 'ifconfig', 'ifdown',
  'ifenslave', 'ifplugd', 'ifup', 'inetd', 'init', 'insmod', 'install', 'ionice', 'iostat', 'ip', 'ipaddr', 'ipcalc',
  'ipcrm', 'ipcs', 'iplink', 'ipneigh', 'iproute', 'iprule', 'iptunnel', 'kbd_mode', 'kill', 'killall', 'killall5',
  'klogd', 'last', 'less', 'link', 'linux32', 'linux64', 'linuxrc', 'ln', 'loadfont', 'loadkmap', 'logger', 'login',
  'logname', 'logread', 'losetup', 'lpd', 'lpq', 'lpr', 'ls', 'lsattr', 'lsmod', 'lsof', 'lspci', 'lsscsi', 'lsusb',
  'lzcat', 'lzma', 'lzop', 'makedevs', 'makemime', 'man', 'md5sum', 'mdev', 'mesg', 'microcom', 'mim', 'mkdir',
  'mkdosfs', 'mke2fs', 'mkfifo', 'mkfs.ext2', 'mkfs.minix', 'mkfs.vfat', 'mknod', 'mkpasswd', 'mkswap', 'mktemp',
  'modinfo', 'modprobe', 'more', 'mount', 'mountpoint', 'mpstat', 'mt', 'mv', 'nameif', 'nanddump', 'nandwrite',
  'nbd-client', 'nc', 'netstat', 'nice', 'nl', 'nmeter', 'nohup', 'nologin', 'nproc', 'nsenter', 'nslookup', 'ntpd',
  'od', 'openvt', 'partprobe', 'passwd', 'paste', 'patch', 'pgrep', 'pidof', 'ping', 'ping6', 'pipe_progress',
  'pivot_root', 'pkill', 'pmap', 'popmaildir', 'poweroff', 'powertop', 'printenv', 'printf', 'ps', 'pscan', 'pstree',
  'pwd', 'pwdx', 'raidautorun', 'rdate', 'rdev', 'readahead', 'readlink', 'readprofile', 'realpath', 'reboot',
  'reformime', 'remove-shell', 'renice', 'reset', 'resize', 'resume', 'rev', 'rm', 'rmdir', 'rmmod', 'route', 'rpm',
  'rpm2cpio', 'rtcwake', 'run-init', 'run-parts', 'runlevel', 'runsv', 'runsvdir', 'rx', 'script', 'scriptreplay',
  'sed', 'seedrng', 'sendmail', 'seq', 'setarch', 'setconsole', 'setfattr', 'setfont', 'setkeycodes', 'setlogcons',
  'setpriv', 'setserial', 'setsid', 'setuidgid', 'sh', 'sha1sum', 'sha256sum', 'sha3sum', 'sha512sum', 'showkey',
  'shred', 'shuf', 'slattach', 'sleep', 'smemcap', 'softlimit', 'sort', 'split', 'ssl_client', 'start-stop-daemon',
  'stat', 'strings', 'stty', 'su', 'sulogin', 'sum', 'sv', 'svc', 'svlogd', 'svok', 'swapoff', 'swapon',
  'switch_root', 'sync', 'sysctl', 'syslogd', 'tac', 'tail', 'tar', 'taskset', 'tc', 'tcpsvd', 'tee', 'telnet',
  'telnetd', 'test', 'tftp', 'tftpd', 'time', 'timeout', 'top', 'touch', 'tr', 'traceroute', 'traceroute6', 'tree',
  'true', 'truncate', 'ts', 'tsort', 'tty', 'ttysize', 'tunctl', 'ubiattach', 'ubidetach', 'ubimkvol', 'ubirename',
  'ubirmvol', 'ubirsvol', 'ubiupdatevol', 'udhcpc', 'udhcpc6', 'udhcpd', 'udpsvd', 'uevent', 'umount', 'uname',
  'unexpand', 'uniq', 'unix2dos', 'unlink', 'unlzma', 'unshare', 'unxz', 'unzip', 'uptime', 'users', 'usleep',
  'uudecode', 'uuencode', 'vconfig', 'vi', 'vlock', 'volname', 'w', 'wall', 'watch', 'watchdog', 'wc', 'wget',
  'which', 'who', 'whoami', 'whois', 'xargs', 'xxd', 'xz', 'xzcat', 'yes', 'zcat', 'zcip',
];

/** The one place this notice is worded. */
export function notModelledText(name: string): string {
  return `playground: ${name}: this busybox applet is in the image, but the playground does not model it (nothing was run)\n`;
}

export const NOT_MODELLED_STATUS = 127;

// eslint-disable-next-line require-yield -- never blocks
export const notModelled: Applet = function* (ctx) {
  errRaw(ctx, notModelledText(prog(ctx)));
  return NOT_MODELLED_STATUS;
};
