def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Retrospec: good.yaml is valid: 1 types, 1 interfaces, 1 operations')
assert log.contains('[INFO] Retrospec: Shop: 1 operation in 1 interface; 1 record, 0 unions, 0 enums; no warnings')
assert log.contains("[ERROR] broken.yaml:9:7: error: #/paths/~1a/get/parameters: '[q].in' is not of type `[query|header|path|cookie]` (swagger-parser)")
assert log.contains("[ERROR] broken.yaml:17:15: error: #/paths/~1a/get/responses/200/content/application~1json/schema: \$ref '#/components/schemas/A' does not resolve: no schema 'A' in components.schemas")
assert log.contains('invalid OpenAPI descriptions:')
assert log.contains('broken.yaml: 2 errors')
return true
