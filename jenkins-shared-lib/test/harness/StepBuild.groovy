package harness

import groovy.json.JsonOutput
import hudson.AbortException

/**
 * One build of tidegateScan with `sh` answered the way the CLI answers (the real CLI runs in
 * TidegateScanRealTest): install.sh prints a path, `tidegate ci` writes its reports and
 * tidegate-verdict.json and exits with the code the test asks for.
 */
class StepBuild {
  static final String TOKEN = 'ghp_tidegateJenkinsFakeToken0123456789XYZ'
  static final Map PR_ENV = [CHANGE_ID: '7', CHANGE_URL: 'https://github.com/o/r/pull/7', CHANGE_TARGET: 'main']

  PipelineHarness h
  int installExit = 0
  int ciExit = 0
  /** The verdict file `tidegate ci` writes; null writes none (a CLI that never ran). */
  Map verdict = verdictOf('pass', 0, 'tidegate: PASS app:1')

  static Map verdictOf(String status, int exitCode, String line, Map more = [:]) {
    return [schemaVersion: 1, status: status, exitCode: exitCode, line: line, reference: 'docker-archive:app.tar',
            reasons: [], reports: [json: 'tidegate.json', junit: 'tidegate.junit.xml'], comment: [status: 'off'], ci: 'jenkins'] + more
  }

  StepBuild(File lib, Map env = [:]) {
    File ws = File.createTempDir('tidegate-jenkins-', '-ws')
    h = new PipelineHarness(lib, ws)
    h.env.putAll(env)
    h.credentials['github-token'] = TOKEN
    h.shHandler = { Map a, Map e -> answer(a.script, e, ws) }
  }

  private Map answer(String script, Map env, File ws) {
    if (script.startsWith('#!/bin/sh') && script.contains('TIDEGATE_CLI_VERSION')) {
      if (installExit) return [status: installExit, stderr: 'tidegate: error: could not fetch the bundle\n']
      return [status: 0, stdout: '/opt/tidegate/bin/tidegate\n', stderr: 'tidegate: installed tidegate 0.1.0\n']
    }
    if (script == '"$TIDEGATE_CLI_PATH" ci --ci jenkins') {
      File out = new File(ws, env.TIDEGATE_OUTPUT_DIR ?: 'tidegate-reports')
      out.mkdirs()
      new File(out, 'tidegate.junit.xml').text = '<testsuites/>\n'
      if (verdict != null) new File(out, 'tidegate-verdict.json').text = JsonOutput.toJson(verdict)
      return [status: ciExit, stdout: '', stderr: "${verdict?.line ?: ''}\n"]
    }
    throw new AssertionError("unexpected sh script:\n${script}")
  }

  def scan(Map cfg = [:]) {
    return h.run('tidegateScan', [image: 'docker-archive:app.tar'] + cfg)
  }

  /** Runs the step expecting `error`; returns its message. */
  String scanFails(Map cfg = [:]) {
    try {
      scan(cfg)
    } catch (AbortException e) {
      assert h.callsOf('error')*.args.message == [e.message]
      return e.message
    }
    throw new AssertionError('the step did not fail')
  }

  Map ciEnv() {
    Map c = h.callsOf('sh').find { it.args.script.contains(' ci --ci jenkins') }
    assert c : 'tidegate ci never ran'
    return c.env
  }

  List<String> steps() {
    return h.calls*.step.findAll { it != 'fileExists' && it != 'readFile' }
  }
}
