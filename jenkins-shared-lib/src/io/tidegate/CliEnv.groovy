package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * The `withEnv` lists the step runs install.sh and `tidegate ci` with. Every value reaches the CLI
 * as the TIDEGATE_* variable of its flag (docs/reference/cli.md), and the step's shell scripts only
 * ever say `"$TIDEGATE_…"`, so no value is part of a command Groovy builds. An unset parameter
 * sets no variable at all (STYLE rule 34: unset and default never mix).
 */
class CliEnv implements Serializable {
  private static final long serialVersionUID = 1L

  /** Parameter → the `tidegate ci` flag it sets. */
  static final Map<String, String> CI_FLAGS = [
    image: 'image',
    outputDir: 'output-dir',
    formats: 'format',
    db: 'db',
    dbSource: 'db-source',
    maxDbAge: 'max-db-age',
    cacheDir: 'cache-dir',
    policy: 'policy',
    failOn: 'fail-on',
    ignoreUnfixed: 'ignore-unfixed',
    platform: 'platform',
    commentRequired: 'comment-required',
    commentMode: 'comment-mode',
    commentKey: 'comment-key',
    apiUrl: 'api-url',
    debug: 'debug',
  ]

  /** Switches the step defaults to false: set only when true, so the CLI's own default stays the default. */
  static final List<String> ONLY_WHEN_TRUE = ['debug', 'commentRequired']

  /** `fail-on` → `TIDEGATE_FAIL_ON`, as the CLI derives it from its flag table. */
  @NonCPS
  static String envName(String flag) {
    return 'TIDEGATE_' + flag.toUpperCase().replace('-', '_')
  }

  /** A list parameter (`['json', 'sarif']`) as the CLI's comma-separated value. */
  @NonCPS
  private static String value(def v) {
    return v instanceof List ? v.collect { it.toString().trim() }.join(',') : v.toString()
  }

  /**
   * For `tidegate ci`: the parameters the user set (`debug` only when true), the comment on or
   * off, and in a pull-request build the name of the variable withCredentials binds the token to.
   */
  @NonCPS
  static List<String> ci(Map cfg, boolean withToken) {
    List<String> out = []
    CI_FLAGS.each { String key, String flag ->
      def v = cfg[key]
      if (v != null && (!(key in ONLY_WHEN_TRUE) || v == true)) out << "${envName(flag)}=${value(v)}".toString()
    }
    out << "TIDEGATE_COMMENT=${withToken}".toString()
    if (withToken) out << 'TIDEGATE_TOKEN_ENV=TIDEGATE_GITHUB_TOKEN'
    return out
  }

  /**
   * For install.sh. Only parameters that were set are passed: an empty entry would remove a
   * variable the agent itself sets (withEnv's `K=` unsets K).
   */
  @NonCPS
  static List<String> install(Map cfg) {
    Map<String, String> vars = [
      TIDEGATE_CLI_VERSION: cfg.version,
      TIDEGATE_CLI_DIR: cfg.installDir,
      TIDEGATE_CLI_SOURCE: cfg.source == 'library' ? 'bundle' : cfg.source,
      TIDEGATE_CLI_PACKAGE: cfg.npmPackage,
      TIDEGATE_CLI_NPM_INTEGRITY: cfg.npmIntegrity,
      TIDEGATE_CLI_BUNDLE_URL: cfg.bundleUrl,
      TIDEGATE_CLI_BUNDLE_SHA256: cfg.bundleSha256,
      TIDEGATE_CLI: cfg.cli,
    ]
    return vars.findAll { it.value != null }.collect { "${it.key}=${it.value}".toString() }
  }
}
