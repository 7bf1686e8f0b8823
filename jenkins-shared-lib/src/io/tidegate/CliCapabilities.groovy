package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * What the installed CLI can do, read from `tidegate scan --help`: its flags and report formats.
 * The step asks the CLI rather than assuming, so the library works with the CLI it pins today and
 * picks up formats (junit, sarif, markdown) as soon as the CLI lists them.
 */
class CliCapabilities implements Serializable {
  private static final long serialVersionUID = 1L

  /** Formats written when the step is not told which: json always, the rest when offered. */
  static final List<String> DEFAULT_FORMATS = ['json', 'table', 'junit', 'sarif', 'markdown', 'html']

  /**
   * Parses the help text: flags from lines starting with `--name`, formats from the
   * `(a|b|c) [TIDEGATE_FORMAT]` list on the `--format` line.
   */
  @NonCPS
  static Map parse(String help) {
    List<String> flags = []
    List<String> formats = []
    help.readLines().each { String line ->
      def flag = line =~ /^\s+--([a-z0-9][a-z0-9-]*)/
      if (flag.find()) flags << flag.group(1)
      def list = line =~ /\(([a-z0-9-]+(?:\|[a-z0-9-]+)*)\)\s*\[TIDEGATE_FORMAT\]/
      if (line =~ /^\s+--format\b/ && list.find()) formats = list.group(1).split(/\|/) as List
    }
    return [flags: flags.unique(), formats: formats]
  }

  /**
   * The formats to request: the user's list (json added, every entry must be offered) or the
   * defaults this CLI offers. Returns `[formats: [...]]` or `[problem: '...']`.
   */
  @NonCPS
  static Map chooseFormats(List<String> requested, List<String> offered) {
    if (!offered.contains('json'))
      return [problem: 'this tidegate CLI has no json report format, which the step reads the verdict from']
    if (requested == null) return [formats: DEFAULT_FORMATS.findAll { offered.contains(it) }]
    List<String> missing = requested.findAll { !offered.contains(it) }
    if (!missing) return [formats: (['json'] + requested).unique()]
    String s = missing.size() > 1 ? 's' : ''
    String has = "it has ${offered.join(', ')}"
    return [problem: "format${s} ${missing.join(', ')} not offered by this tidegate CLI (${has})".toString()]
  }
}
