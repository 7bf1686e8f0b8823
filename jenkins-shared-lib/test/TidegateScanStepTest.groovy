import harness.PipelineRecorder
import harness.StepBuild as Build
import harness.TestSuite

/**
 * tidegateScan with the pipeline steps recorded and `sh` answered like the CLI (StepBuild): the
 * calls the step makes and the build result for pass, warn, fail and error, branch and
 * pull-request builds. Whatever the result, the reports are archived and the JUnit published
 * before the result is set.
 */
class TidegateScanStepTest {
  static void register(TestSuite t, File lib) {
    registerResults(t, lib)
    registerInputs(t, lib)
  }

  static void registerResults(TestSuite t, File lib) {
    t.test('pass: installs the library bundle, runs tidegate ci, archives, publishes, returns the verdict file') {
      Build b = new Build(lib)
      Map v = b.scan()
      assert v.status == 'pass' && v.exitCode == 0 && v.line == 'tidegate: PASS app:1'
      assert b.h.currentBuild.result == null
      assert b.steps() == ['libraryResource', 'libraryResource', 'libraryResource', 'writeFile', 'withEnv', 'sh', 'withEnv', 'sh',
                           'archiveArtifacts', 'junit', 'echo']
      assert b.h.callsOf('libraryResource')*.args*.resource == ['io/tidegate/install.sh', 'io/tidegate/tidegate.mjs.sha256', 'io/tidegate/tidegate.mjs']
      assert b.h.callsOf('libraryResource')[2].args.encoding == 'Base64' && b.h.callsOf('writeFile')[0].args.encoding == 'Base64'
      Map install = b.h.callsOf('sh')[0].env
      assert install.TIDEGATE_CLI_SOURCE == 'bundle' && install.TIDEGATE_CLI_BUNDLE_URL.endsWith('@tmp/tidegate-0.1.0.mjs')
      assert install.TIDEGATE_CLI_BUNDLE_SHA256 ==~ /[0-9a-f]{64}/
      assert b.h.callsOf('junit')*.args == [[testResults: 'tidegate-reports/tidegate.junit.xml', allowEmptyResults: true, skipMarkingBuildUnstable: true]]
      assert b.h.callsOf('echo')*.args.message == ['tidegate: PASS app:1']
    }

    t.test('warn: unstable with the verdict line') {
      Build b = new Build(lib)
      b.verdict = Build.verdictOf('warn', 0, 'tidegate: WARN app:1: the scan is incomplete: 1 file could not be examined')
      assert b.scan().status == 'warn'
      assert b.h.currentBuild.result == 'UNSTABLE'
      assert b.h.callsOf('unstable')*.args.message == ['tidegate: WARN app:1: the scan is incomplete: 1 file could not be examined']
    }

    t.test('fail: exit 1 marks the build FAILURE without stopping it; stopOnFail errors, after the reports') {
      [false, true].each { boolean stop ->
        Build b = new Build(lib)
        b.ciExit = 1
        b.verdict = Build.verdictOf('fail', 1, 'tidegate: FAIL app:1: 10 vulnerabilities at or above high')
        if (stop) assert b.scanFails(stopOnFail: true) == 'tidegate: FAIL app:1: 10 vulnerabilities at or above high'
        else assert b.scan().exitCode == 1
        assert b.h.currentBuild.result == 'FAILURE'
        assert b.steps().indexOf('archiveArtifacts') < b.steps().indexOf('junit')
        assert b.steps().indexOf('junit') < (stop ? b.steps().indexOf('error') : b.steps().size())
      }
    }

    t.test("error: exit 2 fails with the CLI's one line, after the reports and the JUnit error case are published") {
      Build b = new Build(lib)
      b.ciExit = 2
      b.verdict = Build.verdictOf('error', 2, 'tidegate: error: app.tar: no such file or directory: app.tar')
      assert b.scanFails() == 'tidegate: error: app.tar: no such file or directory: app.tar'
      assert b.steps()[-3..-1] == ['archiveArtifacts', 'junit', 'error']
    }

    t.test('error: a CLI that never ran (no verdict file) is an error naming the exit code, never a pass') {
      Build b = new Build(lib)
      b.ciExit = 127
      b.verdict = null
      assert b.scanFails() ==~ /tidegate: error: tidegate ci exited 127 and wrote no tidegate-reports\/tidegate-verdict\.json .*/
    }

    t.test('error: a verdict file that disagrees with the exit code is not this run\'s') {
      Build b = new Build(lib)
      b.ciExit = 0
      b.verdict = Build.verdictOf('fail', 1, 'tidegate: FAIL app:1: x')
      assert b.scanFails() =~ /exited 0 but .* says 1: not this run's file/
    }

    t.test('error: a failed install stops the step before any scan') {
      Build b = new Build(lib)
      b.installExit = 2
      assert b.scanFails() =~ /^tidegate: error: could not install the tidegate CLI 0\.1\.0/
      assert !b.h.callsOf('sh').any { it.args.script.contains(' ci ') }
    }

    t.test('comment: a failed comment is a warning and the build keeps the gate\'s result') {
      Build b = new Build(lib, Build.PR_ENV)
      b.verdict = Build.verdictOf('pass', 0, 'tidegate: PASS app:1', [comment: [status: 'failed', reason: 'GitHub GET … failed with HTTP 404']])
      assert b.scan(credentialsId: 'github-token').status == 'pass'
      assert b.h.currentBuild.result == null
      assert b.h.callsOf('echo')*.args.message.contains('tidegate: warning: the pull request comment failed: GitHub GET … failed with HTTP 404')
    }
  }

