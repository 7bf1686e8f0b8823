package harness

import groovy.json.JsonOutput

/**
 * Answers the step's `sh` calls the way the tidegate CLI would, for the recorded cases (the real
 * CLI runs in TidegateScanRealTest). It writes what the CLI writes (the JSON report, the
 * JUnit file, the output the step's wrapper copies into its log) and exits with the code a
 * test asks for. Unknown scripts fail the test (the step runs exactly three: install, scan,
 * comment).
 */
class FakeCli {
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
