import { messages } from '../../errors.js';
import type { FsView } from '../../image/fs-view.js';
import type { CatalogIssue, Distro } from '../../types/model.js';
import { emptyOutput, type CatalogOutput, type ViewContext } from '../cataloger.js';
import { findDatabases, readDatabase, type FoundDb } from './database.js';
import { HeaderError, parseHeader } from './header.js';
import { packageKey, rpmOrigins } from './layers.js';
import { rpmInfo, rpmPackage, type RpmInfo } from './package.js';

/**
 * `gpg-pubkey` "packages" are signing keys `rpm --import` stored in the database; `rpm -qa`
 * lists them, but they install no software and no advisory names them.
 */
const PSEUDO_PACKAGES = new Set(['gpg-pubkey']);

function issueFor(view: FsView, db: FoundDb) {
  const entry = view.entry(db.path);
  const layer = entry ? view.layers[entry.layerIndex]?.digest : undefined;
  return (message: string): CatalogIssue => ({
    by: 'rpm',
    message,
    path: db.path,
    ...(layer ? { layer } : {}),
    osDatabase: true,
  });
}

/**
 * Reads one database as the image has it. Every header rpm would skip as damaged is an issue
 * naming the database file and its layer; an unreadable file is one issue and no packages.
 */
export async function readInfos(
  view: FsView,
  db: FoundDb,
  issues: CatalogIssue[],
): Promise<RpmInfo[] | undefined> {
  const issue = issueFor(view, db);
  const bytes = await view.read(db.path);
  if (!bytes) return undefined;
  const wal = db.walPath ? await view.read(db.walPath) : undefined;
  let read;
  try {
    read = readDatabase(db.backend, bytes, wal);
  } catch (err) {
    issues.push(issue(messages.rpmDbUnreadable(db.backend, (err as Error).message)));
    return undefined;
  }
  for (const p of read.problems) issues.push(issue(messages.rpmDbDamaged(db.backend, p)));
  const infos: RpmInfo[] = [];
  for (const { key, blob } of read.headers) {
    try {
      const info = rpmInfo(parseHeader(blob));
      if (info) infos.push(info);
      else issues.push(issue(messages.rpmHeaderNoName(key)));
    } catch (err) {
      if (!(err instanceof HeaderError || err instanceof RangeError)) throw err;
      issues.push(issue(messages.rpmHeaderDamaged(key, err.message)));
    }
  }
  return infos;
}

function describe(distro: Distro | undefined): string {
  if (!distro) return 'this image (no os-release or release file names its distro)';
  return distro.prettyName ?? [distro.id, distro.versionId].filter(Boolean).join(' ');
}

/**
 * Red Hat-family packages from every rpm database in the view (see `database.ts` for which
 * files and backends). A package found in two databases is reported once.
 */
export async function catalogRpm(view: FsView, ctx: ViewContext): Promise<CatalogOutput> {
  const out = emptyOutput();
  const seen = new Set<string>();
  for (const db of findDatabases(view, ctx.distro)) {
    const infos = await readInfos(view, db, out.issues);
    if (!infos) continue;
    const keys = new Set(infos.map(packageKey));
    const origins = rpmOrigins(view, db, keys);
    for (const info of infos) {
      const key = packageKey(info);
      if (PSEUDO_PACKAGES.has(info.name) || seen.has(key)) continue;
      seen.add(key);
      const layer = origins.get(key);
      out.packages.push({ ...rpmPackage(info, db.path, ctx.distro), ...(layer ? { layer } : {}) });
    }
  }
  if (out.packages.length > 0 && !ctx.distro?.ecosystem)
    out.issues.push({ by: 'rpm', message: messages.distroNotMatched(describe(ctx.distro)) });
  return out;
}
