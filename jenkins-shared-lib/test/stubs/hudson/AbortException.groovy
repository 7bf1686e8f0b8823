package hudson

/**
 * Stand-in for Jenkins core's hudson.AbortException: what `error` and a failed `sh` throw. The
 * harness throws it where Jenkins does, so the step's catch blocks run as they would there.
 */
class AbortException extends IOException {
  AbortException(String message) {
    super(message)
  }
}
