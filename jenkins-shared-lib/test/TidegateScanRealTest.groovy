import groovy.json.JsonSlurper
import harness.PipelineHarness
import harness.TestSuite
import hudson.AbortException

/**
 * tidegateScan with `sh` really running (as Jenkins runs it: `sh -xe`, or the #! line): the
 * library installs the CLI bundle it carries (resources/io/tidegate/tidegate.mjs, written by
 * `npm run build`), which scans a real `docker save` archive of the example image
 * (examples/build-image.mjs) against the example OSV records, a loopback OSV mirror
 * (test/helpers/osv-mirror-server.mjs) or the loopback GitHub API fake
 * (test/helpers/fake-github-server.mjs). Needs `npm run build`.
 */
class TidegateScanRealTest {
  static final String TOKEN = 'ghs_tidegateJenkinsRealToken0123456789ABCD'

  /** Built once, on first use: the image, a rootfs with an unreadable manifest, the servers. */
  static class Fixtures {
    File repo
    File tmp
    File demo
    File warnRoot
    String apiUrl
    String controlUrl
    String mirrorUrl
    List<Process> servers = []

    String getDb() { new File(repo, 'examples/osv').path }
  }

  private static Fixtures fx

  static Fixtures fixtures(File lib) {
    if (fx) return fx
    File repo = lib.parentFile
    if (!new File(lib, 'resources/io/tidegate/tidegate.mjs').exists()) throw new IllegalStateException('the CLI is not built: run npm run build first')
    Fixtures f = new Fixtures(repo: repo, tmp: File.createTempDir('tidegate-jenkins-', '-real'))
    f.demo = new File(f.tmp, 'demo-image.tar')
    run(repo, ['node', 'examples/build-image.mjs', f.demo.path])
    f.warnRoot = new File(f.tmp, 'rootfs')
    new File(f.warnRoot, 'app/node_modules/broken').mkdirs()
    new File(f.warnRoot, 'app/node_modules/broken/package.json').text = '{ not json'
    fx = f
    return f
  }

  /** Starts `node SCRIPT ARGS` and returns the first line it prints (its URLs). */
  static String server(Fixtures f, List<String> cmd) {
    Process p = new ProcessBuilder(['node'] + cmd).directory(f.repo).redirectError(ProcessBuilder.Redirect.DISCARD).start()
    String line = new BufferedReader(new InputStreamReader(p.inputStream)).readLine()
    if (!line) throw new IllegalStateException("${cmd[0]} did not start (is test/build built?)")
    f.servers << p
    return line
  }

  static void startGitHub(Fixtures f) {
    if (f.apiUrl) return
    List<String> urls = server(f, ['test/helpers/fake-github-server.mjs', '--token', TOKEN]).split(' ') as List
    f.apiUrl = urls[0]
    f.controlUrl = urls[1]
  }

  static void startMirror(Fixtures f) {
    if (!f.mirrorUrl) f.mirrorUrl = server(f, ['test/helpers/osv-mirror-server.mjs', new File(f.tmp, 'mirror').path])
  }

  static void run(File dir, List<String> cmd) {
    Process p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start()
    String out = p.inputStream.text
    if (p.waitFor() != 0) throw new IllegalStateException("${cmd.join(' ')} failed:\n${out}")
  }

  static def getJson(String url) {
    URLConnection c = new URL(url).openConnection()
    c.setRequestProperty('Authorization', "Bearer ${TOKEN}")
    return new JsonSlurper().parse(c.inputStream)
  }

  /** A loopback URL nothing listens on: connections are refused, as on an agent without network. */
  static String refusedUrl() {
    ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1'))
    int port = s.localPort
    s.close()
    return "http://127.0.0.1:${port}".toString()
  }

