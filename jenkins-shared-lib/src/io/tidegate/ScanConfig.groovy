package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * Checks the parameters of tidegateScan and turns them into the TIDEGATE_* variables the CLI
 * reads (every flag has one: docs/reference/cli.md). Only the shape of a value is checked here.
 * Whether `failOn: 'severe'` is a severity is the CLI's to say, so its one precedence chain
 * (flag, TIDEGATE_*, policy file, built-in default) and its messages stay the only ones, and an
 * unset parameter sets no variable at all (STYLE rule 34: unset and default never mix).
 */
class ScanConfig implements Serializable {
  private static final long serialVersionUID = 1L

  /** Parameter → the `tidegate scan` flag it sets; its variable is TIDEGATE_<FLAG>. */
  static final Map<String, String> SCAN_FLAGS = [
    db: 'db',
    policy: 'policy',
    failOn: 'fail-on',
    ignoreUnfixed: 'ignore-unfixed',
    platform: 'platform',
    debug: 'debug',
  ]

  /** Parameter → the `tidegate comment` flag it sets. */
  static final Map<String, String> COMMENT_FLAGS = [commentMode: 'mode', commentKey: 'key', debug: 'debug']

  static final List<String> BOOLEANS = ['ignoreUnfixed', 'comment', 'archive', 'junit', 'debug', 'stopOnFail']
  static final List<String> STRINGS = [
    'image', 'db', 'policy', 'failOn', 'platform', 'outputDir', 'credentialsId', 'apiUrl',
    'commentMode', 'commentKey', 'version', 'installDir', 'bundleUrl', 'bundleSha256',
  ]

  /** A pinned release: X.Y.Z with an optional pre-release or build suffix. */
  static final String VERSION_PATTERN = /^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/

  /**
   * Everything wrong with the parameters `given` (merged over `defaults`), one message each, so
   * the step can fail once with all of them. Unknown keys are refused: a misspelt `failon` would
   * otherwise be dropped silently and the gate would run on the default.
   */
  @NonCPS
  static List<String> problems(Map given, Map defaults) {
    List<String> out = []
    List<String> unknown = (given.keySet() - defaults.keySet()).collect { it.toString() }.sort()
    if (unknown) out << "unknown parameter${unknown.size() > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${defaults.keySet().sort().join(', ')})"
    Map cfg = [:] + defaults + given
    STRINGS.each { String k -> if (cfg[k] != null && !(cfg[k] instanceof CharSequence)) out << "${k} must be a string, not ${cfg[k].getClass().simpleName}" }
    BOOLEANS.each { String k -> if (cfg[k] != null && !(cfg[k] instanceof Boolean)) out << "${k} must be true or false, not '${cfg[k]}'" }
    STRINGS.each { String k -> if (cfg[k] instanceof CharSequence && cfg[k].toString() =~ /[\r\n\u0000]/) out << "${k} must be one line" }
    out.addAll(imageProblems(cfg.image))
    out.addAll(pathProblems(cfg.outputDir))
    if (cfg.version instanceof CharSequence && !(cfg.version ==~ VERSION_PATTERN)) out << "version '${cfg.version}' is not a pinned release (X.Y.Z)"
    if (cfg.apiUrl instanceof CharSequence && !(cfg.apiUrl ==~ /^https?:\/\/[^\s\/]+(\/\S*)?$/)) out << "apiUrl '${cfg.apiUrl}' is not an http(s) URL"
    if (cfg.credentialsId instanceof CharSequence && !cfg.credentialsId) out << 'credentialsId must not be empty'
    if (cfg.bundleSha256 instanceof CharSequence && !(cfg.bundleSha256 ==~ /^[0-9a-f]{64}$/)) out << 'bundleSha256 must be 64 lowercase hex digits'
    out.addAll(formatProblems(cfg.formats))
    return out.collect { it.toString() }
  }

  @NonCPS
  private static List<String> imageProblems(def image) {
    if (image == null || (image instanceof CharSequence && !image.toString().trim())) return ['image is required (for example docker-archive:app.tar or oci:build/oci:latest)']
    if (image instanceof CharSequence && image.toString().startsWith('-')) return ["image '${image}' must not start with '-'".toString()]
    return []
  }

  /** outputDir is archived with archiveArtifacts, which takes workspace-relative paths only. */
  @NonCPS
  private static List<String> pathProblems(def dir) {
    if (!(dir instanceof CharSequence)) return dir == null ? ['outputDir is required'] : []
    String d = dir.toString()
    if (!d || d.startsWith('/') || d.startsWith('~') || d ==~ /^[A-Za-z]:.*/) return ["outputDir '${d}' must be a path inside the workspace".toString()]
    if (d.split(/[\/\\]/).contains('..')) return ["outputDir '${d}' must not contain '..'".toString()]
    return []
  }

