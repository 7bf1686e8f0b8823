import * as core from '@actions/core';
import { COMMENT_MODES, UserError, type CommentMode } from '@tidegate/core';

/** The Action's inputs, keyed like `action.yml`. Empty inputs are `undefined`: tidegate resolves them. */
export interface Inputs {
  image: string;
  db?: string;
  policy?: string;
  'fail-on'?: string;
  /** Tri-state: `undefined` leaves it to the policy file and the built-in default. */
  'ignore-unfixed'?: boolean;
  formats: string[];
  'output-dir'?: string;
  'sarif-file'?: string;
  comment: boolean;
  'comment-mode'?: CommentMode;
  'github-token'?: string;
  'db-cache': boolean;
  baseline?: string;
  'registry-username'?: string;
  'registry-password'?: string;
  platform?: string;
}

/** Inputs that hold credentials: masked before anything else runs, never logged (STYLE rule 18). */
export const SECRET_INPUTS = ['github-token', 'registry-password'] as const;

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

function optional(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

/** `true`/`false` (YAML 1.2 core schema spellings), or `undefined` when empty. */
function tristate(name: string): boolean | undefined {
  const v = core.getInput(name);
  if (!v) return undefined;
  if (/^(true|True|TRUE)$/.test(v)) return true;
  if (/^(false|False|FALSE)$/.test(v)) return false;
  throw new UserError(`input ${name}: '${v}' is neither true nor false`);
}

function commentMode(): CommentMode | undefined {
  const v = optional('comment-mode');
  if (v === undefined || (COMMENT_MODES as readonly string[]).includes(v)) return v as CommentMode;
  throw new UserError(`input comment-mode: '${v}' is not one of ${COMMENT_MODES.join(', ')}`);
}

/** Reads and checks every input once. Only the Action's own inputs get defaults here. */
export function getInputs(): Inputs {
  const image = core.getInput('image');
  if (!image) throw new UserError('input image is required: the image to scan');
  const formats = (core.getInput('formats') || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const inputs: Inputs = {
    image,
    formats,
    comment: tristate('comment') ?? true,
    'db-cache': tristate('db-cache') ?? true,
  };
  const strings = ['db', 'policy', 'fail-on', 'output-dir', 'sarif-file', 'baseline', 'platform'] as const;
  for (const name of strings) {
    const v = optional(name);
    if (v !== undefined) inputs[name] = v;
  }
  const unfixed = tristate('ignore-unfixed');
  if (unfixed !== undefined) inputs['ignore-unfixed'] = unfixed;
  const mode = commentMode();
  if (mode) inputs['comment-mode'] = mode;
  for (const name of ['github-token', 'registry-username', 'registry-password'] as const) {
    const v = optional(name);
    if (v !== undefined) inputs[name] = v;
  }
  return inputs;
}
