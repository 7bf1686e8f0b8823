package io.tidegate

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Reads tidegate-verdict.json, which `tidegate ci` writes whatever happened, into the plain Map
 * the step returns. Nothing is worked out here: the verdict line, the counts and the comment's
 * outcome are the CLI's (core's publish/verdict-file.ts). JsonSlurperClassic, not JsonSlurper: its
 * maps are plain HashMaps, which the CPS engine can serialize between steps, and it runs @NonCPS.
 */
class VerdictFile implements Serializable {
  private static final long serialVersionUID = 1L

  static final List<String> STATUSES = ['pass', 'warn', 'fail', 'error']

  /**
   * The verdict file `json` (read from `path`) as a Map: status, exitCode, line, reference, image,
   * reasons, counts (per kind and severity), reports, comment, ci. Throws
   * IllegalArgumentException with a one-line message for anything else, so an unreadable file is
   * an error, never a pass.
   */
  @NonCPS
  static Map parse(String json, String path) {
    def v
    try {
      v = new JsonSlurperClassic().parseText(json)
    } catch (Exception e) {
      throw new IllegalArgumentException("tidegate: error: ${path}: not JSON: ${e.message?.readLines()?.first()}".toString())
    }
    if (!(v instanceof Map) || v.schemaVersion != 1 || !STATUSES.contains(v.status) || !(v.exitCode in [0, 1, 2]) || !(v.line instanceof String))
      throw new IllegalArgumentException("tidegate: error: ${path}: not a tidegate verdict file".toString())
    return v as Map
  }
}
