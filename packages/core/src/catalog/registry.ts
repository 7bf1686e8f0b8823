import { apkCataloger } from './apk.js';
import type { Cataloger } from './cataloger.js';
import { cargoAuditableCataloger } from './cargo-auditable.js';
import { cargoLock } from './cargo-lock.js';
import { composerInstalled } from './composer-installed.js';
import { composerLock } from './composer-lock.js';
import { dotnetDepsCataloger } from './dotnet-deps.js';
import { gemSpecCataloger } from './gem-spec.js';
import { gemfileLockCataloger } from './gemfile-lock.js';
import { nugetLockCataloger } from './nuget-lock.js';
import { dpkgCataloger } from './dpkg/index.js';
import { goBinaryCataloger } from './go-binary/index.js';
import { javaArchiveCataloger } from './java-archive/index.js';
import { npmPackageLock } from './npm-package-lock.js';
import { npmCataloger } from './npm.js';
import { osReleaseCataloger } from './os-release.js';
import { pipRequirementsCataloger } from './pip-requirements.js';
import { pipfileLock } from './pipfile-lock.js';
import { pnpmLock } from './pnpm-lock.js';
import { poetryLock } from './poetry-lock.js';
import { pythonInstalledCataloger } from './python-installed/index.js';
import { yarnLock } from './yarn-lock/index.js';

/**
 * Every cataloger, one line each (STYLE rule 4). View catalogers run in this order, so
 * `os-release` comes first: the distro it finds sets the ecosystem of the OS packages after it.
 */
export const catalogers: readonly Cataloger[] = [
  osReleaseCataloger,
  dpkgCataloger,
  apkCataloger,
  npmCataloger,
  npmPackageLock,
  yarnLock,
  pnpmLock,
  goBinaryCataloger,
  javaArchiveCataloger,
  pythonInstalledCataloger,
  poetryLock,
  pipfileLock,
  pipRequirementsCataloger,
  gemSpecCataloger,
  gemfileLockCataloger,
  cargoLock,
  cargoAuditableCataloger,
  composerInstalled,
  composerLock,
  dotnetDepsCataloger,
  nugetLockCataloger,
];
