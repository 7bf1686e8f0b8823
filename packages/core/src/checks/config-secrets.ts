import type { OciImageConfig } from '../types/oci/config.js';
import type { CheckHit, ConfigCheck, ConfigInput, ContentCheck } from './check.js';
import { findSecrets } from './content-scan.js';
import { keyValuePairs, parseStep } from './history.js';
import { isKnownPublic, isPlaceholder, redact } from './secret-values.js';

const SECRET_NAME =
  /(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|API_KEY|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|AUTH_KEY|CREDENTIALS?)(?:_|$)/;
/** Names that point at a secret rather than hold one (`DB_PASSWORD_FILE`, `TOKEN_URL`, `ACCESS_KEY_ID`). */
const NAMES_A_SECRET = /_(?:FILE|PATH|DIR|URL|ENDPOINT|NAME|ID|TYPE|LENGTH|HEADER)$/;
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:(?<secret>[^\s/@]+)@/gi;
/**
 * Credentials passed as command options: curl's `-u user:pass` (also bundled, `-fsSLu`) and
 * `--user`, and anyone's `--password=…`, `--token …`. The short `-u` form counts after `curl`
 * only: elsewhere `-u 1000:1000` is a uid and gid.
 */
const OPTION_CREDENTIALS =
  /\bcurl\b[^;&|\n]*?\s(?:-[A-Za-z]*u[ \t]*|--user[ \t=]+)["']?[^\s:"']+:(?<secret>[^\s"']+)|(?:^|\s)--(?:password|passwd|token|api-key)[ =]["']?(?<value>[^\s"']+)/g;

/** True when an ENV, ARG or LABEL name says its value is a secret (`DB_PASSWORD`, `NPM_TOKEN`). */
export function isSecretName(name: string): boolean {
  const n = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return SECRET_NAME.test(n) && !NAMES_A_SECRET.test(n);
}

/**
 * Every secret in one name=value pair: matches of the secret rules, passwords in URLs, and,
 * when neither matched, the whole value if its name says it is a secret.
 */
function secretsIn(
  checks: readonly ContentCheck[],
  name: string,
  value: string,
): { what: string; secret: string }[] {
  const out = findSecrets(checks, value, '').map((f) => ({ what: f.check.title, secret: f.secret }));
  for (const m of value.matchAll(URL_CREDENTIALS))
    if (!isPlaceholder(m.groups!.secret!))
      out.push({ what: 'a password in a URL', secret: m.groups!.secret! });
  for (const m of value.matchAll(OPTION_CREDENTIALS)) {
    const secret = m.groups!.secret ?? m.groups!.value!;
    if (!isPlaceholder(secret)) out.push({ what: 'a credential on a command line', secret });
  }
  if (out.length === 0 && isSecretName(name) && !isPlaceholder(value) && !isKnownPublic(value))
    out.push({ what: 'a secret-named value', secret: value });
  return out;
}

/** What is wrong with one name=value pair, if anything (the first secret in it). */
function judgeValue(
  input: ConfigInput,
  name: string,
  value: string,
): { what: string; secret: string } | undefined {
  return secretsIn(input.contentChecks, name, value)[0];
}

function pairHit(
  input: ConfigInput,
  where: string,
  location: string,
  [name, value]: [string, string],
  historyIndex?: number,
): CheckHit[] {
  const j = judgeValue(input, name, value);
  if (!j) return [];
  const hit: CheckHit = {
    location,
    detail: `${where} ${name} holds ${j.what}`,
    evidence: `${name}=${redact(j.secret)}`,
  };
  return [historyIndex === undefined ? hit : { ...hit, historyIndex }];
}

/** The name=value pairs of a history step that may hold secrets: RUN build args, ENV, ARG, LABEL. */
function stepPairs(createdBy: string): [string, string][] {
  const step = parseStep(createdBy);
  if (step.instruction === 'RUN') return step.args;
  return ['ENV', 'ARG', 'LABEL'].includes(step.instruction ?? '') ? keyValuePairs(step.text) : [];
}

function masked(text: string, secrets: readonly { secret: string }[]): string {
  return secrets.reduce((t, { secret }) => t.split(secret).join(redact(secret)), text);
}

function envPair(e: string): [string, string] {
  const eq = e.indexOf('=');
  return eq < 0 ? [e, ''] : [e.slice(0, eq), e.slice(eq + 1)];
}

function configHits(input: ConfigInput): CheckHit[] {
  const env = (input.config.config?.Env ?? []).map(envPair);
  const labels = Object.entries(input.config.config?.Labels ?? {});
  return [
    ...env.flatMap((p) => pairHit(input, 'ENV', `config.Env.${p[0]}`, p)),
    ...labels.flatMap((p) => pairHit(input, 'LABEL', `config.Labels.${p[0]}`, p)),
  ];
}

function historyHits(input: ConfigInput, createdBy: string, i: number): CheckHit[] {
  const step = parseStep(createdBy);
  const finalEnv = new Set(input.config.config?.Env ?? []);
  const finalLabels = input.config.config?.Labels ?? {};
  const hits: CheckHit[] = [];
  const pairs = stepPairs(createdBy);
  for (const [name, value] of pairs) {
    // values still in the final config are reported there, once
    if (step.instruction === 'ENV' && finalEnv.has(`${name}=${value}`)) continue;
    if (step.instruction === 'LABEL' && finalLabels[name] === value) continue;
    hits.push(
      ...pairHit(
        input,
        step.instruction === 'RUN' ? 'build arg' : step.instruction!,
        `history[${i}].${name}`,
        [name, value],
        i,
      ),
    );
  }
  if (step.instruction === 'RUN') {
    const j = judgeValue(input, '', step.text);
    if (j)
      hits.push({
        location: `history[${i}]`,
        historyIndex: i,
        detail: `a RUN step's command holds ${j.what}`,
        evidence: redact(j.secret),
      });
  }
  return hits;
}

/**
 * CIS Docker Benchmark 4.10, "Ensure secrets are not stored in Dockerfiles": secrets in the
 * image config's ENV and LABEL values, and in its history, where build args (`ARG`), earlier
 * `ENV` values and RUN command lines stay readable by anyone who pulls the image (`docker
 * history`). A value is a secret when a secret rule matches it (tokens, keys), when it is a URL
 * with a password or a command option carrying one (`curl -u user:pass`, `--password=…`), or
 * when its name says so (`*_PASSWORD`, `*_TOKEN`, …) and it is not a
 * placeholder.
 */
export const configSecrets: ConfigCheck = {
  id: 'TG-CIS-4.10',
  version: 1,
  kind: 'config',
  finding: 'secret',
  title: 'Secret in image config or history',
  severity: 'high',
  cis: '4.10',
  dockle: ['CIS-DI-0010'],
  remediation:
    'Pass secrets at run time or as build secrets (RUN --mount=type=secret), never as ENV, ARG or LABEL; rotate the exposed value.',
  run(input) {
    return [
      ...configHits(input),
      ...(input.config.history ?? []).flatMap((h, i) => historyHits(input, h.created_by ?? '', i)),
    ];
  },
};

/**
 * The config with every secret TG-CIS-4.10 would find replaced by its redacted form. Reports
 * (image labels, each layer's `created_by`) and every check that does not look for secrets see
 * this copy, so no evidence or label can carry a secret: masked where it enters (STYLE rule 18).
 */
export function maskConfigSecrets(config: OciImageConfig, checks: readonly ContentCheck[]): OciImageConfig {
  const exec = config.config;
  const history = config.history?.map((h) => {
    if (h.created_by === undefined) return h;
    const found = [
      ...stepPairs(h.created_by).flatMap(([n, v]) => secretsIn(checks, n, v)),
      ...secretsIn(checks, '', h.created_by),
    ];
    return found.length ? { ...h, created_by: masked(h.created_by, found) } : h;
  });
  if (!exec) return history ? { ...config, history } : config;
  const env = exec.Env?.map((e) => masked(e, secretsIn(checks, ...envPair(e))));
  const labels = exec.Labels
    ? Object.fromEntries(Object.entries(exec.Labels).map(([k, v]) => [k, masked(v, secretsIn(checks, k, v))]))
    : exec.Labels;
  return {
    ...config,
    ...(history ? { history } : {}),
    config: { ...exec, ...(env ? { Env: env } : {}), ...(labels ? { Labels: labels } : {}) },
  };
}
