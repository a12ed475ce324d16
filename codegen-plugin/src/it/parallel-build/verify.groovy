for (m in ['alpha', 'beta', 'gamma']) {
  assert new File(basedir, "$m/target/classes/com/example/$m/Billing.class").isFile()
  assert new File(basedir, "$m/target/classes/com/example/$m/model/BillingItem.class").isFile()
}
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
assert log.count('Retrospec: Billing from') == 3
return true
