def out = new File(basedir, 'client/target/generated-sources/retrospec/pets/com/example/pets')
assert new File(out, 'model/Pet.java').isFile()
assert new File(out, 'model/PetKind.java').isFile()
assert new File(basedir, 'client/target/classes/com/example/client/Use.class').isFile()
def log = new File(basedir, 'build.log').text
// The log reports the number of sources actually written (models, interfaces, client, JSON adapters, package-info).
def sources = { File dir -> def n = 0; dir.eachFileRecurse { if (it.name.endsWith('.java')) n++ }; n }
def n = sources(new File(basedir, 'client/target/generated-sources/retrospec/pets'))
assert n > 4
assert log.contains("Retrospec: PetStore from classpath:petstore/pets.yaml: ${n} files (2 types, 1 interfaces)")
return true
