/** One authentication challenge of a `WWW-Authenticate` header. */
export interface Challenge {
  /** Lower-cased scheme: `bearer`, `basic`. */
  scheme: string;
  /** Parameters with lower-cased names: `realm`, `service`, `scope`, `error`. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;

/**
 * Parses a `WWW-Authenticate` header into its challenges (RFC 9110 §11.6.1, §11.2: a scheme, then
 * comma-separated `name=value` parameters whose values are tokens or quoted strings with `\`
 * escapes; several challenges may share one header). Registries send one, e.g.
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"`
 * (Docker token authentication specification, "How to authenticate").
 */
export function parseChallenges(header: string): Challenge[] {
  const cur = new Cursor(header);
  const out: Challenge[] = [];
  for (;;) {
    cur.skip(/[\s,]/);
    const scheme = cur.token();
    if (!scheme) return out;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      cur.skip(/[\s,]/);
      const start = cur.i;
      const name = cur.token();
      cur.skip(/\s/);
      if (!name || cur.peek() !== '=') {
        cur.i = start; // the next challenge's scheme (or a token68, which registries do not send)
        break;
      }
      cur.i++;
      cur.skip(/\s/);
      challenge.params[name.toLowerCase()] = cur.peek() === '"' ? cur.quoted() : (cur.token() ?? '');
    }
  }
}

class Cursor {
  i = 0;
  constructor(private readonly s: string) {}

  peek(): string | undefined {
    return this.s[this.i];
  }

  skip(re: RegExp): void {
    while (this.i < this.s.length && re.test(this.s[this.i]!)) this.i++;
  }

  token(): string | undefined {
    TOKEN.lastIndex = this.i;
    const m = TOKEN.exec(this.s);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  /** A quoted-string starting at the current `"`, with `\` escapes removed. */
  quoted(): string {
    let out = '';
    for (this.i++; this.i < this.s.length && this.s[this.i] !== '"'; this.i++)
      out += this.s[this.i] === '\\' ? (this.s[++this.i] ?? '') : this.s[this.i];
    this.i++;
    return out;
  }
}
