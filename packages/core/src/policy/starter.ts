/**
 * The commented starter policy `tidegate policy init` writes. A test parses it, so it always
 * validates; every value in it is the built-in default unless its comment says otherwise.
 */
export const STARTER_POLICY = `# tidegate policy: https://github.com/tidegate/tidegate/blob/main/docs/policy.md
# Precedence: command-line flag > TIDEGATE_* variable > this file > built-in default.
# Every rule has a mode: fail (exit 1), warn (pass with a warning) or off.
version: 1

vulnerabilities:
  severity:
    fail: high            # critical | high | medium | low | negligible | unknown (= any) | none
    warn: none
  ignore-unfixed: false   # true: only gate on vulnerabilities a fixed version exists for
  kev:
    mode: fail            # known exploited (CISA KEV) fails whatever the severity
  # cvss:                 # gate on the CVSS base score
  #   mode: fail
  #   threshold: 9.0
  # epss:                 # gate on the EPSS probability of exploitation
  #   mode: warn
  #   threshold: 0.5
  # rules:                # per advisory id or alias: fail | warn | off
  #   CVE-2023-4911: fail
  # ecosystems:           # per OSV ecosystem (globs); the first matching key wins
  #   npm:
  #     severity: { fail: critical }
  #     ignore-unfixed: true

findings:                 # findings of the image checks
  misconfiguration:
    severity: { fail: critical, warn: high }   # root user is high
  secret:
    severity: { fail: unknown }   # every secret fails

# packages:               # deny by name or purl glob; allow overrides deny
#   mode: fail
#   deny: ["pkg:npm/event-stream@*", "log4j-core"]
#   allow: []

# licenses:               # SPDX ids or expressions
#   mode: fail
#   deny: [AGPL-3.0-only, AGPL-3.0-or-later]
#   unknown: warn         # licences that are not SPDX, or none declared

# image:
#   registries: { allow: ["ghcr.io/acme/*"] }
#   base-images: { allow: ["docker.io/library/debian:*"] }
#   labels: { mode: warn, require: [org.opencontainers.image.source] }
#   max-age: { mode: warn, days: 90 }

incomplete:
  os-database: fail       # an OS package database could not be read: packages may be hidden
  other: warn

# exceptions:             # reason and expires (YYYY-MM-DD, the first day it no longer applies) are required
#   - id: CVE-2023-4911
#     package: libc6
#     reason: not reachable in this image; tracked in ACME-123
#     expires: 2030-01-31
`;