  static void registerInputs(TestSuite t, File lib) {
    t.test('inputs: every value reaches the CLI through withEnv; the scripts are literals') {
      Build b = new Build(lib)
      String image = 'x$(touch pwned)`id`;y.tar'
      b.scan(image: image, failOn: 'critical', dbSource: 'https://osv.internal', maxDbAge: '2d', cacheDir: '/var/cache/tg', formats: ['json', 'spdx'])
      Map env = b.ciEnv()
      assert env.TIDEGATE_IMAGE == image && env.TIDEGATE_FAIL_ON == 'critical' && env.TIDEGATE_FORMAT == 'json,spdx'
      assert env.TIDEGATE_DB_SOURCE == 'https://osv.internal' && env.TIDEGATE_MAX_DB_AGE == '2d' && env.TIDEGATE_CACHE_DIR == '/var/cache/tg'
      assert b.h.callsOf('sh').every { !it.args.script.contains(image) && !it.args.script.contains('critical') }
    }

    t.test('inputs: an unset parameter sets no variable, so the policy file and the CLI decide') {
      Build b = new Build(lib)
      b.scan()
      assert b.ciEnv().keySet().findAll { it.startsWith('TIDEGATE_') }.sort() ==
        ['TIDEGATE_CLI_PATH', 'TIDEGATE_COMMENT', 'TIDEGATE_IMAGE', 'TIDEGATE_OUTPUT_DIR']
    }

    t.test('comment: the token is bound only in a pull-request build with credentialsId, by variable name') {
      Build pr = new Build(lib, Build.PR_ENV)
      pr.scan(credentialsId: 'github-token', commentRequired: true)
      assert pr.h.callsOf('withCredentials')*.args.bindings == [[[$class: 'StringBinding', credentialsId: 'github-token', variable: 'TIDEGATE_GITHUB_TOKEN']]]
      Map env = pr.ciEnv()
      assert env.TIDEGATE_GITHUB_TOKEN == Build.TOKEN && env.TIDEGATE_TOKEN_ENV == 'TIDEGATE_GITHUB_TOKEN' && env.TIDEGATE_COMMENT == 'true'
      assert env.TIDEGATE_COMMENT_REQUIRED == 'true'
      assert !pr.h.everythingRecorded().contains(Build.TOKEN)
      Build branch = new Build(lib)
      branch.scan(credentialsId: 'github-token')
      assert !branch.h.callsOf('withCredentials') && branch.ciEnv().TIDEGATE_COMMENT == 'false'
      Build noCreds = new Build(lib, Build.PR_ENV)
      noCreds.scan()
      assert noCreds.h.callsOf('echo')*.args.message.contains('tidegate: no credentialsId was given: no pull request comment')
    }

    t.test('inputs: npm and a preinstalled CLI reach the install script; no library bundle is written then') {
      Build b = new Build(lib)
      b.scan(source: 'npm', npmIntegrity: 'sha512-abc', installDir: '/var/cache/tidegate')
      assert b.h.callsOf('sh')[0].env.subMap(['TIDEGATE_CLI_SOURCE', 'TIDEGATE_CLI_NPM_INTEGRITY', 'TIDEGATE_CLI_DIR']) ==
        [TIDEGATE_CLI_SOURCE: 'npm', TIDEGATE_CLI_NPM_INTEGRITY: 'sha512-abc', TIDEGATE_CLI_DIR: '/var/cache/tidegate']
      assert !b.h.callsOf('writeFile')
      Build pre = new Build(lib)
      pre.scan(cli: 'tidegate')
      assert pre.h.callsOf('sh')[0].env.TIDEGATE_CLI == 'tidegate' && !pre.h.callsOf('writeFile')
    }

    t.test('inputs: bad parameters fail once, naming each, before anything runs') {
      Build b = new Build(lib)
      String m = b.scanFails(failon: 'high', junit: 'yes', source: 'npm')
      assert m.startsWith('tidegateScan: unknown parameter failon (known: ')
      assert m.contains("junit must be true or false, not 'yes'") && m.contains('source npm needs npmIntegrity')
      assert b.steps() == ['error']
    }

    t.test('inputs: the help page and the README document every parameter; the version is the CLI package version') {
      String step = new File(lib, 'vars/tidegateScan.groovy').text
      List<String> keys = (step =~ /(?m)^    (\w+): /).collect { it[1] }
      String help = new File(lib, 'vars/tidegateScan.txt').text
      String readme = new File(lib, 'README.md').text
      keys.each { assert help.contains("<code>${it}</code>") : "tidegateScan.txt lacks ${it}"; assert readme.contains("`${it}`") : "README lacks ${it}" }
      String cliVersion = new groovy.json.JsonSlurper().parse(new File(lib.parentFile, 'packages/cli/package.json')).version
      assert step.contains("version: '${cliVersion}'")
    }

    ['Jenkinsfile', 'scripted.groovy'].each { String name ->
      t.test("examples/${name}: runs under Groovy 2.4 and calls tidegateScan with parameters the step takes") {
        PipelineRecorder p = new PipelineRecorder()
        p.run(new File(lib, "examples/${name}"))
        assert p.scans.size() == 1 && p.steps.contains('stage')
        Build b = new Build(lib, Build.PR_ENV)
        b.scan(p.scans[0])
        assert !b.h.callsOf('error') && b.h.callsOf('withCredentials')
      }
    }

    t.test('the returned verdict is a plain serializable Map (the CPS engine saves it between steps)') {
      Map v = new Build(lib).scan()
      new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(v)
    }
  }
}
