import type { Finding } from '../../types/model.js';
import type { SarifLevel, SarifLocation, SarifResult } from '../../types/sarif/log.js';
import { clip, oneLine } from '../escape.js';
import { layerLabel, type ReportModel } from '../model.js';
import { levelOf } from './rules.js';

/** The key of our fingerprint in `partialFingerprints`: the stable finding id (DESIGN.md). */
export const FINGERPRINT_KEY = 'tidegateFindingId/v1';

function level(model: ReportModel, f: Finding): SarifLevel {
  const s = model.statusById[f.id];
  if (s === 'fail') return 'error';
  if (s === 'warn') return 'warning';
  return levelOf(f.severity) === 'error' ? 'warning' : 'note';
}

/**
 * With a Dockerfile: the line of the instruction that made the finding's layer (the final
 * `FROM` for base-image layers and layers no instruction matches). Without: the file the
 * package was read from. `startLine` is always set (the OASIS schema requires a region start).
 */
function location(model: ReportModel, f: Finding): SarifLocation {
  const pkg = f.package ? model.packageById[f.package.id] : undefined;
  const path = f.location ?? pkg?.locations[0];
  const logical = f.package
    ? [{ name: f.package.purl, fullyQualifiedName: f.package.purl, kind: 'package' }]
    : undefined;
  const d = model.dockerfile;
  if (d) {
    const own = f.location === d.path ? f.line : undefined; // a finding about the Dockerfile itself
    const line = own ?? (f.layer ? d.layerLines[f.layer.index] : undefined) ?? d.fromLine;
    return {
      physicalLocation: { artifactLocation: { uri: encodeURI(d.path) }, region: { startLine: line } },
      ...(logical ? { logicalLocations: logical } : {}),
      ...(path ? { message: { text: `in the image at /${oneLine(path)}` } } : {}),
    };
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path ?? 'Dockerfile') },
      region: { startLine: 1 },
    },
    ...(logical ? { logicalLocations: logical } : {}),
  };
}

function message(model: ReportModel, f: Finding): string {
  const p = f.package;
  const what = p ? `${p.name} ${p.version}` : (f.location ?? model.imageName);
  const fix = f.fixedIn.length
    ? ` Fixed in ${f.fixedIn.join(', ')}.`
    : f.kind === 'vulnerability'
      ? ` No fix (${f.fixState}).`
      : '';
  const layer = f.layer ? ` From ${layerLabel(f.layer)}.` : '';
  const title = f.title ? `: ${f.title}` : '';
  return clip(oneLine(`${what} is affected by ${f.ruleId} (${f.severity})${title}.${fix}${layer}`), 2000);
}

/** One result per finding; suppressed findings carry an external, accepted suppression. */
export function sarifResult(model: ReportModel, f: Finding, ruleIndex: number): SarifResult {
  const introduced = model.diff?.introduced.some((x) => x.id === f.id);
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(model, f),
    message: { text: message(model, f) },
    locations: [location(model, f)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.id },
    ...(model.diff ? { baselineState: introduced ? ('new' as const) : ('unchanged' as const) } : {}),
    ...(f.suppressed
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: clip(oneLine(`${f.suppressed.by}: ${f.suppressed.reason}`), 1000),
            },
          ],
        }
      : {}),
    properties: {
      findingId: f.id,
      kind: f.kind,
      severity: f.severity,
      ...(f.package ? { purl: f.package.purl } : {}),
      ...(f.layer ? { layer: f.layer.index + 1, layerDigest: f.layer.digest } : {}),
    },
  };
}
