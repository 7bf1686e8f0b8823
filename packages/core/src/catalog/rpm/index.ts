import type { ViewCataloger } from '../cataloger.js';
import { catalogRpm } from './catalog.js';
import { RPM_PATHS } from './database.js';

const WANTED: ReadonlySet<string> = new Set(RPM_PATHS);

/**
 * RHEL/UBI, CentOS, Rocky, AlmaLinux, Fedora, Amazon Linux, openSUSE/SLES and Azure
 * Linux/CBL-Mariner packages from rpm's database in any of its three formats (SQLite with its
 * WAL, Berkeley DB, ndb), parsed in TypeScript.
 */
export const rpmCataloger: ViewCataloger = {
  id: 'rpm',
  version: 1,
  kind: 'view',
  osDatabase: true,
  staticPaths: RPM_PATHS,
  wants: (path) => WANTED.has(path),
  catalog: catalogRpm,
};
