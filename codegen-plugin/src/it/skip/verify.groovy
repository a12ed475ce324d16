assert !new File(basedir, 'target/generated-sources/retrospec').exists()
assert new File(basedir, 'build.log').text.contains('Retrospec: skipped (retrospec.skip)')
return true
