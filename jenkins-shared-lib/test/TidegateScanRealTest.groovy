import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import harness.PipelineHarness
import harness.TestSuite
import hudson.AbortException
import io.tidegate.CliEnv
import io.tidegate.ScanConfig

/**
 * tidegateScan with `sh` really running (as Jenkins runs it: `sh -xe`, or the #! line): the
 * repository's built CLI scans a real `docker save` archive of the example image
 * (examples/build-image.mjs) against the example OSV records, and a pull-request build posts to
 * the loopback GitHub API fake (test/helpers/fake-github-server.mjs). Needs `npm run build`.
 */
class TidegateScanRealTest {
  static final String TOKEN = 'ghs_tidegateJenkinsRealToken0123456789ABCD'

  /** Built once, on first use: the image, a rootfs with an unreadable manifest, the fake API. */
  static class Fixtures {
    File repo
    File tmp
    File demo
    File warnRoot
    String apiUrl
    String controlUrl
    Process github

    String getCli() { new File(repo, 'packages/cli/bin/tidegate.js').path }
    String getDb() { new File(repo, 'examples/osv').path }
  }

  private static Fixtures fx

  static Fixtures fixtures(File lib) {
    if (fx) return fx
    File repo = lib.parentFile
    if (!new File(repo, 'packages/cli/dist/tidegate.js').exists()) throw new AssertionError('the CLI is not built: run npm run build first')
    Fixtures f = new Fixtures(repo: repo, tmp: File.createTempDir('tidegate-jenkins-', '-real'))
    f.demo = new File(f.tmp, 'demo-image.tar')
    run(repo, ['node', 'examples/build-image.mjs', f.demo.path])
    f.warnRoot = new File(f.tmp, 'rootfs')
    new File(f.warnRoot, 'app/node_modules/broken').mkdirs()
    new File(f.warnRoot, 'app/node_modules/broken/package.json').text = '{ not json'
    fx = f
    return f
  }

  static void startGitHub(Fixtures f) {
    if (f.github) return
    Process p = new ProcessBuilder('node', 'test/helpers/fake-github-server.mjs', '--token', TOKEN)
      .directory(f.repo).redirectError(ProcessBuilder.Redirect.INHERIT).start()
    String line = new BufferedReader(new InputStreamReader(p.inputStream)).readLine()
    if (!line) throw new AssertionError('the fake GitHub API did not start (is test/build built?)')
    f.github = p
    List<String> urls = line.split(' ') as List
    f.apiUrl = urls[0]
    f.controlUrl = urls[1]
  }

  static void run(File dir, List<String> cmd) {
    Process p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start()
    String out = p.inputStream.text
    if (p.waitFor() != 0) throw new AssertionError("${cmd.join(' ')} failed:\n${out}")
  }

  static def getJson(String url) {
    URLConnection c = new URL(url).openConnection()
    c.setRequestProperty('Authorization', "Bearer ${TOKEN}")
    return new JsonSlurper().parse(c.inputStream)
  }

  /** A build whose workspace is fresh and whose environment points TIDEGATE_CLI at the built CLI. */
  static PipelineHarness build(File lib, Map env = [:]) {
    Fixtures f = fixtures(lib)
    PipelineHarness h = new PipelineHarness(lib, File.createTempDir('tidegate-jenkins-', '-ws'))
    h.env.TIDEGATE_CLI = f.cli
    h.env.putAll(env)
    return h
  }

  static String expectError(PipelineHarness h, Map cfg) {
    try {
      h.run('tidegateScan', cfg)
    } catch (AbortException e) {
      return e.message
    }
    throw new AssertionError('the step did not fail')
  }

  static void register(TestSuite t, File lib) {
    t.afterAll {
      fx?.github?.destroy()
      fx?.tmp?.deleteDir()
    }
    registerVerdicts(t, lib)
    registerPullRequest(t, lib)
    registerInstall(t, lib)
  }

