// Runs the Jenkins shared library's tests under plain Groovy 2.4 (Debian's groovy, the line
// Jenkins embeds): groovy jenkins-shared-lib/test/run.groovy [NAME-FILTER...]
// The repository must be built first (npm run build): some cases run the built CLI for real.
// test/e2e/jenkins.itest.ts runs this file as part of `npm test`.
File testDir = new File(getClass().protectionDomain.codeSource.location.toURI()).parentFile
File libDir = testDir.parentFile
GroovyClassLoader loader = new GroovyClassLoader(getClass().classLoader)
[testDir, new File(testDir, 'stubs'), new File(libDir, 'src')].each { loader.addClasspath(it.path) }

def suite = loader.loadClass('harness.TestSuite').newInstance()
['SrcTest', 'TidegateScanStepTest', 'TidegateScanRealTest'].each { String name ->
  loader.loadClass(name).register(suite, libDir)
}
System.exit(suite.run(args as List) ? 0 : 1)
