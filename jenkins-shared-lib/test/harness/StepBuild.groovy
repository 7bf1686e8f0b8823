package harness

import hudson.AbortException

/** One build of tidegateScan: a harness with a fresh workspace and FakeCli answering sh. */
class StepBuild {
  static final String TOKEN = 'ghp_tidegateJenkinsFakeToken0123456789XYZ'
  static final Map PR_ENV = [CHANGE_ID: '7', CHANGE_URL: 'https://github.com/o/r/pull/7', CHANGE_TARGET: 'main']

  PipelineHarness h
  FakeCli cli = new FakeCli()

  StepBuild(File lib, Map env = [:]) {
    File ws = File.createTempDir('tidegate-jenkins-', '-ws')
    h = new PipelineHarness(lib, ws)
    h.env.putAll(env)
    h.credentials['github-token'] = TOKEN
    h.shHandler = cli.handler(ws)
  }

  def scan(Map cfg = [:]) {
    return h.run('tidegateScan', [image: 'docker-archive:app.tar', db: 'osv'] + cfg)
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

  Map shEnv(String marker) {
    Map c = h.callsOf('sh').find { it.args.script.contains(marker) }
    assert c : "no sh call containing ${marker}"
    return c.env
  }

  List<String> steps() {
    return h.calls*.step.findAll { it != 'fileExists' && it != 'readFile' }
  }
}
