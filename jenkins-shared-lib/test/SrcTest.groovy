import harness.TestSuite
import io.tidegate.CliEnv
import io.tidegate.ScanConfig
import io.tidegate.VerdictFile

/** The classes in src/io/tidegate, case by case (STYLE rule 19: tables of cases). */
class SrcTest {
  static void register(TestSuite t, File lib) {
    registerEnv(t)
    registerVerdictFile(t)
    registerConfig(t, lib)
  }

  static void registerEnv(TestSuite t) {
    List<Map> cases = [
      [name: 'only what is set, with the comment off outside pull requests', cfg: [image: 'a:1', outputDir: 'out'], token: false,
       want: ['TIDEGATE_IMAGE=a:1', 'TIDEGATE_OUTPUT_DIR=out', 'TIDEGATE_COMMENT=false']],
      [name: 'the DB parameters and a list of formats', cfg: [image: 'a', dbSource: 'http://m', maxDbAge: '2d', cacheDir: '/c', formats: ['json', ' sarif']], token: false,
       want: ['TIDEGATE_IMAGE=a', 'TIDEGATE_FORMAT=json,sarif', 'TIDEGATE_DB_SOURCE=http://m', 'TIDEGATE_MAX_DB_AGE=2d', 'TIDEGATE_CACHE_DIR=/c', 'TIDEGATE_COMMENT=false']],
      [name: 'a pull-request build names the token variable, never the token', cfg: [image: 'a', commentRequired: true, debug: false], token: true,
       want: ['TIDEGATE_IMAGE=a', 'TIDEGATE_COMMENT_REQUIRED=true', 'TIDEGATE_COMMENT=true', 'TIDEGATE_TOKEN_ENV=TIDEGATE_GITHUB_TOKEN']],
    ]
    cases.each { Map c ->
      t.test("CliEnv: ci: ${c.name}") {
        assert CliEnv.ci(c.cfg, c.token) == c.want
      }
    }
    t.test('CliEnv: install: the library source is a bundle; unset parameters set nothing') {
      assert CliEnv.install([version: '0.1.0', source: 'library']) == ['TIDEGATE_CLI_VERSION=0.1.0', 'TIDEGATE_CLI_SOURCE=bundle']
      assert CliEnv.install([version: '0.1.0', source: 'npm', npmIntegrity: 'sha512-x', installDir: '/d']) ==
        ['TIDEGATE_CLI_VERSION=0.1.0', 'TIDEGATE_CLI_DIR=/d', 'TIDEGATE_CLI_SOURCE=npm', 'TIDEGATE_CLI_NPM_INTEGRITY=sha512-x']
      assert CliEnv.envName('fail-on') == 'TIDEGATE_FAIL_ON'
    }
  }

  static void registerVerdictFile(TestSuite t) {
    t.test('VerdictFile: the CLI file becomes a plain Map, as it is') {
      String json = '{"schemaVersion":1,"status":"warn","exitCode":0,"line":"tidegate: WARN a: m","reference":"a","reasons":["m"],"reports":{},"comment":{"status":"off"},"ci":"jenkins"}'
      Map v = VerdictFile.parse(json, 'out/tidegate-verdict.json')
      assert v.getClass() == HashMap && v.status == 'warn' && v.line == 'tidegate: WARN a: m' && v.comment == [status: 'off']
    }
    [[name: 'not JSON', json: '{', want: ~/out\/v.json: not JSON: /],
     [name: 'another file', json: '{"schemaVersion":1,"status":"ok"}', want: ~/not a tidegate verdict file/],
     [name: 'an exit code the CLI never gives', json: '{"schemaVersion":1,"status":"pass","exitCode":3,"line":"x"}', want: ~/not a tidegate verdict file/]].each { Map c ->
      t.test("VerdictFile: ${c.name} is an error, never a pass") {
        try {
          VerdictFile.parse(c.json, 'out/v.json')
          assert false : 'parsed'
        } catch (IllegalArgumentException e) {
          assert e.message =~ c.want && e.message.startsWith('tidegate: error: ')
        }
      }
    }
  }

  static void registerConfig(TestSuite t, File lib) {
    List<Map> cases = [
      [name: 'a valid set', cfg: [image: 'a:1', apiUrl: 'https://x/api/v3'], want: []],
      [name: 'a string where a boolean goes', cfg: [image: 'a', junit: 'false'], want: ["junit must be true or false, not 'false'"]],
      [name: 'a number where a string goes', cfg: [image: 'a', failOn: 7], want: ['failOn must be a string, not Integer']],
      [name: 'a newline in a value', cfg: [image: 'a\nb'], want: ['image must be one line']],
      [name: 'an apiUrl that is no URL', cfg: [image: 'a', apiUrl: 'api.github.com'], want: ["apiUrl 'api.github.com' is not an http(s) URL"]],
      [name: 'a short SHA-256', cfg: [image: 'a', source: 'bundle', bundleUrl: 'u', bundleSha256: 'abc'], want: ['bundleSha256 must be 64 lowercase hex digits']],
      [name: 'an empty credentialsId', cfg: [image: 'a', credentialsId: ''], want: ['credentialsId must not be empty']],
      [name: 'a blank image', cfg: [image: '  '], want: ['image is required (for example docker-archive:app.tar or oci:build/oci:latest)']],
      [name: 'formats as a map', cfg: [image: 'a', formats: [json: true]], want: ['formats must be a list or a comma-separated string']],
      [name: 'an unknown source', cfg: [image: 'a', source: 'brew'], want: ["source 'brew' is not one of library, npm, bundle"]],
      [name: 'npm without its integrity pin', cfg: [image: 'a', source: 'npm'], want: ['source npm needs npmIntegrity (npm view @tidegate/cli@VERSION dist.integrity)']],
      [name: 'a bundle without its SHA-256 pin', cfg: [image: 'a', source: 'bundle', bundleUrl: 'u'], want: ['source bundle needs bundleUrl and bundleSha256']],
    ]
    Map defaults = [image: null, failOn: null, junit: true, apiUrl: null, bundleUrl: null, bundleSha256: null, credentialsId: null,
                    formats: null, outputDir: 'out', version: '1.2.3', source: 'library', npmIntegrity: null, cli: null]
    cases.each { Map c ->
      t.test("ScanConfig: ${c.name}") {
        assert ScanConfig.problems(c.cfg, defaults) == c.want
      }
    }

    t.test('every class in src/ is Serializable and its helpers are @NonCPS (they call no steps)') {
      new File(lib, 'src/io/tidegate').eachFileMatch(~/.*\.groovy/) { File f ->
        Class c = Class.forName("io.tidegate.${f.name - '.groovy'}", true, SrcTest.classLoader)
        assert Serializable.isAssignableFrom(c)
        List<String> fields = c.declaredFields*.name
        Closure accessor = { String n -> fields.any { it.equalsIgnoreCase(n.replaceFirst(/^(get|set|is)/, '')) } }
        c.declaredMethods.findAll { java.lang.reflect.Modifier.isStatic(it.modifiers) && !it.synthetic && !it.name.contains('$') && !accessor(it.name) }.each { m ->
          assert m.getAnnotation(com.cloudbees.groovy.cps.NonCPS) : "${c.simpleName}.${m.name} is not @NonCPS"
        }
      }
    }
  }
}
