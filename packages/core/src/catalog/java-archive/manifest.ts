/**
 * The main section of a JAR manifest (JAR File Specification, "JAR Manifest"): `Name: value`
 * lines, a line starting with one space continues the previous one, a blank line ends the
 * section. Only the main section describes the archive itself; later sections describe entries.
 */
export function parseManifest(text: string): Record<string, string> {
  const logical: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    // Lines are wrapped at 72 bytes anywhere, even inside a name: join before splitting.
    if (line.startsWith(' ') && logical.length) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const out: Record<string, string> = {};
  for (const l of logical) {
    const i = l.indexOf(':');
    if (i > 0) out[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return out;
}

/**
 * `pom.properties` as Maven writes it (java.util.Properties format: `key=value` or `key:value`,
 * `#`/`!` comments). Only the simple forms Maven emits are handled; escapes are kept as written.
 */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:]?\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** `jackson-core-2.9.10.jar` → `{ artifactId: 'jackson-core', version: '2.9.10' }`: Maven's file naming. */
export function nameFromFile(file: string): { artifactId: string; version?: string } {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.[a-z]+$/i, '');
  const m = /^(.+?)-(\d[\w.+-]*)$/.exec(base);
  return m ? { artifactId: m[1]!, version: m[2]! } : { artifactId: base };
}
