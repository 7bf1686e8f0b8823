import harness.FakeCli
import harness.PipelineRecorder
import harness.StepBuild as Build
import harness.TestSuite

/**
 * tidegateScan in pull-request builds, with the steps recorded and FakeCli answering sh: the
 * comment through `tidegate comment`, the token bound by withCredentials and kept out of
 * everything recorded, GitHub Enterprise, the cases without a comment; and the examples.
 */
class TidegateScanCommentTest {
  static final String TOKEN = Build.TOKEN
  static final Map PR_ENV = Build.PR_ENV

  static void register(TestSuite t, File lib) {
    registerPullRequests(t, lib)
    registerExamples(t, lib)
  }

  static void registerPullRequests(TestSuite t, File lib) {
    t.test('pull request: the comment goes through tidegate comment with the token bound by withCredentials') {
      Build b = new Build(lib, PR_ENV)
      b.scan(credentialsId: 'github-token', commentMode: 'on-change')
      assert b.h.callsOf('withCredentials')*.args.bindings ==
        [[[$class: 'StringBinding', credentialsId: 'github-token', variable: 'TIDEGATE_GITHUB_TOKEN']]]
      Map env = b.shEnv(' comment ')
      assert env.subMap(['TIDEGATE_REPORT', 'TIDEGATE_REPO', 'TIDEGATE_PR', 'TIDEGATE_API_URL', 'TIDEGATE_MODE', 'TIDEGATE_GITHUB_TOKEN']) == [
        TIDEGATE_REPORT: 'tidegate-reports/tidegate.json', TIDEGATE_REPO: 'o/r', TIDEGATE_PR: '7',
        TIDEGATE_API_URL: 'https://api.github.com', TIDEGATE_MODE: 'on-change', TIDEGATE_GITHUB_TOKEN: TOKEN,
      ]
      String script = b.h.callsOf('sh').find { it.args.script.contains(' comment ') }.args.script
      assert script.contains('--token-env TIDEGATE_GITHUB_TOKEN') && !script.contains('$TIDEGATE_GITHUB_TOKEN')
      assert script.contains('--report "$TIDEGATE_REPORT"')
      assert b.h.callsOf('echo')*.args.message.contains('tidegate: commenting on o/r#7')
    }

    t.test('pull request: the token appears in no echo, sh script, withEnv list, file or message') {
      Build b = new Build(lib, PR_ENV)
      b.cli.scanExit = 1
      b.cli.report = FakeCli.reportJson('fail', [high: 1], ['1 vulnerability at or above high'])
      b.scan(credentialsId: 'github-token')
      assert b.h.callsOf('sh').size() == 3
      assert !b.h.everythingRecorded().contains(TOKEN)
      b.h.workspace.eachFileRecurse(groovy.io.FileType.FILES) { assert !it.text.contains(TOKEN) }
      Build c = new Build(lib, PR_ENV)
      c.cli.commentExit = 2
      c.cli.commentOutput = 'tidegate: error: GitHub API: HTTP 401 Bad credentials\n'
      assert c.scanFails(credentialsId: 'github-token') == 'tidegate: error: GitHub API: HTTP 401 Bad credentials'
      assert !c.h.everythingRecorded().contains(TOKEN)
    }

    t.test('pull request: the CLI renders the body from the JSON report; the step writes none and passes no body file') {
      Build b = new Build(lib, PR_ENV)
      b.scan(credentialsId: 'github-token', formats: 'table')
      assert b.shEnv(' scan -- ').TIDEGATE_FORMAT == 'json,table,junit'
      Map env = b.shEnv(' comment ')
      assert env.TIDEGATE_REPORT == 'tidegate-reports/tidegate.json' && !env.containsKey('TIDEGATE_BODY_FILE')
      assert !b.h.callsOf('sh').any { it.args.script.contains('--body-file') || it.args.script.contains('BODY_FILE') }
      assert !b.h.callsOf('writeFile')
    }

    t.test('pull request: GitHub Enterprise gets https://HOST/api/v3 from CHANGE_URL; apiUrl wins') {
      Build b = new Build(lib, PR_ENV + [CHANGE_URL: 'https://ghe.example.com/o/r/pull/7'])
      b.scan(credentialsId: 'github-token')
      assert b.shEnv(' comment ').TIDEGATE_API_URL == 'https://ghe.example.com/api/v3'
      Build c = new Build(lib, PR_ENV + [CHANGE_URL: 'https://ghe.example.com/o/r/pull/7'])
      c.scan(credentialsId: 'github-token', apiUrl: 'https://ghe.example.com/api/v3/')
      assert c.shEnv(' comment ').TIDEGATE_API_URL == 'https://ghe.example.com/api/v3'
    }

    t.test('branch build: no comment and no credentials touched') {
      Build b = new Build(lib)
      b.scan(credentialsId: 'github-token')
      assert !b.h.callsOf('withCredentials') && b.h.callsOf('sh').size() == 2
      assert b.h.callsOf('echo')*.args.message.contains('tidegate: not a pull request build: no pull request comment')
    }

    t.test('pull request: no comment when switched off, without credentialsId, or for a non-GitHub change') {
      Build off = new Build(lib, PR_ENV)
      off.scan(credentialsId: 'github-token', comment: false)
      assert !off.h.callsOf('withCredentials') && !off.h.callsOf('echo')*.args.message.any { it.contains('comment') }
      Build noCreds = new Build(lib, PR_ENV)
      noCreds.scan()
      assert !noCreds.h.callsOf('withCredentials')
      assert noCreds.h.callsOf('echo')*.args.message.contains('tidegate: no credentialsId was given: no pull request comment')
      Build gitlab = new Build(lib, PR_ENV + [CHANGE_URL: 'https://gitlab.example.com/o/r/-/merge_requests/7'])
      gitlab.scan(credentialsId: 'github-token')
      assert !gitlab.h.callsOf('withCredentials')
      assert gitlab.h.callsOf('echo')*.args.message.any { it.contains('is not a GitHub pull request URL: no pull request comment') }
    }
  }

  static void registerExamples(TestSuite t, File lib) {
    ['Jenkinsfile', 'scripted.groovy'].each { String name ->
      t.test("examples/${name}: runs under Groovy 2.4 and calls tidegateScan with parameters the step takes") {
        PipelineRecorder p = new PipelineRecorder()
        p.run(new File(lib, "examples/${name}"))
        assert p.scans.size() == 1 && p.steps.contains('stage')
        Build b = new Build(lib, PR_ENV)
        b.scan(p.scans[0])
        assert !b.h.callsOf('error') && b.h.callsOf('withCredentials')
      }
    }
  }
}
