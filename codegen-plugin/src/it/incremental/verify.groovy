def out = new File(basedir, 'target/generated-sources/retrospec/api/com/example/shop')
def log = new File(basedir, 'build.log').text

// Build 1 generated, build 2 wrote nothing, build 3 regenerated because the description changed.
assert log.contains('Retrospec: Shop from api.yaml: 5 files (2 types, 2 interfaces) in target/generated-sources/retrospec/api')
assert log.contains('(no earlier generation recorded)')
assert log.contains('Retrospec: target/generated-sources/retrospec/api is up to date with api.yaml (2 description files, configuration and generator unchanged): nothing written')
assert log.contains('Retrospec: Shop from api.yaml: 3 files (1 types, 1 interfaces)')
assert log.contains('(the description or a file it references changed)')

// The schema and the tag that disappeared took their sources with them.
assert new File(out, 'model/Order.java').isFile()
assert !new File(out, 'model/Coupon.java').exists()
assert !new File(out, 'api/CouponsApi.java').exists()
assert new File(basedir, 'target/generated-sources/retrospec/.api.retrospec-stamp').isFile()
return true
