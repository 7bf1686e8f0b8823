package io.tidegate

import com.cloudbees.groovy.cps.NonCPS

/**
 * The pull request a multibranch build is for, from the variables the GitHub Branch Source
 * plugin sets: CHANGE_ID (the number), CHANGE_URL (https://HOST/OWNER/REPO/pull/N) and
 * CHANGE_TARGET (the base branch).
 */
class PullRequest implements Serializable {
  private static final long serialVersionUID = 1L

  static final String PULL_URL = /^(https?):\/\/([^\/\s]+)\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)\/?$/

  /**
   * Null for a branch or tag build (no CHANGE_ID). `[skip: why]` for a change that is not a
   * GitHub pull request (a GitLab merge request, a Bitbucket one). Otherwise
   * `[number, repo, apiUrl, target]`, where apiUrl is `apiUrl` when given, else
   * https://api.github.com for github.com and SCHEME://HOST/api/v3 for GitHub Enterprise Server.
   */
  @NonCPS
  static Map fromEnv(String changeId, String changeUrl, String changeTarget, String apiUrl) {
    if (!changeId) return null
    if (!(changeId ==~ /^[1-9]\d*$/))
      return [skip: "CHANGE_ID '${changeId}' is not a pull request number".toString()]
    def m = (changeUrl ?: '') =~ PULL_URL
    if (!m.matches())
      return [skip: "CHANGE_URL '${changeUrl ?: ''}' is not a GitHub pull request URL".toString()]
    String scheme = m.group(1)
    String host = m.group(2)
    boolean dotcom = host.equalsIgnoreCase('github.com')
    String derived = dotcom ? 'https://api.github.com' : "${scheme}://${host}/api/v3"
    String api = apiUrl ?: derived
    return [
      number: changeId as int,
      repo: "${m.group(3)}/${m.group(4)}".toString(),
      apiUrl: api.toString().replaceAll(/\/+$/, ''),
      target: changeTarget ?: '',
    ]
  }
}