  static void registerVerdicts(TestSuite t, File lib) {
    t.test('real sh: the example image fails the gate: FAILURE, its counts, every report archived') {
      PipelineHarness h = build(lib)
      Map v = h.run('tidegateScan', [image: "docker-archive:${fx.demo}".toString(), db: fx.db])
      assert v.status == 'fail' && v.exitCode == 1 && v.image == 'example-app:1.0'
      assert v.counts == [critical: 3, high: 7, medium: 1, low: 2, negligible: 0, unknown: 0]
      assert v.reasons == ['10 vulnerabilities at or above high']
      assert h.currentBuild.result == 'FAILURE'
      assert h.callsOf('sh').find { it.args.script.contains(' scan -- ') }.env.TIDEGATE_FORMAT == 'json,table,junit,sarif,markdown,html'
      List<String> archived = h.callsOf('archiveArtifacts')[0].args.matched
      assert archived == ['json', 'txt', 'junit.xml', 'sarif', 'md', 'html'].collect { "tidegate-reports/tidegate.${it}".toString() }
        .plus('tidegate-reports/tidegate-scan.log').sort()
      assert h.callsOf('junit')*.args.testResults == ['tidegate-reports/tidegate.junit.xml']
      assert new File(h.workspace, 'tidegate-reports/tidegate.junit.xml').text.contains('<testsuite')
      assert h.log.any { it.contains('wrote tidegate-reports/tidegate.json') || it.contains('tidegate-reports/tidegate.json') }
    }

    t.test('real sh: failOn none passes the same image, and the result is left alone') {
      PipelineHarness h = build(lib)
      Map v = h.run('tidegateScan', [image: fx.demo.path, db: fx.db, failOn: 'none'])
      assert v.status == 'pass' && v.exitCode == 0 && h.currentBuild.result == null
    }

    t.test('real sh: given formats are written with json and junit added; the JUnit report is published') {
      PipelineHarness h = build(lib)
      h.run('tidegateScan', [image: fx.demo.path, db: fx.db, failOn: 'none', formats: 'cyclonedx, spdx'])
      assert h.callsOf('archiveArtifacts')[0].args.matched == ['cdx.json', 'json', 'junit.xml', 'spdx.json']
        .collect { "tidegate-reports/tidegate.${it}".toString() }.plus('tidegate-reports/tidegate-scan.log').sort()
      assert h.callsOf('junit').size() == 1
    }

    t.test("real sh: the library's format names and flags are the built CLI's (the same release)") {
      PipelineHarness h = build(lib)
      // `tidegate <command> --help`: the names of its flags, and the line of each
      Closure helpOf = { String command ->
        Map<String, String> lines = [:]
        h.realSh("\"\$TIDEGATE_CLI\" ${command} --help").stdout.readLines().each { String l ->
          def m = l =~ /^\s+--([a-z0-9][a-z0-9-]*)/
          if (m.find()) lines[m.group(1)] = l
        }
        lines
      }
      Map<String, String> scan = helpOf('scan')
      def list = scan.format =~ /\(([a-z0-9|-]+)\)\s*\[TIDEGATE_FORMAT\]/
      assert list.find() && list.group(1).split(/\|/).toList() == ScanConfig.FORMATS
      assert ScanConfig.FORMATS.containsAll(CliEnv.DEFAULT_FORMATS)
      assert scan.keySet().containsAll(CliEnv.SCAN_FLAGS.values() + ['output-dir'])
      assert helpOf('comment').keySet().containsAll(CliEnv.COMMENT_FLAGS.values() + ['report', 'repo', 'pr', 'token-env', 'api-url'])
    }

    t.test('real sh: an unreadable manifest makes the scan incomplete: warn, UNSTABLE') {
      PipelineHarness h = build(lib)
      Map v = h.run('tidegateScan', [image: "dir:${fx.warnRoot}".toString(), db: fx.db, outputDir: 'out/tidegate'])
      assert v.status == 'warn' && v.incomplete && v.report == 'out/tidegate/tidegate.json'
      assert h.currentBuild.result == 'UNSTABLE'
      assert h.callsOf('unstable')*.args.message == ['tidegate: WARN: the scan is incomplete: 1 file could not be examined']
    }

    t.test("real sh: a missing image is exit 2: the step errors with the CLI's one line") {
      PipelineHarness h = build(lib)
      String missing = new File(h.workspace, 'nope.tar').path
      String m = expectError(h, [image: missing, db: fx.db])
      assert m == "tidegate: error: ${missing}: no such file or directory: ${missing}".toString()
      assert h.currentBuild.result == null
    }

    t.test('real sh: a value is never run by the shell: an image named $(touch pwned) stays a name') {
      PipelineHarness h = build(lib)
      String image = 'x$(touch pwned)`touch pwned2`;touch pwned3.tar'
      assert expectError(h, [image: image, db: fx.db]) == "tidegate: error: ${image}: no such file or directory: ${image}".toString()
      assert !['pwned', 'pwned2', 'pwned3.tar'].any { new File(h.workspace, it).exists() }
    }

    t.test('real sh: a bad value is judged by the CLI and named by its variable (exit 2)') {
      PipelineHarness h = build(lib)
      assert expectError(h, [image: fx.demo.path, db: fx.db, failOn: 'severe']) =~
        /^tidegate: error: invalid value 'severe' for TIDEGATE_FAIL_ON/
    }
  }

