import java.time.LocalDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter

def log = new File(basedir, 'build.log').text
// The log reports the number of sources actually written (models, interfaces, client, JSON adapters, package-info).
def sources = { File dir -> def n = 0; dir.eachFileRecurse { if (it.name.endsWith('.java')) n++ }; n }
def n = sources(new File(basedir, 'target/generated-sources/retrospec/api'))
assert log.contains("Retrospec: Shop from api.yaml: ${n} files (2 types, 2 interfaces)")
assert log.contains('Retrospec: target/generated-sources/retrospec/api is up to date with api.yaml (2 description'
    + ' files, configuration and generator unchanged): nothing written')

// The first timestamped line is the start of build 2; every file of build 1 must be older.
def first = log.readLines().find { it ==~ /^\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\.\d{3} .*/ }
assert first != null : 'build 2 logs with timestamps'
long build2Start = LocalDateTime.parse(first.substring(0, 23), DateTimeFormatter.ofPattern('yyyy-MM-dd_HH:mm:ss.SSS'))
    .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli()
def generated = new File(basedir, 'target/generated-sources/retrospec')
def files = []
generated.eachFileRecurse { if (it.isFile()) files << it }
assert files.size() == n + 1 // the sources and the stamp
files.each { assert it.lastModified() < build2Start : "$it was written by the second build" }
return true
