package harness

/**
 * A small test runner: named cases, run in order, reported one line each in TAP form
 * (`ok 3 - name`, `not ok 4 - name` and `# ` detail lines), closing with `N passed, N failed`.
 * test/e2e/jenkins.itest.ts turns every line into a Node test.
 */
class TestSuite {
  private final List<Map> cases = []
  private final List<Closure> cleanups = []

  void test(String name, Closure body) {
    cases << [name: name, body: body]
  }

  /** Runs after every case, pass or fail (stops servers, removes temporary files). */
  void afterAll(Closure c) {
    cleanups << c
  }

  /** Runs the cases whose name contains one of `filters` (all without filters); true when all pass. */
  boolean run(List<String> filters) {
    List<Map> chosen = cases.findAll { c -> !filters || filters.any { c.name.contains(it) } }
    int passed = 0
    int failed = 0
    println "1..${chosen.size()}"
    chosen.eachWithIndex { Map c, int i ->
      try {
        c.body()
        passed++
        println "ok ${i + 1} - ${c.name}"
      } catch (Throwable t) {
        failed++
        println "not ok ${i + 1} - ${c.name}"
        (t.toString().readLines().take(40) + stackOf(t)).each { println "# ${it}" }
      }
    }
    cleanups.each { it() }
    println "${passed} passed, ${failed} failed"
    return failed == 0 && chosen
  }

  private static List<String> stackOf(Throwable t) {
    return t.stackTrace.findAll { it.fileName?.endsWith('.groovy') && it.lineNumber > 0 }
      .take(6).collect { "  at ${it.fileName}:${it.lineNumber}".toString() }
  }
}
