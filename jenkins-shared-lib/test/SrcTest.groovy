import harness.TestSuite
import io.tidegate.CliEnv
import io.tidegate.CliRun
import io.tidegate.PullRequest
import io.tidegate.ScanConfig
import io.tidegate.Verdict

/** The classes in src/io/tidegate, case by case (STYLE rule 19: tables of cases). */
class SrcTest {
  static void register(TestSuite t, File lib) {
    registerPullRequest(t)
    registerCli(t)
    registerVerdict(t)
    registerConfig(t, lib)
  }

  static void registerPullRequest(TestSuite t) {
    List<Map> cases = [
      [name: 'a branch build', id: null, url: null, want: null],
      [name: 'github.com', id: '7', url: 'https://github.com/o/r/pull/7',
       want: [number: 7, repo: 'o/r', apiUrl: 'https://api.github.com', target: 'main']],
      [name: 'GitHub.com in capitals, trailing slash', id: '7', url: 'https://GitHub.com/o/r.js/pull/7/',
       want: [number: 7, repo: 'o/r.js', apiUrl: 'https://api.github.com', target: 'main']],
      [name: 'GitHub Enterprise Server', id: '12', url: 'https://ghe.corp.example:8443/team/app/pull/12',
       want: [number: 12, repo: 'team/app', apiUrl: 'https://ghe.corp.example:8443/api/v3', target: 'main']],
      [name: 'GitHub Enterprise over http', id: '3', url: 'http://ghe.local/o/r/pull/3',
       want: [number: 3, repo: 'o/r', apiUrl: 'http://ghe.local/api/v3', target: 'main']],
      [name: 'apiUrl wins, trailing slash dropped', id: '7', url: 'https://ghe.local/o/r/pull/7', api: 'https://api.ghe.local/v3/',
       want: [number: 7, repo: 'o/r', apiUrl: 'https://api.ghe.local/v3', target: 'main']],
      [name: 'a GitLab merge request', id: '7', url: 'https://gitlab.com/o/r/-/merge_requests/7',
       want: [skip: "CHANGE_URL 'https://gitlab.com/o/r/-/merge_requests/7' is not a GitHub pull request URL"]],
      [name: 'a CHANGE_ID that is not a number', id: 'MR-7', url: 'https://github.com/o/r/pull/7',
       want: [skip: "CHANGE_ID 'MR-7' is not a pull request number"]],
      [name: 'no CHANGE_URL', id: '7', url: null, want: [skip: "CHANGE_URL '' is not a GitHub pull request URL"]],
    ]
    cases.each { Map c ->
      t.test("PullRequest: ${c.name}") {
        assert PullRequest.fromEnv(c.id, c.url, 'main', c.api) == c.want
      }
    }
  }

  static void registerCli(TestSuite t) {
    List<Map> formatCases = [
      [name: 'unset: the defaults, json first and junit among them', cfg: [:], want: ['json', 'table', 'junit', 'sarif', 'markdown', 'html']],
      [name: 'unset with junit false: still the defaults (junit is archived, not published)', cfg: [junit: false],
       want: ['json', 'table', 'junit', 'sarif', 'markdown', 'html']],
      [name: 'given: json first, once; junit added', cfg: [formats: 'spdx, json'], want: ['json', 'spdx', 'junit']],
      [name: 'given: junit kept where it is', cfg: [formats: ['junit', 'sarif']], want: ['json', 'junit', 'sarif']],
      [name: 'given with junit false: only json added', cfg: [formats: ['table'], junit: false], want: ['json', 'table']],
      [name: 'given as an empty list: json and junit', cfg: [formats: []], want: ['json', 'junit']],
    ]
    formatCases.each { Map c ->
      t.test("CliEnv: formats: ${c.name}") {
        assert CliEnv.formats([junit: true] + c.cfg) == c.want
      }
    }

    List<Map> errorCases = [
      [name: "the CLI's own line", out: 'reading x\ntidegate: error: x: no such file\n', want: 'tidegate: error: x: no such file'],
      [name: 'an internal error', out: 'tidegate: internal error: boom (rerun with --debug)\n', want: 'tidegate: internal error: boom (rerun with --debug)'],
      [name: 'a shell error, trace lines skipped', out: 'sh: 1: node: not found\n+ exit 127\n',
       want: 'tidegate: error: tidegate scan exited with code 127: sh: 1: node: not found'],
      [name: 'nothing printed', out: '', want: 'tidegate: error: tidegate scan exited with code 137'],
    ]
    errorCases.each { Map c ->
      t.test("CliRun: error line: ${c.name}") {
        assert CliRun.errorLine(c.out, c.want.contains('137') ? 137 : 127, 'scan') == c.want
      }
    }
  }

