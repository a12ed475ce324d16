def out = new File(basedir, 'client/target/generated-sources/retrospec/pets/com/example/pets')
assert new File(out, 'model/Pet.java').isFile()
assert new File(out, 'model/PetKind.java').isFile()
assert new File(basedir, 'client/target/classes/com/example/client/Use.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('Retrospec: PetStore from classpath:petstore/pets.yaml: 4 files (2 types, 1 interfaces)')
return true
