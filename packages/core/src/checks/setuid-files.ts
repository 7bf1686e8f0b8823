import type { CheckHit, FilesCheck } from './check.js';

/**
 * setuid/setgid programs that distributions ship in their base images and that need the bit to
 * work (password changes, `su`, `mount` for users, cron, terminal writes). Listed under both
 * `bin/` and `usr/bin/` (merged-/usr and split layouts). Anything else with the bit is reported.
 */
export const SETUID_ALLOWLIST: ReadonlySet<string> = new Set(
  [
    ...['chfn', 'chsh', 'gpasswd', 'newgrp', 'passwd', 'su', 'mount', 'umount', 'chage', 'expiry'],
    ...['wall', 'write', 'crontab', 'ssh-agent', 'bsd-write', 'fusermount', 'fusermount3'],
  ]
    .flatMap((n) => [`bin/${n}`, `usr/bin/${n}`])
    .concat([
      'sbin/unix_chkpwd',
      'usr/sbin/unix_chkpwd',
      'usr/sbin/pam_extrausers_chkpwd',
      'usr/lib/openssh/ssh-keysign',
      'usr/libexec/openssh/ssh-keysign',
      'usr/lib/dbus-1.0/dbus-daemon-launch-helper',
      'bin/bbsuid',
    ]),
);

/** `rwsr-xr-x`: the permission string `ls -l` prints for a mode. */
export function modeString(mode: number): string {
  const bit = (m: number, c: string) => (mode & m ? c : '-');
  const exec = (x: number, special: number, on: string) =>
    mode & special ? (mode & x ? on : on.toUpperCase()) : bit(x, 'x');
  return [
    bit(0o400, 'r'),
    bit(0o200, 'w'),
    exec(0o100, 0o4000, 's'),
    bit(0o040, 'r'),
    bit(0o020, 'w'),
    exec(0o010, 0o2000, 's'),
    bit(0o004, 'r'),
    bit(0o002, 'w'),
    exec(0o001, 0o1000, 't'),
  ].join('');
}

/**
 * CIS Docker Benchmark 4.8, "Ensure setuid and setgid permissions are removed": a setuid or
 * setgid file runs with its owner's or group's rights whoever starts it, a classic escalation
 * path. Regular files of the merged view are checked; directories (where setgid only sets the
 * group of new files) and the allowlist above are not reported.
 */
export const setuidFiles: FilesCheck = {
  id: 'TG-CIS-4.8',
  version: 1,
  kind: 'files',
  finding: 'misconfiguration',
  scope: 'image',
  title: 'setuid/setgid file',
  severity: 'medium',
  cis: '4.8',
  dockle: ['CIS-DI-0008'],
  remediation:
    'Remove the bits where they are not needed: RUN chmod u-s,g-s <file> (or find / -perm /6000 -type f -exec chmod a-s {} +).',
  run(tree) {
    const hits: CheckHit[] = [];
    for (const [path, meta] of tree.entries()) {
      if (meta.type !== 'file' || (meta.mode & 0o6000) === 0 || SETUID_ALLOWLIST.has(path)) continue;
      const kind = meta.mode & 0o4000 ? (meta.mode & 0o2000 ? 'setuid and setgid' : 'setuid') : 'setgid';
      hits.push({
        location: path,
        detail: `${path} is ${kind} (owner ${meta.uid}:${meta.gid})`,
        evidence: modeString(meta.mode),
      });
    }
    return hits.sort((a, b) => a.location.localeCompare(b.location));
  },
};
