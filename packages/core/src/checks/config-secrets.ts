import type { CheckHit, ConfigCheck, ConfigInput } from './check.js';
import { findSecrets } from './content-scan.js';
import { keyValuePairs, parseStep } from './history.js';
import { isKnownPublic, isPlaceholder, redact } from './secret-values.js';

const SECRET_NAME =
  /(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|API_KEY|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|AUTH_KEY|CREDENTIALS?)(?:_|$)/;
/** Names that point at a secret rather than hold one (`DB_PASSWORD_FILE`, `TOKEN_URL`, `ACCESS_KEY_ID`). */
const NAMES_A_SECRET = /_(?:FILE|PATH|DIR|URL|ENDPOINT|NAME|ID|TYPE|LENGTH|HEADER)$/;
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:(?<secret>[^\s/@]+)@/gi;

/** True when an ENV, ARG or LABEL name says its value is a secret (`DB_PASSWORD`, `NPM_TOKEN`). */
export function isSecretName(name: string): boolean {
  const n = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return SECRET_NAME.test(n) && !NAMES_A_SECRET.test(n);
}

/** What is wrong with one name=value pair, if anything: a token pattern, URL credentials or a secret name. */
function judgeValue(
  input: ConfigInput,
  name: string,
  value: string,
): { what: string; secret: string } | undefined {
  const token = findSecrets(input.contentChecks, value, '')[0];
  if (token) return { what: token.check.title, secret: token.secret };
  const url = [...value.matchAll(URL_CREDENTIALS)].find((m) => !isPlaceholder(m.groups!.secret!));
  if (url) return { what: 'a password in a URL', secret: url.groups!.secret! };
  if (isSecretName(name) && !isPlaceholder(value) && !isKnownPublic(value))
    return { what: 'a secret-named value', secret: value };
  return undefined;
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

function configHits(input: ConfigInput): CheckHit[] {
  const env = (input.config.config?.Env ?? []).map((e): [string, string] => {
    const eq = e.indexOf('=');
    return eq < 0 ? [e, ''] : [e.slice(0, eq), e.slice(eq + 1)];
  });
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
  const pairs =
    step.instruction === 'RUN'
      ? step.args
      : ['ENV', 'ARG', 'LABEL'].includes(step.instruction ?? '')
        ? keyValuePairs(step.text)
        : [];
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
 * with a password, or when its name says so (`*_PASSWORD`, `*_TOKEN`, …) and it is not a
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
