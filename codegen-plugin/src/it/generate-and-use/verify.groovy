def out = new File(basedir, 'target/generated-sources/retrospec/default/com/example/pets')
assert new File(out, 'Pets.java').isFile()
assert new File(out, 'api/PetsApi.java').isFile()
assert new File(out, 'model/Pet.java').isFile()

def log = new File(basedir, 'build.log').text
// The log reports the number of sources actually written (models, interfaces, client, JSON adapters, package-info).
def sources = { File dir -> def n = 0; dir.eachFileRecurse { if (it.name.endsWith('.java')) n++ }; n }
def n = sources(new File(basedir, 'target/generated-sources/retrospec/default'))
assert n > 3
assert log.contains("Retrospec: Pets from src/main/openapi/pets.yaml: ${n} files (1 types, 1 interfaces)")
// what it produced, in one line: generate and validate say the same
assert log.contains('[INFO] Retrospec: Pets: 1 operation in 1 interface; 1 record, 0 unions, 0 enums; no warnings')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
return true
