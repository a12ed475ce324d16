// The first build generated the client; the two broken descriptions that followed must not have touched it.
def order = new File(basedir, 'target/generated-sources/retrospec/default/com/example/shop/model/Order.java')
assert order.isFile()
assert order.text.contains('public record Order(@Nullable String id)')
def leftovers = new File(basedir, 'target/generated-sources/retrospec').list()
    .findAll { it.contains('.staging-') || it.contains('.old-') }
assert leftovers.isEmpty() : "staging or backup directories left behind: $leftovers"

def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] broken-yaml.yaml:9:17: error: YAML syntax error: mapping values are not allowed here")
assert log.contains("[ERROR] missing-ref.yaml:14:15: error: #/paths/~1orders/get/responses/200/content/application~1json/schema: \$ref '#/components/schemas/Orders' does not resolve: no schema 'Orders' in components.schemas")
assert log.count('BUILD FAILURE') == 2
return true