  @NonCPS
  private static List<String> formatProblems(def formats) {
    if (formats == null) return []
    if (!(formats instanceof CharSequence) && !(formats instanceof List)) return ['formats must be a list or a comma-separated string']
    List<String> bad = formatList(formats).findAll { !(it ==~ /^[a-z0-9-]+$/) }
    return bad ? ["formats has invalid entries: ${bad.join(', ')}".toString()] : []
  }

  /** `['json', 'junit']` or `'json, junit'` → `['json', 'junit']`; null → null (the step's choice). */
  @NonCPS
  static List<String> formatList(def formats) {
    if (formats == null) return null
    List items = formats instanceof CharSequence ? formats.toString().split(',') as List : formats as List
    return items.collect { it == null ? '' : it.toString().trim() }.findAll { it }.unique()
  }

  /** `fail-on` → `TIDEGATE_FAIL_ON`, as the CLI derives it from its flag table. */
  @NonCPS
  static String envName(String flag) {
    return 'TIDEGATE_' + flag.toUpperCase().replace('-', '_')
  }

  /** The parameters the user set (non-null, and `debug` only when true) that map to `flags`. */
  @NonCPS
  private static Map<String, String> setFlags(Map cfg, Map<String, String> flags) {
    Map<String, String> out = [:]
    flags.each { String key, String flag ->
      def v = cfg[key]
      if (v == null || (key == 'debug' && v != true)) return
      out[flag] = v.toString()
    }
    return out
  }

  /**
   * The `withEnv` list for `tidegate scan`: the image, the output directory and formats, and one
   * TIDEGATE_<FLAG> per parameter that was set. The image is passed as TIDEGATE_IMAGE and used as
   * `"$TIDEGATE_IMAGE"` in the shell, so no value is ever part of a command line Groovy builds.
   */
  @NonCPS
  static List<String> scanEnv(Map cfg, List<String> formats) {
    List<String> out = [
      "TIDEGATE_IMAGE=${cfg.image}".toString(),
      "TIDEGATE_OUTPUT_DIR=${cfg.outputDir}".toString(),
      "TIDEGATE_FORMAT=${formats.join(',')}".toString(),
      "TIDEGATE_STEP_LOG=${logPath(cfg, 'scan')}".toString(),
    ]
    setFlags(cfg, SCAN_FLAGS).each { String flag, String v -> out << "${envName(flag)}=${v}".toString() }
    return out
  }

  /**
   * The `withEnv` list for install.sh. Only parameters that were set are passed: an empty entry
   * would remove a TIDEGATE_CLI_DIR the agent itself sets (withEnv's `K=` unsets K).
   */
  @NonCPS
  static List<String> installEnv(Map cfg) {
    Map<String, String> vars = [
      TIDEGATE_CLI_VERSION: cfg.version,
      TIDEGATE_CLI_DIR: cfg.installDir,
      TIDEGATE_CLI_BUNDLE_URL: cfg.bundleUrl,
      TIDEGATE_CLI_BUNDLE_SHA256: cfg.bundleSha256,
    ]
    return vars.findAll { it.value != null }.collect { "${it.key}=${it.value}".toString() }
  }

  /** The `withEnv` entries for the optional `tidegate comment` flags that were set. */
  @NonCPS
  static List<String> commentEnv(Map cfg) {
    List<String> out = ["TIDEGATE_STEP_LOG=${logPath(cfg, 'comment')}".toString()]
    setFlags(cfg, COMMENT_FLAGS).each { String flag, String v -> out << "${envName(flag)}=${v}".toString() }
    return out
  }

  /**
   * Parameters that were set but whose flag this CLI does not list in its help (`policy:` with a
   * CLI older than `--policy`): refused, never dropped, so no gate runs on settings it ignored.
   */
  @NonCPS
  static List<String> unsupported(Map cfg, Collection<String> cliFlags) {
    return setFlags(cfg, SCAN_FLAGS).keySet().findAll { !cliFlags.contains(it) }.collect { String flag ->
      String key = SCAN_FLAGS.find { it.value == flag }.key
      "${key} needs a tidegate CLI with --${flag}".toString()
    }
  }

  /** Where the step copies a command's output (the CLI's one-line error is read from there). */
  @NonCPS
  static String logPath(Map cfg, String command) {
    return "${cfg.outputDir}/tidegate-${command}.log".toString()
  }

  /** Path of one report in the output directory (`json` → `tidegate-reports/tidegate.json`). */
  @NonCPS
  static String reportPath(Map cfg, String extension) {
    return "${cfg.outputDir}/tidegate.${extension}".toString()
  }
}
