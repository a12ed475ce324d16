def out = new File(basedir, 'target/generated-sources/retrospec/default-cli/com/example/cli')
assert new File(out, 'Pets.java').isFile()
assert new File(out, 'model/Pet.java').isFile()
assert new File(basedir, 'build.log').text.contains('Retrospec: Pets from pets.yaml: 3 files (1 types, 1 interfaces)')
return true
