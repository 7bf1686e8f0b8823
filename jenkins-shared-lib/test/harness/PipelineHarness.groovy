package harness

import hudson.AbortException

/**
 * Runs a step from vars/ as Jenkins would call it, with the pipeline steps it uses bound as
 * recording closures (STYLE rule 26; pipeline-library's BaseTest does the same with
 * JenkinsPipelineUnit, which Debian does not package). Every call is recorded with the
 * environment it ran in, and everything that would reach the console goes to `log`, unmasked,
 * so a test can prove a secret never got there. `sh` runs the script for real (ProcessBuilder,
 * `sh -xe` as Jenkins does) unless a test installs `shHandler` to answer it.
 */
class PipelineHarness {
  final File libDir
  final File workspace
  /** The build's environment: what `env.X` reads, withEnv changes and `sh` runs with. */
  final Map<String, String> env = [:]
  /** Every step call: `[step: 'sh', args: [...], env: [...]]`, in order. */
  final List<Map> calls = []
  /** The console: echo, sh output, warnings and errors. */
  final List<String> log = []
  /** Credentials by id, for withCredentials. */
  final Map<String, String> credentials = [:]
  final FakeBuild currentBuild = new FakeBuild()
  /** Answers `sh` instead of running it: `{ Map args, Map env -> [status: 0, stdout: '', stderr: ''] }`. */
  Closure shHandler

  PipelineHarness(File libDir, File workspace) {
    this.libDir = libDir
    this.workspace = workspace
    env.PATH = System.getenv('PATH') ?: '/usr/bin:/bin'
    env.HOME = System.getenv('HOME') ?: '/root'
    env.WORKSPACE = workspace.path
    env.BUILD_NUMBER = '1'
    env.JOB_NAME = 'app/main'
    env.JENKINS_URL = 'http://jenkins.test/'
    env.WORKSPACE_TMP = "${workspace.path}@tmp".toString()
  }

  /** Calls `vars/<name>.groovy`'s `call(cfg)` and returns what it returns. */
  def run(String name, Map cfg) {
    Binding binding = new Binding()
    bindSteps(binding)
    GroovyClassLoader loader = new GroovyClassLoader(getClass().classLoader)
    loader.addClasspath(new File(libDir, 'src').path)
    Script step = new GroovyShell(loader, binding).parse(new File(libDir, "vars/${name}.groovy"))
    return step.invokeMethod('call', [cfg] as Object[])
  }

  /** The calls of one step. */
  List<Map> callsOf(String step) {
    return calls.findAll { it.step == step }
  }

  /** Every string the build recorded: log lines, step arguments and withEnv lists (not sh's environment). */
  String everythingRecorded() {
    List<String> parts = new ArrayList<>(log)
    calls.each { parts << it.args.toString() }
    return parts.join('\n')
  }

  private void record(String step, Map args) {
    calls << [step: step, args: args, env: new LinkedHashMap(env)]
  }

  private File file(String path) {
    return path.startsWith('/') ? new File(path) : new File(workspace, path)
  }

  private void bindSteps(Binding b) {
    b.env = env
    b.currentBuild = currentBuild
    b.echo = { String m ->
      record('echo', [message: m])
      log << m.toString()
    }
    b.error = { String m ->
      record('error', [message: m.toString()])
      log << "ERROR: ${m}".toString()
      throw new AbortException(m.toString())
    }
    b.unstable = { String m ->
      record('unstable', [message: m.toString()])
      currentBuild.result = 'UNSTABLE'
      log << "WARNING: ${m}".toString()
    }
    b.libraryResource = { p ->
      Map a = p instanceof Map ? p : [resource: p]
      record('libraryResource', a)
      File f = new File(libDir, "resources/${a.resource}")
      if (!f.exists()) throw new AbortException("No such library resource ${a.resource} could be found.")
      a.encoding == 'Base64' ? f.bytes.encodeBase64().toString() : f.getText('UTF-8')
    }
    b.fileExists = { String p ->
      record('fileExists', [file: p])
      file(p).exists()
    }
    b.readFile = { p ->
      String f = p instanceof Map ? p.file : p
      record('readFile', [file: f])
      readExisting(f)
    }
    b.writeFile = { Map a ->
      record('writeFile', [file: a.file, encoding: a.encoding, length: a.text.toString().length()])
      file(a.file).parentFile.mkdirs()
      if (a.encoding == 'Base64') file(a.file).bytes = a.text.toString().decodeBase64()
      else file(a.file).setText(a.text.toString(), 'UTF-8')
    }
    b.archiveArtifacts = { Map a -> record('archiveArtifacts', a + [matched: matching(a.artifacts.toString())]) }
    b.junit = { Map a -> record('junit', a) }
    b.string = { Map a -> [$class: 'StringBinding'] + a }
    b.withEnv = { List vars, Closure body -> withEnv(vars, body) }
    b.withCredentials = { List bindings, Closure body -> withCredentials(bindings, body) }
    b.sh = { args -> sh(args instanceof Map ? args : [script: args]) }
  }

