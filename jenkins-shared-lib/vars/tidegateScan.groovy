import io.tidegate.CliEnv
import io.tidegate.CliRun
import io.tidegate.PullRequest
import io.tidegate.ScanConfig
import io.tidegate.Verdict

/**
 * tidegateScan: scans a container image with the tidegate CLI and gates the build on the policy,
 * like the GitHub Action and the CircleCI orb (the same CLI, the same exit codes). It archives
 * the reports, publishes JUnit, keeps one comment on the pull request up to date in
 * pull-request builds, sets the build result and returns the verdict as a Map. Help:
 * tidegateScan.txt.
 *
 * Every value reaches the CLI through withEnv as the TIDEGATE_* variable of its flag, and every
 * shell script is a single-quoted literal, so no value is ever interpolated into a command.
 */
def call(Map cfg = [:]) {
  Map defaults = [
    // the image to scan (required): docker-archive:PATH, oci:DIR[:TAG], registry:NAME[:TAG], ...
    image: null,
    // OSV advisories, a directory or zip (TIDEGATE_DB); unset: the agent's TIDEGATE_DB
    db: null,
    // policy file (TIDEGATE_POLICY); unset: the CLI reads .tidegate.yml when the workspace has one
    policy: null,
    // the severity that fails the gate (TIDEGATE_FAIL_ON); unset: the policy's, else high
    failOn: null,
    // true: do not gate on vulnerabilities without a fix (TIDEGATE_IGNORE_UNFIXED); unset: the policy's
    ignoreUnfixed: null,
    // OS/ARCH to scan from a multi-platform image (TIDEGATE_PLATFORM); unset: linux/amd64
    platform: null,
    // report formats, a list or 'a,b'; unset: json, table, junit, sarif, markdown, html.
    // json is always added, and junit while `junit` is true
    formats: null,
    // where the reports go, inside the workspace
    outputDir: 'tidegate-reports',
    // archive the reports (archiveArtifacts)
    archive: true,
    // write tidegate.junit.xml and publish it with the junit step
    junit: true,
    // in a pull-request build, create or update the one tidegate comment on the pull request
    comment: true,
    // Jenkins "secret text" credentials holding a GitHub token; without it, no comment
    credentialsId: null,
    // GitHub REST API; unset: https://api.github.com, or https://HOST/api/v3 for the host of CHANGE_URL
    apiUrl: null,
    // when to comment: always, on-change or on-failure (TIDEGATE_MODE); unset: always
    commentMode: null,
    // one comment per key in a pull request (TIDEGATE_KEY); unset: the image name
    commentKey: null,
    // true: stop the pipeline (error) when the policy fails; false: mark the build FAILURE and go on
    stopOnFail: false,
    // log every step of the CLI (TIDEGATE_DEBUG)
    debug: false,
    // the tidegate CLI version, pinned to this library's release (STYLE rule 35)
    version: '0.1.0',
    // where CLI versions are installed on the agent; unset: ~/.cache/tidegate
    installDir: null,
    // install the single-file CLI bundle from this URL instead of npm
    bundleUrl: null,
    // the bundle's expected SHA-256
    bundleSha256: null,
  ]
  List<String> problems = ScanConfig.problems(cfg, defaults)
  if (problems) {
    error("tidegateScan: ${problems.join('; ')}")
  }
  Map config = defaults << cfg

  String cli = installCli(config)
  int rc = runScan(cli, config)
  if (rc != 0 && rc != 1) {
    publishReports(config)
    error(CliRun.errorLine(readLog(CliEnv.logPath(config, 'scan')), rc, 'scan'))
  }
  Map verdict = readVerdict(config, rc)
  publishReports(config)
  applyResult(verdict)
  commentOnPullRequest(cli, config, verdict)
  if (verdict.status == 'fail' && config.stopOnFail) {
    error(Verdict.summary(verdict))
  }
  return verdict
}

/** Installs or reuses the pinned CLI (resources/io/tidegate/install.sh); returns its path. */
def installCli(Map config) {
  String script = libraryResource('io/tidegate/install.sh')
  String out = ''
  try {
    withEnv(CliEnv.install(config)) {
      out = sh(script: script, returnStdout: true)
    }
  } catch (hudson.AbortException e) {
    String why = "the reason is in the log above: ${e.message}"
    error("tidegate: error: could not install the tidegate CLI ${config.version} (${why})")
  }
  String cli = CliRun.lastLine(out)
  if (!cli) {
    error("tidegate: error: installing the tidegate CLI ${config.version} printed no path")
  }
  return cli
}

/**
 * Runs `tidegate scan`, its output copied into the scan log so the step can quote the CLI's one
 * error line; returns the CLI's exit code. Reports of an earlier build in the same workspace are
 * removed first, so they can never be read as this scan's.
 */