  static void registerVerdict(TestSuite t) {
    t.test('Verdict: the report becomes a plain Map; a dir: image without tags keeps its reference') {
      String json = '{"image": {"reference": "dir:/r", "repoTags": []}, "verdict": {"status": "warn", "reasons": [{"message": "m"}], "counts": {"low": 2}, "incomplete": true}}'
      assert Verdict.fromReport(json, 0, 'out/tidegate.json') == [
        status: 'warn', exitCode: 0, counts: [critical: 0, high: 0, medium: 0, low: 2, negligible: 0, unknown: 0],
        reasons: ['m'], incomplete: true, image: 'dir:/r', report: 'out/tidegate.json',
      ]
    }

    List<Map> agree = [
      [status: 'pass', exitCode: 0, ok: true], [status: 'warn', exitCode: 0, ok: true], [status: 'fail', exitCode: 1, ok: true],
      [status: 'fail', exitCode: 0, ok: false], [status: 'warn', exitCode: 1, ok: false], [status: 'pass', exitCode: 1, ok: false],
    ]
    agree.each { Map c ->
      t.test("Verdict: exit ${c.exitCode} with ${c.status} ${c.ok ? 'agrees' : 'disagrees'}") {
        assert (Verdict.disagreement([status: c.status, exitCode: c.exitCode, report: 'r.json']) == null) == c.ok
      }
    }
  }

  static void registerConfig(TestSuite t, File lib) {
    List<Map> cases = [
      [name: 'a valid set', cfg: [image: 'a:1', apiUrl: 'https://x/api/v3'], want: []],
      [name: 'a string where a boolean goes', cfg: [image: 'a', junit: 'false'], want: ["junit must be true or false, not 'false'"]],
      [name: 'a number where a string goes', cfg: [image: 'a', failOn: 7], want: ['failOn must be a string, not Integer']],
      [name: 'a newline in a value', cfg: [image: 'a\nb'], want: ['image must be one line']],
      [name: 'an apiUrl that is no URL', cfg: [image: 'a', apiUrl: 'api.github.com'], want: ["apiUrl 'api.github.com' is not an http(s) URL"]],
      [name: 'a short SHA-256', cfg: [image: 'a', bundleSha256: 'abc'], want: ['bundleSha256 must be 64 lowercase hex digits']],
      [name: 'an empty credentialsId', cfg: [image: 'a', credentialsId: ''], want: ['credentialsId must not be empty']],
      [name: 'a blank image', cfg: [image: '  '], want: ['image is required (for example docker-archive:app.tar or oci:build/oci:latest)']],
      [name: 'formats as a map', cfg: [image: 'a', formats: [json: true]], want: ['formats must be a list or a comma-separated string']],
      [name: 'every format the CLI writes', cfg: [image: 'a', formats: 'table,json,sarif,junit,markdown,html,cyclonedx,spdx'], want: []],
      [name: 'an unknown format', cfg: [image: 'a', formats: ['json', 'xml']],
       want: ["formats: unknown format 'xml' (tidegate writes table, json, sarif, junit, markdown, html, cyclonedx, spdx)"]],
      [name: 'unknown formats, a wrong case among them', cfg: [image: 'a', formats: 'SARIF, junit, md'],
       want: ["formats: unknown formats 'SARIF', 'md' (tidegate writes table, json, sarif, junit, markdown, html, cyclonedx, spdx)"]],
    ]
    Map defaults = [image: null, failOn: null, junit: true, apiUrl: null, bundleSha256: null, credentialsId: null, formats: null, outputDir: 'out', version: '1.2.3']
    cases.each { Map c ->
      t.test("ScanConfig: ${c.name}") {
        assert ScanConfig.problems(c.cfg, defaults) == c.want
      }
    }

    t.test('ScanConfig: names and lists') {
      assert CliEnv.envName('fail-on') == 'TIDEGATE_FAIL_ON'
      assert ScanConfig.formatList(' json, junit ,,json') == ['json', 'junit']
      assert ScanConfig.formatList(['sarif']) == ['sarif'] && ScanConfig.formatList(null) == null
    }

    t.test('every class in src/ is Serializable and its helpers are @NonCPS (they call no steps)') {
      new File(lib, 'src/io/tidegate').eachFileMatch(~/.*\.groovy/) { File f ->
        Class c = Class.forName("io.tidegate.${f.name - '.groovy'}", true, SrcTest.classLoader)
        assert Serializable.isAssignableFrom(c)
        List<String> fields = c.declaredFields*.name
        Closure accessor = { String n -> fields.any { it.equalsIgnoreCase(n.replaceFirst(/^(get|set|is)/, '')) } }
        c.declaredMethods.findAll { java.lang.reflect.Modifier.isStatic(it.modifiers) && !it.synthetic && !it.name.contains('$') && !accessor(it.name) }.each { m ->
          assert m.getAnnotation(com.cloudbees.groovy.cps.NonCPS) : "${c.simpleName}.${m.name} is not @NonCPS"
        }
      }
    }
  }
}
