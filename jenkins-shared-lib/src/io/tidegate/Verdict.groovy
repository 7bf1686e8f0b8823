package io.tidegate

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Turns the CLI's JSON report into the Map the step returns, and the Map into log lines.
 * JsonSlurperClassic, not JsonSlurper: its maps are plain HashMaps, which the CPS engine can
 * serialize between steps (JsonSlurper's lazy maps cannot), and the parse runs as @NonCPS.
 */
class Verdict implements Serializable {
  private static final long serialVersionUID = 1L

  static final List<String> STATUSES = ['pass', 'warn', 'fail']
  static final List<String> SEVERITIES = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown']

  /**
   * The verdict of the report `json` (read from `path`) as a plain, serializable Map:
   * status, exitCode, counts, reasons (messages), incomplete, image, report.
   * Throws IllegalArgumentException, with a one-line message, for anything that is not a
   * tidegate report: the step then errors, so an unreadable report never looks like a pass.
   */
  @NonCPS
  static Map fromReport(String json, int exitCode, String path) {
    def r
    try {
      r = new JsonSlurperClassic().parseText(json)
    } catch (Exception e) {
      String why = e.message?.readLines()?.first()
      throw new IllegalArgumentException("tidegate: error: ${path}: not JSON: ${why}".toString())
    }
    def v = r instanceof Map ? r.verdict : null
    if (!(v instanceof Map) || !STATUSES.contains(v.status))
      throw new IllegalArgumentException("tidegate: error: ${path}: not a tidegate JSON report (no verdict)")
    Map image = r.image instanceof Map ? r.image : [:]
    List tags = image.repoTags instanceof List ? image.repoTags : []
    return [
      status: v.status.toString(),
      exitCode: exitCode,
      counts: counts(v.counts),
      reasons: (v.reasons instanceof List ? v.reasons : []).collect { reason(it) },
      incomplete: v.incomplete == true,
      image: (tags ? tags[0] : image.reference ?: '').toString(),
      report: path,
    ]
  }

  /** Every severity, 0 where the report has none. */
  @NonCPS
  private static Map counts(def c) {
    Map out = [:]
    SEVERITIES.each { String s -> out[s] = c instanceof Map && c[s] instanceof Number ? c[s] as int : 0 }
    return out
  }

  @NonCPS
  private static String reason(def r) {
    return (r instanceof Map ? r.message : r).toString()
  }

  /**
   * Null when the exit code agrees with the report (0: pass or warn, 1: fail), else why not.
   * A disagreement means the report is not this scan's, and the step must not trust either.
   */
  @NonCPS
  static String disagreement(Map verdict) {
    boolean failed = verdict.status == 'fail'
    if ((verdict.exitCode == 1) == failed) return null
    String says = "the scan exited ${verdict.exitCode} but its report says ${verdict.status}"
    return "tidegate: error: ${says}: ${verdict.report} is not this scan's report".toString()
  }

  /** `tidegate: FAIL: 10 vulnerabilities at or above high (critical 3, high 7, …)`. */
  @NonCPS
  static String summary(Map verdict) {
    List<String> counts = SEVERITIES.findAll { verdict.counts[it] }.collect { "${it} ${verdict.counts[it]}" }
    String why = verdict.reasons ? ": ${verdict.reasons.join('; ')}" : ''
    String found = counts ? " (${counts.join(', ')})" : ''
    return "tidegate: ${verdict.status.toUpperCase()}${why}${found}".toString()
  }
}
