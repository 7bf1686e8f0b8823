/** tidegate's version: one product, one version for core, CLI and integrations (STYLE rule 35). */
export const TOOL_VERSION = '0.1.0';
