import * as core from '@actions/core';
import { UserError } from '@tidegate/core';

/**
 * The Action's inputs, keyed like `action.yml`. Empty inputs are `undefined`: tidegate resolves
 * them (flag, then `TIDEGATE_*`, then the policy file, then its default; STYLE rule 34), and
 * `tidegate ci` checks every value, so a bad one is reported like any other error of the run.
 */
export interface Inputs {
  image: string;
  db?: string;
  'db-source'?: string;
  'max-db-age'?: string;
  policy?: string;
  'fail-on'?: string;
  /** Passed on as given (`true`/`false`); unset leaves it to the policy file and the default. */
  'ignore-unfixed'?: string;
  vex?: string;
  baseline?: string;
  dockerfile?: string;
  formats?: string;
  'output-dir'?: string;
  'sarif-file'?: string;
  platform?: string;
  comment: boolean;
  'comment-mode'?: string;
  'comment-key'?: string;
  'comment-required'?: string;
  'github-token'?: string;
  'db-cache': boolean;
  'registry-username'?: string;
  'registry-password'?: string;
}

/** Inputs that hold credentials: masked before anything else runs, never logged (STYLE rule 18). */
export const SECRET_INPUTS = ['github-token', 'registry-password'] as const;

/** Inputs passed through as strings, unset when empty. */
const STRING_INPUTS = [
  'db',
  'db-source',
  'max-db-age',
  'policy',
  'fail-on',
  'ignore-unfixed',
  'vex',
  'baseline',
  'dockerfile',
  'formats',
  'output-dir',
  'sarif-file',
  'platform',
  'comment-mode',
  'comment-key',
  'comment-required',
  'github-token',
  'registry-username',
  'registry-password',
] as const;

/**
 * Registers every credential input with the runner's log masking. Called first thing, before any
 * other input is read or anything is logged.
 */
export function maskSecrets(): void {
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name);
    if (value) core.setSecret(value);
  }
}

/** An Action-owned boolean (YAML 1.2 core schema spellings); `fallback` when empty. */
function flag(name: string, fallback: boolean): boolean {
  const v = core.getInput(name);
  if (!v) return fallback;
  if (/^(true|True|TRUE)$/.test(v)) return true;
  if (/^(false|False|FALSE)$/.test(v)) return false;
  throw new UserError(`input ${name}: '${v}' is neither true nor false`);
}

/** Reads every input once. Only the Action's own inputs (comment, db-cache) get defaults here. */
export function getInputs(): Inputs {
  const image = core.getInput('image');
  if (!image) throw new UserError('input image is required: the image to scan');
  const inputs: Inputs = { image, comment: flag('comment', true), 'db-cache': flag('db-cache', true) };
  for (const name of STRING_INPUTS) {
    const v = core.getInput(name);
    if (v) inputs[name] = v;
  }
  return inputs;
}
