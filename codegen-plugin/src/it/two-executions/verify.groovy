def out = new File(basedir, 'target/generated-sources/retrospec')
assert new File(out, 'billing/com/example/billing/model/BillingItem.java').isFile()
assert new File(out, 'shipping/com/example/shipping/model/ShippingItem.java').isFile()
assert !new File(out, 'billing/com/example/shipping').exists()
assert new File(basedir, 'target/classes/com/example/Both.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('Retrospec: Billing from billing.yaml')
assert log.contains('Retrospec: Shipping from shipping.yaml')
return true
