def out = new File(basedir, 'target/generated-sources/retrospec/default-cli/com/example/cli')
assert new File(out, 'Pets.java').isFile()
assert new File(out, 'model/Pet.java').isFile()
// The log reports the number of sources actually written (models, interfaces, client, JSON adapters, package-info).
def sources = { File dir -> def n = 0; dir.eachFileRecurse { if (it.name.endsWith('.java')) n++ }; n }
def n = sources(new File(basedir, 'target/generated-sources/retrospec/default-cli'))
assert n > 3
assert new File(basedir, 'build.log').text.contains("Retrospec: Pets from pets.yaml: ${n} files (1 types, 1 interfaces)")
return true
