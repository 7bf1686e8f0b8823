package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * A pull-request comment body for a CLI without the markdown report format (it renders the
 * body itself once it has one; the step then passes no body). The table report goes into a
 * <pre> block with &, < and > escaped, so no package name can break out of it or inject
 * Markdown. The comment itself is still created and updated by `tidegate comment`, the one
 * sticky-comment implementation (STYLE rule 40).
 */
class CommentBody implements Serializable {
  private static final long serialVersionUID = 1L

  /** Room for the table: under GitHub's 65,536-character limit with the heading and marker. */
  static final int TABLE_LIMIT = 60000

  @NonCPS
  static String escapeHtml(String s) {
    return (s ?: '').replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
  }

  /**
   * `### tidegate: FAIL`, then the table report in a <pre> block (it ends with the verdict and its
   * reasons), cut at a line when too long (the reasons kept); without a table, the reasons in the
   * <pre> block.
   */
  @NonCPS
  static String fallback(Map verdict, String table) {
    String text = table ?: (verdict.reasons ?: ['no reasons given']).join('\n')
    String t = escapeHtml(text)
    if (t.length() > TABLE_LIMIT) {
      // the table ends with the verdict line: keep the reasons when the cut drops it
      String reasons = escapeHtml(verdict.reasons.join('\n'))
      t = t.substring(0, t.lastIndexOf('\n', TABLE_LIMIT) + 1) + '…\n' + reasons
    }
    if (!t.endsWith('\n')) t += '\n'
    String note = table ? '' : '\nThe full reports are in the build artifacts.\n'
    return "### tidegate: ${verdict.status.toUpperCase()}\n\n<pre>\n${t}</pre>\n${note}".toString()
  }
}
