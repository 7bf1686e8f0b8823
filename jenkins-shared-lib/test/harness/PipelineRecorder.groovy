package harness

/**
 * Runs a whole Jenkinsfile (declarative or scripted) without Jenkins, to check the examples:
 * every pipeline directive and step is recorded and its closure run, and tidegateScan calls are
 * collected with their parameters and answered with `verdict`. It checks that an example is
 * valid Groovy 2.4 and how it calls the step, not what Jenkins would do with the rest.
 */
class PipelineRecorder {
  final List<String> steps = []
  final List<Map> scans = []
  Map verdict = [status: 'pass', exitCode: 0, line: 'tidegate: PASS app:1', counts: [vulnerability: [critical: 0, high: 0]], reasons: []]

  def tidegateScan(Map cfg) {
    scans << cfg
    return verdict
  }

  def methodMissing(String name, def args) {
    steps << name
    Object[] a = args as Object[]
    if (a && a[-1] instanceof Closure) {
      Closure body = (Closure) a[-1]
      body.delegate = this
      body.resolveStrategy = Closure.DELEGATE_FIRST
      body()
    }
    return null
  }

  def propertyMissing(String name) {
    return null
  }

  /** Compiles and runs `file` with `pipeline` and `node` handed to this recorder. */
  void run(File file) {
    def imports = new org.codehaus.groovy.control.customizers.ImportCustomizer()
    imports.addImports('org.jenkinsci.plugins.workflow.libs.Library')
    def config = new org.codehaus.groovy.control.CompilerConfiguration()
    config.addCompilationCustomizers(imports)
    Binding binding = new Binding()
    ['pipeline', 'node'].each { String top ->
      binding.setVariable(top, { Object[] args -> methodMissing(top, args) })
    }
    new GroovyShell(getClass().classLoader, binding, config).parse(file).run()
  }
}