  /** A build with a fresh workspace and its own CLI install and cache directories on the "agent". */
  static PipelineHarness build(File lib, Map env = [:]) {
    fixtures(lib)
    PipelineHarness h = new PipelineHarness(lib, File.createTempDir('tidegate-jenkins-', '-ws'))
    h.env.HOME = File.createTempDir('tidegate-jenkins-', '-home').path
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
      fx?.servers?.each { it.destroy() }
      fx?.tmp?.deleteDir()
    }
    registerVerdicts(t, lib)
    registerDb(t, lib)
    registerPullRequest(t, lib)
    registerInstall(t, lib)
  }

  static void registerVerdicts(TestSuite t, File lib) {
    t.test('real sh: the example image fails the gate: FAILURE, its counts by kind, every report archived, JUnit published') {
      PipelineHarness h = build(lib)
      Map v = h.run('tidegateScan', [image: "docker-archive:${fx.demo}".toString(), db: fx.db])
      assert v.status == 'fail' && v.exitCode == 1 && v.image == 'example-app:1.0'
      assert v.line == 'tidegate: FAIL example-app:1.0: 10 vulnerabilities at or above high'
      assert v.counts.vulnerability == [critical: 3, high: 7, medium: 1, low: 2, negligible: 0, unknown: 0]
      assert h.currentBuild.result == 'FAILURE'
      List<String> archived = h.callsOf('archiveArtifacts')[0].args.matched
      assert archived == ['html', 'json', 'junit.xml', 'md', 'sarif', 'txt'].collect { "tidegate-reports/tidegate.${it}".toString() }
        .plus('tidegate-reports/tidegate-verdict.json').sort()
      assert h.callsOf('junit')*.args.testResults == ['tidegate-reports/tidegate.junit.xml']
      assert h.log.last().endsWith('tidegate: FAIL example-app:1.0: 10 vulnerabilities at or above high')
    }

    t.test('real sh: failOn none passes the same image, and the result is left alone') {
      PipelineHarness h = build(lib)
      Map v = h.run('tidegateScan', [image: fx.demo.path, db: fx.db, failOn: 'none'])
      assert v.status == 'pass' && v.exitCode == 0 && h.currentBuild.result == null
    }

    t.test('real sh: an unreadable manifest makes the scan incomplete: warn, UNSTABLE') {
      PipelineHarness h = build(lib)
      Map v = h.run('tidegateScan', [image: "dir:${fx.warnRoot}".toString(), db: fx.db, outputDir: 'out/tidegate'])
      assert v.status == 'warn' && v.incomplete
      assert h.currentBuild.result == 'UNSTABLE'
      assert h.callsOf('unstable')*.args.message == ["tidegate: WARN dir:${fx.warnRoot}: the scan is incomplete: 1 file could not be examined".toString()]
    }

    t.test("real sh: a missing image is exit 2: the JUnit error case is published, then the step errors with the CLI's one line") {
      PipelineHarness h = build(lib)
      String missing = new File(h.workspace, 'nope.tar').path
      assert expectError(h, [image: missing, db: fx.db]) == "tidegate: error: ${missing}: no such file or directory: ${missing}".toString()
      assert h.callsOf('junit').size() == 1
      assert new File(h.workspace, 'tidegate-reports/tidegate.junit.xml').text.contains('<error type="tidegate.error"')
      assert h.currentBuild.result == null
    }

    t.test('real sh: a value is never run by the shell: an image named $(touch pwned) stays a name') {
      PipelineHarness h = build(lib)
      String image = 'x$(touch pwned)`touch pwned2`;touch pwned3.tar'
      assert expectError(h, [image: image, db: fx.db]) == "tidegate: error: ${image}: no such file or directory: ${image}".toString()
      assert !['pwned', 'pwned2', 'pwned3.tar'].any { new File(h.workspace, it).exists() }
    }

    t.test('real sh: a bad value is judged by the CLI and reported like any error of the run (exit 2)') {
      PipelineHarness h = build(lib)
      assert expectError(h, [image: fx.demo.path, db: fx.db, failOn: 'severe']) =~
        /^tidegate: error: invalid value 'severe' for TIDEGATE_FAIL_ON/
      assert h.callsOf('junit').size() == 1
    }
  }

  static void registerDb(TestSuite t, File lib) {
    t.test('real sh: a first run with no DB on the agent updates it from a loopback OSV mirror, scans and gates') {
      startMirror(fixtures(lib))
      PipelineHarness first = build(lib, [TIDEGATE_ENRICHMENT: 'false'])
      String cache = new File(first.env.HOME, 'tidegate-cache').path
      Map v = first.run('tidegateScan', [image: fx.demo.path, dbSource: fx.mirrorUrl, cacheDir: cache, maxDbAge: '7d'])
      assert v.status == 'fail' && v.counts.vulnerability.critical == 3 && first.currentBuild.result == 'FAILURE'
      assert new File(cache, 'db/meta.json').exists()
      // the next build on the same agent, the mirror gone: the cached DB still gates, with a warning
      PipelineHarness second = build(lib, [TIDEGATE_ENRICHMENT: 'false'])
      Map again = second.run('tidegateScan', [image: fx.demo.path, dbSource: refusedUrl(), cacheDir: cache])
      assert again.status == 'fail' && again.counts.vulnerability.critical == 3
      assert second.log.any { it.contains('warning: the vulnerability DB could not be updated') && it.contains('scanning with the cached DB') }
    }

    t.test('real sh: no DB and no network: exit 2 with one line that says what to do') {
      PipelineHarness h = build(lib)
      String m = expectError(h, [image: fx.demo.path, dbSource: refusedUrl(), cacheDir: new File(h.env.HOME, 'empty').path])
      assert m =~ /^tidegate: error: no vulnerability DB in .*, and none could be fetched from http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): set --db to a directory or zip of OSV records, or --db-source to a mirror/
    }
  }

  static void registerPullRequest(TestSuite t, File lib) {
    t.test('real sh: a pull-request build keeps one comment on the loopback GitHub API; the token is never shown') {
      startGitHub(fixtures(lib))
      Map pr = [CHANGE_ID: '7', CHANGE_URL: 'https://github.com/o/r/pull/7', CHANGE_TARGET: 'main']
      List<PipelineHarness> builds = (1..2).collect {
        PipelineHarness h = build(lib, pr)
        h.credentials['github-token'] = TOKEN
        Map v = h.run('tidegateScan', [image: fx.demo.path, db: fx.db, credentialsId: 'github-token', apiUrl: fx.apiUrl])
        assert h.currentBuild.result == 'FAILURE' && v.comment.status in ['created', 'unchanged']
        h
      }
      List comments = getJson("${fx.apiUrl}/repos/o/r/issues/7/comments?per_page=100")
      assert comments.size() == 1
      String body = comments[0].body
      assert body.startsWith('<!-- tidegate:example-app -->\n')
      assert body.contains('tidegate: FAIL for ') && body.contains('CVE-2023-38545')
      builds.each { PipelineHarness h ->
        assert !h.everythingRecorded().contains(TOKEN)
        h.workspace.eachFileRecurse(groovy.io.FileType.FILES) { assert !it.text.contains(TOKEN) }
      }
    }

    t.test('real sh: the comment API answering 404 leaves the build as the gate left it, with a warning') {
      startGitHub(fixtures(lib))
      PipelineHarness h = build(lib, [CHANGE_ID: '8', CHANGE_URL: 'https://github.com/o/r/pull/8'])
      h.credentials['github-token'] = TOKEN
      4.times {
        URLConnection c = new URL("${fx.controlUrl}/faults").openConnection()
        c.doOutput = true
        c.outputStream.withWriter { it << '{"status":404,"echoHeaders":true,"path":"/comments"}' }
        c.inputStream.text
      }
      Map v = h.run('tidegateScan', [image: fx.demo.path, db: fx.db, failOn: 'none', credentialsId: 'github-token', apiUrl: fx.apiUrl])
      assert v.status == 'pass' && v.comment.status == 'failed' && h.currentBuild.result == null
      assert h.log.any { it.startsWith('tidegate: warning: the pull request comment failed: GitHub GET ') && it.contains('HTTP 404') }
      assert !h.everythingRecorded().contains(TOKEN.substring(4, 24))
    }
  }

  static void registerInstall(TestSuite t, File lib) {
    t.test('real sh: the CLI comes from the library itself, SHA-256 checked, installed once and then reused') {
      List<String> clis = (1..2).collect { int n ->
        PipelineHarness h = build(lib)
        String dir = new File(fx.tmp, 'agent-cli').path
        assert h.run('tidegateScan', [image: fx.demo.path, db: fx.db, failOn: 'none', installDir: dir]).status == 'pass'
        String want = n == 1 ? "installed tidegate 0.1.0 in ${dir}" : "reusing tidegate 0.1.0 from ${dir}"
        assert h.log.any { String l -> l.contains(want) }
        h.callsOf('sh').find { it.args.script.contains(' ci --ci jenkins') }.env.TIDEGATE_CLI_PATH
      }
      assert clis == ["${fx.tmp}/agent-cli/cli-0.1.0-bundle/bin/tidegate".toString()] * 2
    }

    t.test('real sh: a library whose bundle does not match its SHA-256 installs nothing and runs nothing') {
      File copy = new File(fixtures(lib).tmp, 'tampered-lib')
      copy.mkdirs()
      run(lib, ['cp', '-r', 'vars', 'src', 'resources', copy.path])
      new File(copy, 'resources/io/tidegate/tidegate.mjs').append('\n// tampered\n')
      PipelineHarness h = new PipelineHarness(copy, File.createTempDir('tidegate-jenkins-', '-ws'))
      h.env.HOME = File.createTempDir('tidegate-jenkins-', '-home').path
      assert expectError(h, [image: fx.demo.path, db: fx.db]) ==~ /tidegate: error: could not install the tidegate CLI 0\.1\.0 .*/
      assert h.log.any { it =~ /has SHA-256 [0-9a-f]{64}, not the pinned [0-9a-f]{64}: refused/ }
      assert !h.callsOf('sh').any { it.args.script.contains(' ci ') }
    }
  }
}
