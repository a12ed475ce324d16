def out = new File(basedir, 'target/generated-sources/retrospec/billing/com/example/billing')
assert !new File(out, 'model/Money.java').exists()
def invoice = new File(out, 'model/Invoice.java').text
assert invoice.contains('import java.time.Instant;')
assert invoice.contains('import com.example.money.Money;')
assert new File(out, 'api/InvoicesApi.java').text.contains('CompletableFuture<Invoice> getInvoice(')
assert new File(basedir, 'build.log').text.contains('Tests run: 1, Failures: 0, Errors: 0')
return true