  static void registerPullRequest(TestSuite t, File lib) {
    t.test('real sh: a pull-request build keeps one comment on the loopback GitHub API; the token is never shown') {
      startGitHub(fixtures(lib))
      Map pr = [CHANGE_ID: '7', CHANGE_URL: 'https://github.com/o/r/pull/7', CHANGE_TARGET: 'main']
      List<PipelineHarness> builds = (1..2).collect {
        PipelineHarness h = build(lib, pr)
        h.credentials['github-token'] = TOKEN
        h.run('tidegateScan', [image: fx.demo.path, db: fx.db, credentialsId: 'github-token', apiUrl: fx.apiUrl])
        assert h.currentBuild.result == 'FAILURE'
        h
      }
      List comments = getJson("${fx.apiUrl}/repos/o/r/issues/7/comments?per_page=100")
      assert comments.size() == 1
      String body = comments[0].body
      assert body.startsWith('<!-- tidegate:example-app:1.0 -->\n')
      assert body.contains('FAIL') && body.contains('CVE-2023-38545')
      // the CLI's Markdown, rendered from the JSON report (no body file, no <pre> table)
      assert body.contains('tidegate: FAIL for ') && body.contains('| Severity | ID | Package |') && !body.contains('<pre>')
      List writes = getJson("${fx.controlUrl}/requests").findAll { it.method != 'GET' }
      assert writes*.method == ['POST'] && writes[0].path == '/repos/o/r/issues/7/comments'
      builds.each { PipelineHarness h ->
        assert h.log.any { it.contains('comment: ') }
        assert !h.everythingRecorded().contains(TOKEN)
        h.workspace.eachFileRecurse(groovy.io.FileType.FILES) { assert !it.text.contains(TOKEN) }
      }
      assert !body.contains(TOKEN)
    }
  }

  static void registerInstall(TestSuite t, File lib) {
    t.test('real sh: install.sh installs a pinned bundle once, checks its SHA-256, then reuses it') {
      Fixtures f = fixtures(lib)
      File bundle = new File(f.tmp, 'tidegate-bundle.mjs')
      // a stand-in bundle: the built CLI, imported, so the installed launcher runs the real scan
      bundle.text = "await import(${JsonOutput.toJson(new File(f.repo, 'packages/cli/dist/tidegate.js').toURI().toString())});\n"
      String sha = java.security.MessageDigest.getInstance('SHA-256').digest(bundle.bytes).encodeHex().toString()
      File installDir = new File(f.tmp, 'cli-cache')
      Map cfg = [image: f.demo.path, db: f.db, failOn: 'none', installDir: installDir.path, bundleUrl: bundle.toURI().toString(), bundleSha256: sha]
      List<String> clis = (1..2).collect { int n ->
        PipelineHarness h = build(lib)
        h.env.remove('TIDEGATE_CLI')
        assert h.run('tidegateScan', cfg).status == 'pass'
        String want = n == 1 ? "installed tidegate 0.1.0 in ${installDir}" : "reusing tidegate 0.1.0 from ${installDir}"
        assert h.log.any { String l -> l.contains(want) }
        h.callsOf('sh').find { it.args.script.contains(' scan -- ') }.env.TIDEGATE_CLI
      }
      assert clis == ["${installDir}/cli-0.1.0/bin/tidegate".toString()] * 2
      assert installDir.list().toList() == ['cli-0.1.0']
    }

    t.test('real sh: install.sh refuses a bundle with the wrong SHA-256 or version, with one line') {
      Fixtures f = fixtures(lib)
      File bundle = new File(f.tmp, 'tidegate-old.mjs')
      bundle.text = "if (process.argv[2] === '--version') console.log('tidegate 0.0.9')\n"
      String sha = java.security.MessageDigest.getInstance('SHA-256').digest(bundle.bytes).encodeHex().toString()
      Map base = [image: f.demo.path, db: f.db, installDir: new File(f.tmp, 'cli-bad').path, bundleUrl: bundle.path]
      [[cfg: [bundleSha256: 'f' * 64], want: ~/has SHA-256 ${sha}, not the expected f{64}/],
       [cfg: [bundleSha256: sha], want: ~/the installed CLI reports version '0\.0\.9', not the pinned 0\.1\.0/]].each { Map c ->
        PipelineHarness h = build(lib)
        h.env.remove('TIDEGATE_CLI')
        assert expectError(h, base + c.cfg) ==~ /tidegate: error: could not install the tidegate CLI 0\.1\.0 .*/
        List<String> lines = h.log.join('\n').readLines().findAll { it.startsWith('tidegate: error: ') && !it.contains('could not install') }
        assert lines.size() == 1 && lines[0] =~ c.want
        assert !new File(f.tmp, 'cli-bad/cli-0.1.0').exists()
      }
    }

    t.test('real sh: TIDEGATE_CLI that is not an executable is refused') {
      PipelineHarness h = build(lib, [TIDEGATE_CLI: '/nonexistent/tidegate'])
      expectError(h, [image: 'x.tar'])
      assert h.log.any { it.contains('tidegate: error: TIDEGATE_CLI=/nonexistent/tidegate is not an executable file') }
    }
  }
}
