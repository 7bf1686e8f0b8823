/** One entry of an image config's `history` (OCI `config.md`). */
export interface OciHistory {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  /** True when the step changed no files, so no layer corresponds to it. */
  empty_layer?: boolean;
}

/** The execution parameters of an image config (OCI `config.md` `config`). */
export interface OciExecConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  /** Docker extension, not in the OCI spec. */
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number };
}

/** An image configuration (OCI `config.md`). */
export interface OciImageConfig {
  created?: string;
  author?: string;
  architecture: string;
  os: string;
  variant?: string;
  config?: OciExecConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: OciHistory[];
}
