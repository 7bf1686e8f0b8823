package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/** Reads what one run of the CLI printed, for the step's error messages. */
class CliRun implements Serializable {
  private static final long serialVersionUID = 1L

  /**
   * The one line the step fails with when `tidegate <command>` exited with `exitCode` (not 0 or
   * 1). That is the CLI's own `tidegate: error: …` line (ADR 0002: exit 2 prints exactly one),
   * else, for a CLI that never ran (a missing node, a killed process), the last line it printed
   * with the exit code.
   */
  @NonCPS
  static String errorLine(String output, int exitCode, String command) {
    List<String> lines = (output ?: '').readLines().collect { it.trim() }.findAll { it }
    String own = lines.reverse().find { it ==~ /^tidegate: (internal )?error: .*/ }
    if (own) return own
    String last = lines.findAll { !it.startsWith('+ ') }.with { it ? it.last() : null }
    String tail = last ? ": ${last}" : ''
    return "tidegate: error: tidegate ${command} exited with code ${exitCode}${tail}".toString()
  }

  /** The last non-blank line of `output`, trimmed (install.sh prints the CLI's path last); null if none. */
  @NonCPS
  static String lastLine(String output) {
    List<String> lines = (output ?: '').readLines().collect { it.trim() }.findAll { it }
    return lines ? lines.last() : null
  }
}
