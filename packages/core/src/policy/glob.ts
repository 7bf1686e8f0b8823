const cache = new Map<string, RegExp>();

/**
 * Compiles a policy glob: `**` matches anything, `*` anything but `/`, `?` one character but `/`;
 * everything else is literal. Case-sensitive, anchored at both ends. So `ghcr.io/acme/*` matches
 * `ghcr.io/acme/app:1.2` but not `ghcr.io/acme/team/app:1.2` (write `ghcr.io/acme/**` for that).
 */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      src += '.*';
      i++;
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${src}$`, 's');
  cache.set(glob, re);
  return re;
}

/** True when any of `values` matches `glob`. */
export function globMatch(glob: string, ...values: (string | undefined)[]): boolean {
  const re = globToRegExp(glob);
  return values.some((v) => v !== undefined && re.test(v));
}
