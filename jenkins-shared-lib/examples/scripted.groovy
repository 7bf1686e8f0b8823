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
      db: 'osv/advisories.zip',
      // json is always added, and junit while junit: true (the default), for the Tests tab
      formats: ['table', 'sarif'],
      credentialsId: 'github-token',
      commentMode: 'on-change',
      stopOnFail: true,
    )
    echo "tidegate ${verdict.status}: ${verdict.counts.critical} critical, ${verdict.counts.high} high"
  }
}
