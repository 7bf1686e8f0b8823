/**
 * Makes text from an HTTP API safe to print. An API or a proxy in front of it may echo the
 * request back (headers included) in an error body, and Jenkins and CircleCI logs mask nothing
 * on their own, so every body tidegate quotes goes through here first (issue 14).
 */

/** Longest piece of an API's error body tidegate quotes. */
export const MAX_QUOTED = 200;

/** Token shapes GitHub issues (classic `ghp_`, OAuth `gho_`, app `ghs_`/`ghu_`, refresh `ghr_`, fine-grained). */
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})\b/g;
/** Any credential after an authorization scheme, in a header echo or a message. */
const AUTH_VALUE = /\b(Bearer|Basic|token|Token)(\s+|%20)[A-Za-z0-9._~+/=:-]{8,}/g;
/** `"authorization": "…"` and `Authorization: …`, whatever the value looks like. */
const AUTH_HEADER = /("?(?:proxy-)?authorization"?\s*[:=]\s*"?)[^"\r\n,}]*/gi;

/**
 * Every known secret (and its base64, as Basic auth would send it), every GitHub token shape and
 * every authorization header value replaced by `***`; control characters dropped; one line, at
 * most `max` characters.
 */
export function redactSecrets(text: string, secrets: readonly string[] = [], max = MAX_QUOTED): string {
  let out = text;
  for (const s of secrets.filter((x) => x.length >= 4)) {
    // longest first: base64('x-access-token:' + s) ends with base64(s) when the prefix aligns
    const forms = [
      Buffer.from(`x-access-token:${s}`).toString('base64'),
      Buffer.from(s).toString('base64'),
      s,
    ];
    for (const f of forms) out = out.split(f).join('***');
  }
  out = out
    .replace(AUTH_HEADER, '$1***')
    .replace(AUTH_VALUE, '$1 ***')
    .replace(GITHUB_TOKEN, '***')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim();
  return out.length <= max ? out : `${out.slice(0, max - 1)}…`;
}
