import harness.FakeCli
import harness.StepBuild as Build
import harness.TestSuite

/**
 * tidegateScan with the pipeline steps recorded and the CLI answered by FakeCli: the calls the
 * step makes and the build result, for pass, warn, fail and error, branch and pull-request
 * builds (the pull-request side is TidegateScanCommentTest).
 */
class TidegateScanStepTest {
  static void register(TestSuite t, File lib) {
    registerResults(t, lib)
    registerInputs(t, lib)
  }

  static void registerResults(TestSuite t, File lib) {
    t.test('pass: returns the verdict, archives and publishes the reports, leaves the build result alone') {
      Build b = new Build(lib)
      Map v = b.scan()
      assert v.status == 'pass' && v.exitCode == 0 && v.report == 'tidegate-reports/tidegate.json'
      assert v.counts == [critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0]
      assert v.image == 'app:1'
      assert b.h.currentBuild.result == null
      assert b.steps() == ['libraryResource', 'withEnv', 'sh', 'withEnv', 'sh', 'archiveArtifacts', 'junit', 'echo', 'echo']
      assert b.h.callsOf('archiveArtifacts')[0].args.subMap(['artifacts', 'allowEmptyArchive']) ==
        [artifacts: 'tidegate-reports/**', allowEmptyArchive: true]
      assert b.h.callsOf('archiveArtifacts')[0].args.matched.contains('tidegate-reports/tidegate.json')
      assert b.h.callsOf('echo')*.args.message == ['tidegate: PASS', 'tidegate: not a pull request build: no pull request comment']
      assert b.h.callsOf('junit')*.args == [[testResults: 'tidegate-reports/tidegate.junit.xml', allowEmptyResults: true, skipMarkingBuildUnstable: true]]
      assert !b.h.callsOf('unstable') && !b.h.callsOf('error')
    }

    t.test('warn: unstable with the reasons, the verdict returned') {
      Build b = new Build(lib)
      b.cli.report = FakeCli.reportJson('warn', [medium: 2], ['the scan is incomplete: 1 file could not be examined'])
      Map v = b.scan()
      assert v.status == 'warn'
      assert b.h.currentBuild.result == 'UNSTABLE'
      assert b.h.callsOf('unstable')*.args.message ==
        ['tidegate: WARN: the scan is incomplete: 1 file could not be examined (medium 2)']
    }

    t.test('fail: exit 1 marks the build FAILURE without stopping it, and returns the verdict') {
      Build b = new Build(lib)
      b.cli.scanExit = 1
      b.cli.report = FakeCli.reportJson('fail', [critical: 3, high: 7], ['10 vulnerabilities at or above high'])
      Map v = b.scan()
      assert v.status == 'fail' && v.exitCode == 1 && v.counts.critical == 3 && v.counts.high == 7
      assert v.reasons == ['10 vulnerabilities at or above high']
      assert b.h.currentBuild.result == 'FAILURE'
      assert !b.h.callsOf('error') && !b.h.callsOf('unstable')
      assert b.h.callsOf('echo')*.args.message[0] ==
        'tidegate: FAIL: 10 vulnerabilities at or above high (critical 3, high 7)'
      assert b.h.callsOf('archiveArtifacts').size() == 1
    }

    t.test('fail with stopOnFail: FAILURE and error, after the reports are archived and the comment posted') {
      Build b = new Build(lib, Build.PR_ENV)
      b.cli.scanExit = 1
      b.cli.report = FakeCli.reportJson('fail', [high: 1], ['1 vulnerability at or above high'])
      assert b.scanFails(stopOnFail: true, credentialsId: 'github-token') == 'tidegate: FAIL: 1 vulnerability at or above high (high 1)'
      assert b.h.currentBuild.result == 'FAILURE'
      assert b.steps().indexOf('archiveArtifacts') < b.steps().indexOf('error')
      assert b.steps().indexOf('withCredentials') < b.steps().indexOf('error')
    }

    t.test("error: exit 2 fails with the CLI's one line, after archiving its log; no comment") {
      Build b = new Build(lib, Build.PR_ENV)
      b.cli.scanExit = 2
      b.cli.report = null
      b.cli.scanOutput = 'reading app.tar\ntidegate: error: app.tar: no such file or directory: app.tar\n'
      assert b.scanFails(credentialsId: 'github-token') == 'tidegate: error: app.tar: no such file or directory: app.tar'
      assert b.h.callsOf('archiveArtifacts')[0].args.matched == ['tidegate-reports/tidegate-scan.log']
      assert !b.h.callsOf('withCredentials')
    }

    t.test('error: a CLI that never ran (exit 127) is an error naming the code, never a pass') {
      Build b = new Build(lib)
      b.cli.scanExit = 127
      b.cli.scanOutput = 'sh: 1: /opt/tidegate/bin/tidegate: not found\n'
      assert b.scanFails() ==
        'tidegate: error: tidegate scan exited with code 127: sh: 1: /opt/tidegate/bin/tidegate: not found'
    }

    t.test('error: exit 0 without a report, or with an unreadable one, is an error') {
      Build none = new Build(lib)
      none.cli.report = null
      assert none.scanFails() == 'tidegate: error: the scan exited 0 but wrote no report at tidegate-reports/tidegate.json'
      Build bad = new Build(lib)
      bad.cli.report = '{"schemaVersion": 1'
      assert bad.scanFails() =~ /^tidegate: error: tidegate-reports\/tidegate.json: not JSON: /
      Build other = new Build(lib)
      other.cli.report = '{"verdict": {"status": "maybe"}}'
      assert other.scanFails() == 'tidegate: error: tidegate-reports/tidegate.json: not a tidegate JSON report (no verdict)'
    }

    t.test('error: an exit code that disagrees with the report is an error (0 with fail, 1 with pass)') {
      Build b = new Build(lib)
      b.cli.report = FakeCli.reportJson('fail')
      assert b.scanFails() =~ /the scan exited 0 but its report says fail/
      Build c = new Build(lib)
      c.cli.scanExit = 1
      assert c.scanFails() =~ /the scan exited 1 but its report says pass/
      assert c.h.currentBuild.result == null
    }

    t.test('error: a failed install stops the step before any scan') {
      Build b = new Build(lib)
      b.cli.installExit = 2
      assert b.scanFails() ==~ /^tidegate: error: could not install the tidegate CLI 0\.1\.0 .*script returned exit code 2\)$/
      assert b.h.callsOf('sh').size() == 1
    }
  }

  static void registerInputs(TestSuite t, File lib) {
    t.test('inputs: every value reaches the CLI through withEnv; the scripts are literals') {
      Build b = new Build(lib)
      b.scan(image: 'oci:build/oci:$(touch pwned)', failOn: 'critical', ignoreUnfixed: true, platform: 'linux/arm64', debug: true)
      Map env = b.shEnv(' scan -- ')
      assert env.subMap(['TIDEGATE_IMAGE', 'TIDEGATE_DB', 'TIDEGATE_FAIL_ON', 'TIDEGATE_IGNORE_UNFIXED', 'TIDEGATE_PLATFORM', 'TIDEGATE_DEBUG', 'TIDEGATE_FORMAT', 'TIDEGATE_OUTPUT_DIR']) == [
        TIDEGATE_IMAGE: 'oci:build/oci:$(touch pwned)', TIDEGATE_DB: 'osv', TIDEGATE_FAIL_ON: 'critical',
        TIDEGATE_IGNORE_UNFIXED: 'true', TIDEGATE_PLATFORM: 'linux/arm64', TIDEGATE_DEBUG: 'true',
        TIDEGATE_FORMAT: 'json,table,junit,sarif,markdown,html', TIDEGATE_OUTPUT_DIR: 'tidegate-reports',
      ]
      assert env.TIDEGATE_CLI == '/opt/tidegate/bin/tidegate'
      b.h.callsOf('sh')*.args.script.each { String s -> assert !s.contains('pwned') && !s.contains('critical') && !s.contains('osv') }
    }

    t.test('inputs: an unset parameter sets no variable, so the policy file and the CLI decide') {
      Build b = new Build(lib)
      b.scan(db: null)
      Map env = b.shEnv(' scan -- ')
      ['TIDEGATE_DB', 'TIDEGATE_POLICY', 'TIDEGATE_FAIL_ON', 'TIDEGATE_IGNORE_UNFIXED', 'TIDEGATE_PLATFORM', 'TIDEGATE_DEBUG'].each {
        assert !env.containsKey(it)
      }
      assert !b.shEnv('TIDEGATE_CLI_VERSION').containsKey('TIDEGATE_CLI_DIR')
      Build agent = new Build(lib, [TIDEGATE_CLI_DIR: '/agent/cache'])
      agent.scan()
      assert agent.shEnv('TIDEGATE_CLI_VERSION').TIDEGATE_CLI_DIR == '/agent/cache'
    }

    t.test('inputs: the default formats include junit, which is published and never marks the build') {
      Build b = new Build(lib)
      b.cli.scanExit = 1
      b.cli.report = FakeCli.reportJson('fail', [high: 1], ['1 vulnerability at or above high'])
      b.scan()
      assert b.shEnv(' scan -- ').TIDEGATE_FORMAT == 'json,table,junit,sarif,markdown,html'
      assert b.h.callsOf('junit')*.args == [[testResults: 'tidegate-reports/tidegate.junit.xml', allowEmptyResults: true, skipMarkingBuildUnstable: true]]
      assert b.h.currentBuild.result == 'FAILURE' && !b.h.callsOf('unstable')
    }

    t.test('inputs: given formats get json first and junit while junit is true; junit false publishes nothing') {
      Build given = new Build(lib)
      given.scan(formats: ['table', 'sarif'])
      assert given.shEnv(' scan -- ').TIDEGATE_FORMAT == 'json,table,sarif,junit'
      assert given.h.callsOf('junit').size() == 1
      Build off = new Build(lib)
      off.scan(junit: false, archive: false, formats: 'sarif, junit')
      assert off.shEnv(' scan -- ').TIDEGATE_FORMAT == 'json,sarif,junit'
      assert !off.h.callsOf('junit') && !off.h.callsOf('archiveArtifacts')
      Build noJunit = new Build(lib)
      noJunit.scan(junit: false, formats: 'table')
      assert noJunit.shEnv(' scan -- ').TIDEGATE_FORMAT == 'json,table' && !noJunit.h.callsOf('junit')
    }

    t.test('inputs: an unknown format is an error naming it, before the CLI is installed') {
      Build b = new Build(lib)
      assert b.scanFails(formats: ['sarif', 'junit', 'xml']) ==
        "tidegateScan: formats: unknown format 'xml' (tidegate writes table, json, sarif, junit, markdown, html, cyclonedx, spdx)"
      assert b.steps() == ['error'] && !b.h.callsOf('sh')
    }

    t.test('inputs: the CLI is asked nothing before the scan (no help probing); policy reaches it as TIDEGATE_POLICY') {
      Build b = new Build(lib)
      b.scan(policy: 'ci/policy.yml')
      assert b.shEnv(' scan -- ').TIDEGATE_POLICY == 'ci/policy.yml'
      List<String> scripts = b.h.callsOf('sh')*.args.script
      assert scripts.size() == 2 && scripts[0].startsWith('#!/bin/sh') && scripts[1].contains(' scan -- ')
      assert !scripts.any { it.contains('--help') }
    }

    t.test('inputs: bad parameters fail once, naming each, before anything runs') {
      Build b = new Build(lib)
      String m = b.scanFails(image: null, failon: 'high', outputDir: '../out', version: 'latest', comment: 'yes', formats: ['json', 'SARIF'])
      assert m.startsWith('tidegateScan: unknown parameter failon (known: ')
      ['image is required', "outputDir '../out' must not contain '..'", "version 'latest' is not a pinned release (X.Y.Z)",
       "comment must be true or false, not 'yes'", "formats: unknown format 'SARIF' (tidegate writes "].each { assert m.contains(it) }
      assert b.steps() == ['error']
      assert new Build(lib).scanFails(outputDir: '/tmp/x') == "tidegateScan: outputDir '/tmp/x' must be a path inside the workspace"
      assert new Build(lib).scanFails(image: '--help') == "tidegateScan: image '--help' must not start with '-'"
    }

    t.test('inputs: installDir and the bundle reach the install script; the pinned version is the CLI package version') {
      Build b = new Build(lib)
      b.scan(installDir: '/var/cache/tidegate', bundleUrl: 'https://example.test/tidegate.js', bundleSha256: 'a' * 64)
      Map env = b.shEnv('TIDEGATE_CLI_VERSION')
      assert env.subMap(['TIDEGATE_CLI_VERSION', 'TIDEGATE_CLI_DIR', 'TIDEGATE_CLI_BUNDLE_URL', 'TIDEGATE_CLI_BUNDLE_SHA256']) ==
        [TIDEGATE_CLI_VERSION: '0.1.0', TIDEGATE_CLI_DIR: '/var/cache/tidegate', TIDEGATE_CLI_BUNDLE_URL: 'https://example.test/tidegate.js', TIDEGATE_CLI_BUNDLE_SHA256: 'a' * 64]
      def pkg = new groovy.json.JsonSlurper().parse(new File(lib.parentFile, 'packages/cli/package.json'))
      assert env.TIDEGATE_CLI_VERSION == pkg.version
    }

    t.test('inputs: the help page and the README document every parameter') {
      String m = new Build(lib).scanFails(nope: 1)
      List<String> keys = (m =~ /\(known: (.*)\)/)[0][1].split(', ') as List
      assert keys.size() > 15
      String help = new File(lib, 'vars/tidegateScan.txt').text
      String readme = new File(lib, 'README.md').text
      keys.each { assert help.contains("<code>${it}</code>") && readme.contains("`${it}`") }
    }

    t.test('the returned verdict is a plain serializable Map (the CPS engine saves it between steps)') {
      Build b = new Build(lib)
      b.cli.report = FakeCli.reportJson('warn', [low: 1], ['x'])
      Map v = b.scan()
      new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(v)
      assert v.getClass() == LinkedHashMap && v.counts.getClass() == LinkedHashMap && v.reasons.getClass() == ArrayList
    }
  }
}
