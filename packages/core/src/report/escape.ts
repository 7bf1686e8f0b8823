/**
 * One escaper per target syntax (STYLE rule 40). Package names, versions, advisory titles,
 * exception reasons and VEX justifications all come from outside: every format passes them
 * through one of these, never raw.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]+/g;
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Control characters (C0, DEL, C1) and line/paragraph separators become spaces; runs of spaces collapse. */
export function oneLine(s: string): string {
  return s.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Cuts to `max` characters (a code point boundary), with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * For XML 1.0 text and attributes: escapes markup and drops the characters XML 1.0 cannot hold
 * at all (most C0 controls, lone surrogates, U+FFFE/FFFF), which would make the file unreadable.
 */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Markdown and HTML-in-Markdown structure characters, written as numeric character references. */
const MD_SPECIAL = /[&<>"'`*_[\]|~\\!{}:]/g;

/**
 * For GitHub-flavoured Markdown, inline (table cells, list items, headings). One line; every
 * character that could open markup (HTML tags, code spans, emphasis, links via `[`, autolinks via
 * `:`, table pipes) becomes
 * a character reference, which CommonMark never reads as structure. `@name` and `#123` get a
 * zero-width space (U+200B) after the sign, so GitHub neither pings anyone nor links an issue (as
 * Dependabot does in release notes).
 */
export function escapeMarkdown(s: string): string {
  return oneLine(s)
    .replace(/([@#])(?=[\p{L}\p{N}_-])/gu, '$1\u200b')
    .replace(MD_SPECIAL, (c) => `&#${c.codePointAt(0)};`)
    .replace(/^([#+\-=>])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
