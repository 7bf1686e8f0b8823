package harness

import groovy.json.JsonOutput

/**
 * Answers the step's `sh` calls the way the tidegate CLI would, for the recorded cases (the real
 * CLI runs in TidegateScanRealTest). It writes what the CLI writes (the JSON report, the
 * JUnit file, the output the step's wrapper copies into its log) and exits with the code a
 * test asks for. Unknown scripts fail the test.
 */
class FakeCli {
  /** `tidegate scan --help` of the CLI on main today: table, json, spdx; no --policy. */
  static final String HELP_TODAY = '''Usage: tidegate scan [flags] IMAGE

Flags:
  --db PATH                  OSV advisories: a directory or zip of OSV JSON records [TIDEGATE_DB]
  --format LIST              report format(s), comma-separated (table|json|spdx) [TIDEGATE_FORMAT]
  --output-dir DIR           write one tidegate.<ext> per format into DIR [TIDEGATE_OUTPUT_DIR]
  --fail-on SEVERITY         fail the gate on vulnerabilities at or above this severity (default high) (critical|high|medium|low|negligible|none) [TIDEGATE_FAIL_ON]
  --ignore-unfixed           do not gate on vulnerabilities without a fixed version [TIDEGATE_IGNORE_UNFIXED]
  --platform OS/ARCH         platform to scan from a multi-platform image (default linux/amd64) [TIDEGATE_PLATFORM]
  --debug                    log every step and show stack traces [TIDEGATE_DEBUG]
  --help                     show help
'''

  /** A CLI with the policy flags and every report format. */
  static final String HELP_FULL = HELP_TODAY
    .replace('(table|json|spdx)', '(table|json|sarif|junit|markdown|html|cyclonedx|spdx)')
    .replace('  --fail-on', '  --policy FILE              policy file (default .tidegate.yml when present) [TIDEGATE_POLICY]\n  --fail-on')

  String help = HELP_TODAY
  String cliPath = '/opt/tidegate/bin/tidegate'
  int installExit = 0
  int scanExit = 0
  /** The JSON report text the scan writes; null writes none. */
  String report = reportJson('pass')
  /** What the scan prints (stdout and stderr, as the wrapper merges them). */
  String scanOutput = 'verdict: pass\n'
  int commentExit = 0
  String commentOutput = 'comment: created\n'

  /** A tidegate JSON report with this verdict. */
  static String reportJson(String status, Map counts = [:], List<String> reasons = []) {
    return JsonOutput.toJson([
      schemaVersion: 1,
      tool: [name: 'tidegate', version: '0.1.0'],
      image: [reference: 'docker-archive:app.tar', repoTags: ['app:1'], layers: []],
      packages: [], findings: [], ignored: [], issues: [],
      verdict: [
        status: status,
        reasons: reasons.collect { [rule: 'severity', status: status, message: it, findingIds: []] },
        counts: [critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0] + counts,
        incomplete: false,
      ],
    ])
  }

  /** The shHandler for a PipelineHarness whose workspace is `ws`. */
  Closure handler(File ws) {
    return { Map a, Map env -> answer(a.script, env, ws) }
  }

  private Map answer(String script, Map env, File ws) {
    if (script.startsWith('#!/bin/sh') && script.contains('TIDEGATE_CLI_VERSION')) {
      if (installExit) return [status: installExit, stderr: 'tidegate: error: npm could not install @tidegate/cli@0.1.0\n']
      return [status: 0, stdout: "${cliPath}\n", stderr: 'tidegate: installed tidegate 0.1.0\n']
    }
    if (script.trim() == '"$TIDEGATE_CLI" scan --help') return [status: 0, stdout: help]
    if (script.contains('"$TIDEGATE_CLI" scan -- "$TIDEGATE_IMAGE"')) return scan(env, ws)
    if (script.contains('"$TIDEGATE_CLI" comment ')) {
      new File(ws, env.TIDEGATE_STEP_LOG).text = commentOutput
      return [status: commentExit, stdout: commentOutput]
    }
    throw new AssertionError("unexpected sh script:\n${script}")
  }

  private Map scan(Map env, File ws) {
    File out = new File(ws, env.TIDEGATE_OUTPUT_DIR)
    out.mkdirs()
    List<String> formats = env.TIDEGATE_FORMAT.split(',') as List
    if (report != null && scanExit in [0, 1]) {
      new File(out, 'tidegate.json').text = report
      if (formats.contains('table')) new File(out, 'tidegate.txt').text = 'SEVERITY  ID  PACKAGE\n<b>x</b>\n'
      if (formats.contains('junit')) new File(out, 'tidegate.junit.xml').text = '<testsuites/>\n'
    }
    new File(ws, env.TIDEGATE_STEP_LOG).text = scanOutput
    return [status: scanExit, stdout: scanOutput]
  }
}