  private String readExisting(String f) {
    if (!file(f).exists()) throw new java.nio.file.NoSuchFileException(file(f).path)
    return file(f).text
  }

  /** Workspace files an archiveArtifacts pattern `DIR/**` matches. */
  private List<String> matching(String pattern) {
    File dir = file(pattern.replaceAll(/\/\*\*$/, ''))
    List<String> out = []
    if (!dir.isDirectory()) return out
    dir.eachFileRecurse(groovy.io.FileType.FILES) { out << workspace.toPath().relativize(it.toPath()).toString() }
    return out.sort()
  }

  /** Jenkins' withEnv: `K=V` overrides, `K=` removes (EnvVars.override), both undone afterwards. */
  private def withEnv(List vars, Closure body) {
    record('withEnv', [vars: vars.collect { it.toString() }])
    Map<String, String> saved = new LinkedHashMap(env)
    vars.each { kv ->
      String s = kv.toString()
      int i = s.indexOf('=')
      if (i < 1) throw new IllegalArgumentException("withEnv entry without '=': ${s}")
      if (s.substring(i + 1)) env[s.substring(0, i)] = s.substring(i + 1)
      else env.remove(s.substring(0, i))
    }
    try {
      return body()
    } finally {
      env.clear()
      env.putAll(saved)
    }
  }

  private def withCredentials(List bindings, Closure body) {
    record('withCredentials', [bindings: bindings.collect { new LinkedHashMap(it) }])
    Map<String, String> saved = new LinkedHashMap(env)
    bindings.each { Map bnd ->
      String secret = credentials[bnd.credentialsId]
      if (secret == null)
        throw new AbortException("Could not find credentials entry with ID '${bnd.credentialsId}'")
      env[bnd.variable] = secret
    }
    try {
      return body()
    } finally {
      env.clear()
      env.putAll(saved)
    }
  }

  /** Jenkins' sh: the stdout (returnStdout), the exit code (returnStatus), or AbortException on non-zero. */
  private def sh(Map args) {
    Map a = [
      script: args.script.toString(),
      returnStatus: args.returnStatus == true,
      returnStdout: args.returnStdout == true,
    ]
    record('sh', a)
    Map r = shHandler ? shHandler(a, new LinkedHashMap(env)) : realSh(a.script)
    String stdout = r.stdout ?: ''
    if (r.stderr) log << r.stderr.toString()
    if (!a.returnStdout && stdout) log << stdout
    int status = r.status ?: 0
    if (a.returnStatus) return status
    if (status != 0) throw new AbortException("script returned exit code ${status}")
    return a.returnStdout ? stdout : null
  }

  /** Runs the script as Jenkins' durable-task does: by its #! line, else `sh -xe`, in the workspace. */
  Map realSh(String script) {
    File tmp = new File(workspace.parentFile, "${workspace.name}@tmp")
    tmp.mkdirs()
    File f = File.createTempFile('script', '.sh', tmp)
    f.text = script
    f.setExecutable(true)
    List<String> cmd = script.startsWith('#!') ? [f.path] : ['sh', '-xe', f.path]
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workspace)
    pb.environment().clear()
    pb.environment().putAll(env)
    Process p = pb.start()
    StringBuilder out = new StringBuilder()
    StringBuilder err = new StringBuilder()
    p.outputStream.close()
    p.waitForProcessOutput(out, err)
    f.delete()
    return [status: p.exitValue(), stdout: out.toString(), stderr: err.toString()]
  }
}

/** currentBuild: like Jenkins, a result can only get worse. */
class FakeBuild {
  static final List<String> ORDER = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']
  String result

  void setResult(String r) {
    if (!ORDER.contains(r)) throw new IllegalArgumentException("not a build result: ${r}")
    if (result == null || ORDER.indexOf(r) > ORDER.indexOf(result)) result = r
  }

  String getCurrentResult() {
    return result ?: 'SUCCESS'
  }
}
