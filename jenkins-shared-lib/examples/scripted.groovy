// A scripted pipeline (a Jenkinsfile): scan an OCI layout the build wrote, stop at once when the
// image fails the policy, and report the counts.
//
// Needs: the library configured as a Global Pipeline Library named "tidegate", an agent with
// Node.js 20, and a "secret text" credential "github-token" for pull-request comments.
@Library('tidegate@v1') _

node('linux') {
  stage('Build') {
    checkout scm
    sh './build-image.sh --output build/oci'
  }
  stage('Scan') {
    // GitHub Enterprise Server: the API URL comes from CHANGE_URL's host (https://HOST/api/v3),
    // or set apiUrl
    def verdict = tidegateScan(
      image: 'oci:build/oci:latest',
      // the agent's cached DB, updated for the image's ecosystems from an internal OSV mirror
      dbSource: 'https://osv-mirror.internal.example.com',
      maxDbAge: '2d',
      // json, junit and markdown are always written: the Tests tab shows why a build failed
      formats: ['table', 'sarif'],
      credentialsId: 'github-token',
      commentMode: 'on-change',
      stopOnFail: true,
    )
    def vulns = verdict.counts.vulnerability
    echo "tidegate ${verdict.status}: ${vulns.critical} critical, ${vulns.high} high vulnerabilities"
  }
}
