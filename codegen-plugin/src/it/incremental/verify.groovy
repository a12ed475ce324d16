def out = new File(basedir, 'target/generated-sources/retrospec/api/com/example/shop')
def log = new File(basedir, 'build.log').text

// Build 1 generated, build 2 wrote nothing, build 3 regenerated because the description changed.
// The log reports the number of sources actually written (models, interfaces, client, JSON adapters, package-info).
def sources = { File dir -> def n = 0; dir.eachFileRecurse { if (it.name.endsWith('.java')) n++ }; n }
def first = (log =~ /Retrospec: Shop from api\.yaml: (\d+) files \(2 types, 2 interfaces\) in target\/generated-sources\/retrospec\/api/)
assert first.find()
def n = sources(new File(basedir, 'target/generated-sources/retrospec/api'))
assert first.group(1).toInteger() > n // the second schema and tag had sources of their own
assert log.contains('(no earlier generation recorded)')
assert log.contains('Retrospec: target/generated-sources/retrospec/api is up to date with api.yaml (2 description files, configuration and generator unchanged): nothing written')
assert log.contains("Retrospec: Shop from api.yaml: ${n} files (1 types, 1 interfaces)")
assert log.contains('(the description or a file it references changed)')

// The schema and the tag that disappeared took their sources with them.
assert new File(out, 'model/Order.java').isFile()
assert !new File(out, 'model/Coupon.java').exists()
assert !new File(out, 'api/CouponsApi.java').exists()
assert new File(basedir, 'target/generated-sources/retrospec/.api.retrospec-stamp').isFile()
return true
