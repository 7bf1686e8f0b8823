package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * Checks the parameters of tidegateScan before anything runs. Only the shape of a value is
 * checked here: whether `failOn: 'severe'` or a format name is right is the CLI's to say (it
 * reports it like any other error of the run, in its JUnit and verdict file), so its one
 * precedence chain (flag, TIDEGATE_*, policy file, built-in default) and its messages stay the
 * only ones (STYLE rule 34). CliEnv turns the checked parameters into variables.
 */
class ScanConfig implements Serializable {
  private static final long serialVersionUID = 1L

  static final List<String> BOOLEANS = ['ignoreUnfixed', 'comment', 'commentRequired', 'archive', 'junit', 'debug', 'stopOnFail']
  static final List<String> STRINGS = [
    'image', 'db', 'dbSource', 'maxDbAge', 'cacheDir', 'policy', 'failOn', 'platform', 'outputDir',
    'credentialsId', 'apiUrl', 'commentMode', 'commentKey', 'version', 'installDir', 'source',
    'npmPackage', 'npmIntegrity', 'bundleUrl', 'bundleSha256', 'cli',
  ]

  /** Where the CLI comes from: the bundle this library carries, npm, or a bundle URL. */
  static final List<String> SOURCES = ['library', 'npm', 'bundle']

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
    if (unknown) {
      String s = unknown.size() > 1 ? 's' : ''
      out << "unknown parameter${s} ${unknown.join(', ')} (known: ${defaults.keySet().sort().join(', ')})"
    }
    Map cfg = [:] + defaults + given
    out.addAll(typeProblems(cfg))
    out.addAll(imageProblems(cfg.image))
    out.addAll(pathProblems(cfg.outputDir))
    out.addAll(valueProblems(cfg))
    out.addAll(formatProblems(cfg.formats))
    return out.collect { it.toString() }
  }

  @NonCPS
  private static List<String> typeProblems(Map cfg) {
    List<String> out = []
    STRINGS.findAll { cfg[it] != null }.each { String k ->
      String type = cfg[k].getClass().simpleName
      if (!(cfg[k] instanceof CharSequence)) out << "${k} must be a string, not ${type}"
      else if (cfg[k].toString() =~ /[\r\n\u0000]/) out << "${k} must be one line"
    }
    BOOLEANS.findAll { cfg[it] != null && !(cfg[it] instanceof Boolean) }.each { String k ->
      out << "${k} must be true or false, not '${cfg[k]}'"
    }
    return out
  }

  @NonCPS
  private static List<String> imageProblems(def image) {
    if (image == null || (image instanceof CharSequence && !image.toString().trim()))
      return ['image is required (for example docker-archive:app.tar or oci:build/oci:latest)']
    if (image instanceof CharSequence && image.toString().startsWith('-'))
      return ["image '${image}' must not start with '-'".toString()]
    return []
  }

  /** outputDir is archived with archiveArtifacts, which takes workspace-relative paths only. */
  @NonCPS
  private static List<String> pathProblems(def dir) {
    if (!(dir instanceof CharSequence)) return dir == null ? ['outputDir is required'] : []
    String d = dir.toString()
    if (!d || d.startsWith('/') || d.startsWith('~') || d ==~ /^[A-Za-z]:.*/)
      return ["outputDir '${d}' must be a path inside the workspace".toString()]
    if (d.split(/[\/\\]/).contains('..')) return ["outputDir '${d}' must not contain '..'".toString()]
    return []
  }

  @NonCPS
  private static List<String> valueProblems(Map cfg) {
    List<String> out = []
    Closure given = { String k -> cfg[k] instanceof CharSequence }
    if (given('version') && !(cfg.version ==~ VERSION_PATTERN))
      out << "version '${cfg.version}' is not a pinned release (X.Y.Z)"
    if (given('apiUrl') && !(cfg.apiUrl ==~ /^https?:\/\/[^\s\/]+(\/\S*)?$/))
      out << "apiUrl '${cfg.apiUrl}' is not an http(s) URL"
    if (given('credentialsId') && !cfg.credentialsId) out << 'credentialsId must not be empty'
    if (given('bundleSha256') && !(cfg.bundleSha256 ==~ /^[0-9a-f]{64}$/))
      out << 'bundleSha256 must be 64 lowercase hex digits'
    if (given('source') && !SOURCES.contains(cfg.source))
      out << "source '${cfg.source}' is not one of ${SOURCES.join(', ')}"
    if (cfg.source == 'npm' && !cfg.npmIntegrity && !cfg.cli)
      out << 'source npm needs npmIntegrity (npm view @tidegate/cli@VERSION dist.integrity)'
    if (cfg.source == 'bundle' && !(cfg.bundleUrl && cfg.bundleSha256) && !cfg.cli)
      out << 'source bundle needs bundleUrl and bundleSha256'
    return out
  }

  @NonCPS
  private static List<String> formatProblems(def formats) {
    if (formats == null || formats instanceof CharSequence) return []
    if (!(formats instanceof List)) return ['formats must be a list or a comma-separated string']
    return formats.every { it instanceof CharSequence } ? [] : ['formats must be a list of names']
  }

}
