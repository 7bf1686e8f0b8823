/**
 * The parts of SARIF 2.1.0 (OASIS, Errata 01) tidegate writes. Names and nesting follow the
 * spec's objects (§3.13 sarifLog, §3.14 run, §3.19 toolComponent, §3.49 reportingDescriptor,
 * §3.27 result, §3.28 location, §3.30 region, §3.35 suppression).
 */

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel };
  properties?: Record<string, unknown>;
}

export interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number };
  };
  logicalLocations?: { name?: string; fullyQualifiedName?: string; kind?: string }[];
  message?: SarifMessage;
}

export interface SarifSuppression {
  kind: 'inSource' | 'external';
  status?: 'accepted' | 'underReview' | 'rejected';
  justification?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  baselineState?: 'new' | 'unchanged' | 'updated' | 'absent';
  suppressions?: SarifSuppression[];
  properties?: Record<string, unknown>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
}

export interface SarifRun {
  tool: {
    driver: { name: string; version: string; informationUri?: string; rules: SarifReportingDescriptor[] };
  };
  automationDetails?: { id: string };
  invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotification[] }[];
  results: SarifResult[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: SarifRun[];
}
