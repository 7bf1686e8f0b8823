package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * The `withEnv` lists the step runs the CLI with, and the paths it writes. Every value reaches
 * the CLI as the TIDEGATE_* variable of its flag (docs/reference/cli.md), and the step's shell
 * scripts only ever say `"$TIDEGATE_…"`, so no value is part of a command Groovy builds. An
 * unset parameter sets no variable at all (STYLE rule 34: unset and default never mix).
 */
class CliEnv implements Serializable {
  private static final long serialVersionUID = 1L

  /** Parameter → the `tidegate scan` flag it sets. */
  static final Map<String, String> SCAN_FLAGS = [
    db: 'db',
    policy: 'policy',
    failOn: 'fail-on',
    ignoreUnfixed: 'ignore-unfixed',
    platform: 'platform',
    debug: 'debug',
  ]

  /** The formats written when `formats` is not set: json (the verdict is read from it) first. */
  static final List<String> DEFAULT_FORMATS = ['json', 'table', 'junit', 'sarif', 'markdown', 'html']

  /** Parameter → the `tidegate comment` flag it sets. */
  static final Map<String, String> COMMENT_FLAGS = [commentMode: 'mode', commentKey: 'key', debug: 'debug']

  /** `fail-on` → `TIDEGATE_FAIL_ON`, as the CLI derives it from its flag table. */
  @NonCPS
  static String envName(String flag) {
    return 'TIDEGATE_' + flag.toUpperCase().replace('-', '_')
  }

  /** The flags of the parameters the user set (non-null; `debug` only when true), with their values. */
  @NonCPS
  private static Map<String, String> setFlags(Map cfg, Map<String, String> flags) {
    Map<String, String> out = [:]
    flags.each { String key, String flag ->
      def v = cfg[key]
      if (v != null && (key != 'debug' || v == true)) out[flag] = v.toString()
    }
    return out
  }

  @NonCPS
  private static List<String> flagVars(Map cfg, Map<String, String> flags) {
    return setFlags(cfg, flags).collect { String flag, String v -> "${envName(flag)}=${v}".toString() }
  }

  /**
   * The formats to request: DEFAULT_FORMATS, or the ones given (checked by ScanConfig) with json
   * first, as the step reads the verdict from it, and junit last while `junit` is true, so the
   * junit step always has a report to publish.
   */
  @NonCPS
  static List<String> formats(Map cfg) {
    List<String> given = ScanConfig.formatList(cfg.formats)
    if (given == null) return new ArrayList<String>(DEFAULT_FORMATS)
    List<String> out = (['json'] + given).unique()
    if (cfg.junit != false && !out.contains('junit')) out << 'junit'
    return out
  }

  /** For `tidegate scan -- "$TIDEGATE_IMAGE"`: the image, the formats, the output dir, the flags set. */
  @NonCPS
  static List<String> scan(Map cfg) {
    return [
      "TIDEGATE_IMAGE=${cfg.image}".toString(),
      "TIDEGATE_OUTPUT_DIR=${cfg.outputDir}".toString(),
      "TIDEGATE_FORMAT=${formats(cfg).join(',')}".toString(),
      "TIDEGATE_STEP_LOG=${logPath(cfg, 'scan')}".toString(),
    ] + flagVars(cfg, SCAN_FLAGS)
  }

  /** For `tidegate comment`: the optional flags that were set (the step adds the pull request). */
  @NonCPS
  static List<String> comment(Map cfg) {
    return ["TIDEGATE_STEP_LOG=${logPath(cfg, 'comment')}".toString()] + flagVars(cfg, COMMENT_FLAGS)
  }

  /**
   * For install.sh. Only parameters that were set are passed: an empty entry would remove a
   * TIDEGATE_CLI_DIR the agent itself sets (withEnv's `K=` unsets K).
   */
  @NonCPS
  static List<String> install(Map cfg) {
    Map<String, String> vars = [
      TIDEGATE_CLI_VERSION: cfg.version,
      TIDEGATE_CLI_DIR: cfg.installDir,
      TIDEGATE_CLI_BUNDLE_URL: cfg.bundleUrl,
      TIDEGATE_CLI_BUNDLE_SHA256: cfg.bundleSha256,
    ]
    return vars.findAll { it.value != null }.collect { "${it.key}=${it.value}".toString() }
  }

  /** Where the step copies a command's output (the CLI's one-line error is read from there). */
  @NonCPS
  static String logPath(Map cfg, String command) {
    return "${cfg.outputDir}/tidegate-${command}.log".toString()
  }

  /** One report in the output directory (`json` → `tidegate-reports/tidegate.json`). */
  @NonCPS
  static String reportPath(Map cfg, String extension) {
    return "${cfg.outputDir}/tidegate.${extension}".toString()
  }
}
