import io.tidegate.CliEnv
import io.tidegate.ScanConfig
import io.tidegate.VerdictFile

/**
 * tidegateScan: scans a container image and gates the build on the policy with `tidegate ci`,
 * the same command the GitHub Action and the CircleCI orb run. The CLI prepares the DB (updated on
 * the agent for the image's ecosystems, from dbSource), writes every report to outputDir (also
 * when the gate fails or the image cannot be read), keeps the pull request's comment in
 * pull-request builds, and writes tidegate-verdict.json; this step installs the CLI its release
 * carries, archives the reports and publishes the JUnit always, then sets the build result from
 * that file and returns it as a Map. Help: tidegateScan.txt.
 *
 * Every value reaches the CLI through withEnv as the TIDEGATE_* variable of its flag, and every
 * shell script is a single-quoted literal, so no value is ever interpolated into a command.
 */
def call(Map cfg = [:]) {
  Map defaults = [
    // the image to scan (required): docker-archive:PATH, oci:DIR[:TAG], registry:NAME[:TAG], ...
    image: null,
    // OSV advisories to use as they are, a directory or zip (TIDEGATE_DB); unset: the cached DB
    db: null,
    // where the cached DB is updated from: a base URL (<base>/<ecosystem>/all.zip), a mirror folder or a zip; unset: OSV's bucket
    dbSource: null,
    // fail (exit 2) when the cached DB is older than this (36h, 7d); unset: no limit
    maxDbAge: null,
    // the CLI's cache directory on the agent (DB in db/); unset: ~/.cache/tidegate of the agent's user
    cacheDir: null,
    // policy file (TIDEGATE_POLICY); unset: the CLI reads .tidegate.yml when the workspace has one
    policy: null,
    // the severity that fails the gate (TIDEGATE_FAIL_ON); unset: the policy's, else high
    failOn: null,
    // true: do not gate on vulnerabilities without a fix (TIDEGATE_IGNORE_UNFIXED); unset: the policy's
    ignoreUnfixed: null,
    // OS/ARCH to scan from a multi-platform image (TIDEGATE_PLATFORM); unset: linux/amd64
    platform: null,
    // report formats, a list or 'a,b'; unset: the CLI's (table, json, junit, sarif, markdown, html)
    formats: null,
    // where the reports go, inside the workspace
    outputDir: 'tidegate-reports',
    // archive the reports (archiveArtifacts)
    archive: true,
    // publish the JUnit report with the junit step
    junit: true,
    // in a pull-request build, create or update the one tidegate comment on the pull request
    comment: true,
    // true: a comment that cannot be posted fails the step; otherwise a warning and the gate decides
    commentRequired: false,
    // Jenkins "secret text" credentials holding a GitHub token; without it, no comment
    credentialsId: null,
    // GitHub REST API; unset: https://api.github.com, or https://HOST/api/v3 for the host of CHANGE_URL
    apiUrl: null,
    // when to comment: always, on-change or on-failure; unset: always
    commentMode: null,
    // one comment per key in a pull request; unset: the image name without tag or digest
    commentKey: null,
    // true: stop the pipeline (error) when the policy fails; false: mark the build FAILURE and go on
    stopOnFail: false,
    // log every step of the CLI (TIDEGATE_DEBUG)
    debug: false,
    // the tidegate CLI version: this library's own, whose bundle it carries (STYLE rule 35)
    version: '0.1.0',
    // where CLI versions are installed on the agent; unset: ~/.cache/tidegate
    installDir: null,
    // library (the bundle in this library, SHA-256 checked), npm (@tidegate/cli through npm), or bundle (bundleUrl)
    source: 'library',
    // source npm: the package spec (default @tidegate/cli@version) and its sha512 integrity (required)
    npmPackage: null,
    npmIntegrity: null,
    // source bundle: where tidegate.mjs is, and its SHA-256 (required)
    bundleUrl: null,
    bundleSha256: null,
    // a tidegate executable already on the agent (path or command): nothing is installed
    cli: null,
  ]
  List<String> problems = ScanConfig.problems(cfg, defaults)
  if (problems) {
    error("tidegateScan: ${problems.join('; ')}")
  }
  Map config = defaults << cfg

  String cli = installCli(config)
  int rc = runCi(cli, config)
  publishReports(config)
  Map verdict = readVerdict(config, rc)
  applyResult(verdict, config)
  return verdict
}