def runScan(String cli, Map config) {
  int rc = 2
  withEnv(["TIDEGATE_CLI=${cli}"] + CliEnv.scan(config)) {
    rc = sh(returnStatus: true, script: '''
      set +e
      mkdir -p "$TIDEGATE_OUTPUT_DIR" || exit 2
      rm -f "$TIDEGATE_OUTPUT_DIR/tidegate.json" "$TIDEGATE_OUTPUT_DIR/tidegate.junit.xml"
      { "$TIDEGATE_CLI" scan -- "$TIDEGATE_IMAGE" 2>&1
        echo "$?" >"$TIDEGATE_STEP_LOG.rc"; } | tee "$TIDEGATE_STEP_LOG"
      rc=$(cat "$TIDEGATE_STEP_LOG.rc" 2>/dev/null || echo 2)
      rm -f "$TIDEGATE_STEP_LOG.rc"
      exit "$rc"
    ''')
  }
  return rc
}

def readLog(String path) {
  return fileExists(path) ? readFile(path) : ''
}

/** The verdict Map from the JSON report; errors when there is none or it disagrees with the exit code. */
def readVerdict(Map config, int rc) {
  String path = CliEnv.reportPath(config, 'json')
  if (!fileExists(path)) {
    error("tidegate: error: the scan exited ${rc} but wrote no report at ${path}")
  }
  Map verdict = null
  try {
    verdict = Verdict.fromReport(readFile(path), rc, path)
  } catch (IllegalArgumentException e) {
    error(e.message)
  }
  String disagreement = Verdict.disagreement(verdict)
  if (disagreement) {
    error(disagreement)
  }
  return verdict
}

/**
 * Archives the reports and publishes the JUnit one (the scan writes it while `junit` is true;
 * a scan that exited 2 wrote none).
 */
def publishReports(Map config) {
  if (config.archive) {
    archiveArtifacts(artifacts: config.outputDir + '/**', allowEmptyArchive: true)
  }
  String junitReport = CliEnv.reportPath(config, 'junit.xml')
  if (config.junit && fileExists(junitReport)) {
    // the verdict sets the build result, not the junit step's count of failed test cases
    junit(testResults: junitReport, allowEmptyResults: true, skipMarkingBuildUnstable: true)
  }
}

/** fail → FAILURE, warn → UNSTABLE (the unstable step), pass → the result is left alone. */
def applyResult(Map verdict) {
  String summary = Verdict.summary(verdict)
  if (verdict.status == 'warn') {
    unstable(summary)
    return
  }
  if (verdict.status == 'fail') {
    currentBuild.result = 'FAILURE'
  }
  echo(summary)
}

/**
 * In a pull-request build, creates or updates the one tidegate comment through `tidegate
 * comment`, which renders the Markdown body from the JSON report itself (escaping every name
 * that comes from the image). The token reaches the CLI only as the variable
 * TIDEGATE_GITHUB_TOKEN, bound by withCredentials (which masks it in the log); only that
 * variable's name is ever passed.
 */
def commentOnPullRequest(String cli, Map config, Map verdict) {
  if (!config.comment) {
    return
  }
  Map pr = PullRequest.fromEnv(env.CHANGE_ID, env.CHANGE_URL, env.CHANGE_TARGET, config.apiUrl)
  if (pr == null || pr.skip || !config.credentialsId) {
    String why = pr == null ? 'not a pull request build' : (pr.skip ?: 'no credentialsId was given')
    echo("tidegate: ${why}: no pull request comment")
    return
  }
  List<String> vars = [
    "TIDEGATE_CLI=${cli}",
    "TIDEGATE_REPORT=${verdict.report}",
    "TIDEGATE_REPO=${pr.repo}",
    "TIDEGATE_PR=${pr.number}",
    "TIDEGATE_API_URL=${pr.apiUrl}",
  ] + CliEnv.comment(config)
  echo("tidegate: commenting on ${pr.repo}#${pr.number}")
  int rc = 2
  withCredentials([string(credentialsId: config.credentialsId, variable: 'TIDEGATE_GITHUB_TOKEN')]) {
    withEnv(vars) {
      rc = sh(returnStatus: true, script: '''
        set +e
        { "$TIDEGATE_CLI" comment --report "$TIDEGATE_REPORT" --repo "$TIDEGATE_REPO" --pr "$TIDEGATE_PR" \
            --token-env TIDEGATE_GITHUB_TOKEN --api-url "$TIDEGATE_API_URL" 2>&1
          echo "$?" >"$TIDEGATE_STEP_LOG.rc"; } | tee "$TIDEGATE_STEP_LOG"
        rc=$(cat "$TIDEGATE_STEP_LOG.rc" 2>/dev/null || echo 2)
        rm -f "$TIDEGATE_STEP_LOG.rc"
        exit "$rc"
      ''')
    }
  }
  if (rc != 0) {
    error(CliRun.errorLine(readLog(CliEnv.logPath(config, 'comment')), rc, 'comment'))
  }
}
