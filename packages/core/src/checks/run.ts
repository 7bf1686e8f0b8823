import { messages } from '../errors.js';
import { findingId } from '../finding-id.js';
import type { FsView, LayerResult } from '../image/fs-view.js';
import type { CatalogIssue, Finding, LayerOrigin } from '../types/model.js';
import type { OciImageConfig } from '../types/oci/config.js';
import type { Check, CheckHit, ContentCheck, FileTree, FilesCheck } from './check.js';

/** Everything the checks look at, as `scan()` has it after the walk. */
export interface CheckContext {
  /** The image config as stored: only checks that look for secrets see it. */
  config: OciImageConfig;
  /** The config with secrets masked (`maskConfigSecrets`): what every other check sees. */
  maskedConfig: OciImageConfig;
  repoTags: readonly string[];
  layers: readonly LayerOrigin[];
  /** Each layer's own entries (for `files` checks with scope `layers`). */
  results: readonly LayerResult[];
  view: FsView;
  /** What the content pass found while the layers streamed. */
  contentHits: readonly { check: ContentCheck; hit: CheckHit }[];
}

type Hit = { check: Check; hit: CheckHit };

function viewTree(view: FsView): FileTree {
  return { get: (p) => view.entry(p), entries: () => view.walk(), layerOf: (p) => view.entry(p)?.layerIndex };
}

function layerTree(r: LayerResult): FileTree {
  return {
    get: (p) => r.entries.get(p),
    entries: () => r.entries.entries(),
    layerOf: (p) => (r.entries.has(p) ? r.origin.index : undefined),
  };
}

/** Says so in the detail when the hit's copy is not what the final image shows: its bytes still ship. */
function noteIfGone(hit: CheckHit, view: FsView, layerIndex: number): CheckHit {
  const now = view.entry(hit.location);
  if (now && (now.type === 'dir' || now.layerIndex === layerIndex)) return hit;
  const what = now ? 'replaced by a later layer' : 'deleted by a later layer';
  return { ...hit, detail: `${hit.detail} (${what}, but still stored in layer ${layerIndex + 1})` };
}

function runFilesCheck(check: FilesCheck, ctx: CheckContext): Hit[] {
  if (check.scope === 'image') {
    const tree = viewTree(ctx.view);
    return check.run(tree).map((hit) => ({ check, hit: { layerIndex: tree.layerOf(hit.location), ...hit } }));
  }
  return ctx.results.flatMap((r) =>
    check.run(layerTree(r)).map((hit) => ({
      check,
      hit: noteIfGone({ ...hit, layerIndex: r.origin.index }, ctx.view, r.origin.index),
    })),
  );
}

function runOne(check: Check, ctx: CheckContext, contentChecks: readonly ContentCheck[]): Hit[] {
  switch (check.kind) {
    case 'config':
      return check
        .run({
          // checks that do not look for secrets never see one, so their evidence cannot leak it
          config: check.finding === 'secret' ? ctx.config : ctx.maskedConfig,
          repoTags: ctx.repoTags,
          layers: ctx.layers,
          contentChecks,
        })
        .map((hit) => ({ check, hit }));
    case 'files':
      return runFilesCheck(check, ctx);
    case 'content':
      return ctx.contentHits
        .filter((h) => h.check === check)
        .map((h) => ({ check, hit: noteIfGone(h.hit, ctx.view, h.hit.layerIndex ?? -1) }))
        .sort(
          (a, b) =>
            (a.hit.layerIndex ?? 0) - (b.hit.layerIndex ?? 0) ||
            cmp(a.hit.location, b.hit.location) ||
            (a.hit.line ?? 0) - (b.hit.line ?? 0),
        );
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The finding a hit becomes. Its id hashes kind, check id and location (+ line), never the layer. */
export function toFinding(check: Check, hit: CheckHit, layers: readonly LayerOrigin[]): Finding {
  const layer =
    hit.layerIndex !== undefined
      ? layers[hit.layerIndex]
      : hit.historyIndex !== undefined
        ? layers.find((l) => l.historyIndex === hit.historyIndex)
        : undefined;
  const location = hit.line !== undefined ? `${hit.location}:${hit.line}` : hit.location;
  return {
    id: findingId({ kind: check.finding, ruleId: check.id, location }),
    kind: check.finding,
    ruleId: check.id,
    aliases: [],
    severity: check.severity,
    severitySource: 'check',
    title: check.title,
    description: hit.detail,
    fixState: 'unknown',
    fixedIn: [],
    location: hit.location,
    ...(hit.line !== undefined ? { line: hit.line } : {}),
    ...(layer ? { layer } : {}),
    ...(hit.evidence !== undefined ? { evidence: hit.evidence } : {}),
    ...(hit.suppressed ? { suppressed: hit.suppressed } : {}),
  };
}

/**
 * Runs every check over what the scan has seen and returns their findings, one per id (the
 * lowest layer wins when a file repeats across layers). A check that throws is a bug; the scan
 * goes on and reports it as an issue, so the result is marked incomplete (STYLE rule 17).
 */
export function runChecks(
  checks: readonly Check[],
  ctx: CheckContext,
): { findings: Finding[]; issues: CatalogIssue[] } {
  const contentChecks = checks.filter((c): c is ContentCheck => c.kind === 'content');
  const byId = new Map<string, Finding>();
  const issues: CatalogIssue[] = [];
  for (const check of checks) {
    let hits: Hit[];
    try {
      hits = runOne(check, ctx, contentChecks);
    } catch (err) {
      issues.push({
        by: check.id,
        message: messages.checkFailed(err instanceof Error ? err.message : String(err)),
      });
      continue;
    }
    for (const { hit } of hits) {
      const f = toFinding(check, hit, ctx.layers);
      if (!byId.has(f.id)) byId.set(f.id, f);
    }
  }
  return { findings: [...byId.values()], issues };
}