/** Installs (or reuses) the pinned CLI, verified, with resources/io/tidegate/install.sh; returns its path. */
def installCli(Map config) {
  String script = libraryResource('io/tidegate/install.sh')
  List<String> vars = CliEnv.install(config)
  if (config.source == 'library' && !config.cli) {
    // the bundle this library release carries: a pipeline downloads no code
    String sum = libraryResource('io/tidegate/tidegate.mjs.sha256').trim().split(/\s+/)[0]
    String file = "${env.WORKSPACE_TMP ?: env.WORKSPACE + '@tmp'}/tidegate-${config.version}.mjs"
    writeFile(file: file, text: libraryResource(resource: 'io/tidegate/tidegate.mjs', encoding: 'Base64'), encoding: 'Base64')
    vars += ["TIDEGATE_CLI_BUNDLE_URL=${file}".toString(), "TIDEGATE_CLI_BUNDLE_SHA256=${sum}".toString()]
  }
  String out = ''
  try {
    withEnv(vars) {
      out = sh(script: script, returnStdout: true)
    }
  } catch (hudson.AbortException e) {
    error("tidegate: error: could not install the tidegate CLI ${config.version} (the reason is in the log above: ${e.message})")
  }
  String path = (out ?: '').readLines().collect { it.trim() }.findAll { it }.with { it ? it.last() : null }
  if (!path) {
    error("tidegate: error: installing the tidegate CLI ${config.version} printed no path")
  }
  return path
}

/**
 * Runs `tidegate ci`; returns its exit code. The GitHub token is bound (withCredentials, masked)
 * only in a pull-request build with credentialsId, and only its variable's name is passed.
 */
def runCi(String cli, Map config) {
  boolean pr = env.CHANGE_ID && config.comment && config.credentialsId
  if (config.comment && env.CHANGE_ID && !config.credentialsId) {
    echo('tidegate: no credentialsId was given: no pull request comment')
  }
  List<String> vars = ["TIDEGATE_CLI_PATH=${cli}".toString()] + CliEnv.ci(config, pr)
  int rc = 2
  Closure run = {
    withEnv(vars) {
      rc = sh(returnStatus: true, script: '"$TIDEGATE_CLI_PATH" ci --ci jenkins')
    }
  }
  if (pr) {
    withCredentials([string(credentialsId: config.credentialsId, variable: 'TIDEGATE_GITHUB_TOKEN')]) { run() }
  } else {
    run()
  }
  return rc
}

/** Archives every report and publishes the JUnit one, whatever the result (exit 2 writes a JUnit error case). */
def publishReports(Map config) {
  if (config.archive) {
    archiveArtifacts(artifacts: config.outputDir + '/**', allowEmptyArchive: true)
  }
  String junitReport = "${config.outputDir}/tidegate.junit.xml"
  if (config.junit && fileExists(junitReport)) {
    // the verdict sets the build result, not the junit step's count of failed test cases
    junit(testResults: junitReport, allowEmptyResults: true, skipMarkingBuildUnstable: true)
  }
}

/** tidegate-verdict.json as a Map; an error when the CLI wrote none (it never ran) or disagrees with its exit code. */
def readVerdict(Map config, int rc) {
  String path = "${config.outputDir}/tidegate-verdict.json"
  if (!fileExists(path)) {
    error("tidegate: error: tidegate ci exited ${rc} and wrote no ${path} (is Node.js 20 or newer on the agent?)")
  }
  Map verdict = null
  try {
    verdict = VerdictFile.parse(readFile(path), path)
  } catch (IllegalArgumentException e) {
    error(e.message)
  }
  if (verdict.exitCode != rc) {
    error("tidegate: error: tidegate ci exited ${rc} but ${path} says ${verdict.exitCode}: not this run's file")
  }
  return verdict
}

/** exit 2 → error; exit 1 → FAILURE (error with stopOnFail); warn → UNSTABLE; the verdict line in every case. */
def applyResult(Map verdict, Map config) {
  if (verdict.exitCode == 2) {
    error(verdict.line)
  }
  if (verdict.comment?.status == 'failed') {
    echo("tidegate: warning: the pull request comment failed: ${verdict.comment.reason}")
  }
  if (verdict.status == 'warn') {
    unstable(verdict.line)
    return
  }
  if (verdict.exitCode == 1) {
    currentBuild.result = 'FAILURE'
    if (config.stopOnFail) {
      error(verdict.line)
    }
  }
  echo(verdict.line)
}
