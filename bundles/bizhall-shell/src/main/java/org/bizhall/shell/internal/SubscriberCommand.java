package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;

/** {@code hall:subscriber}: a number's status, package and account; the holder masked. */
@Service
@Command(scope = "hall", name = "subscriber", description = "Shows a subscriber: status, package, account and balance")
public class SubscriberCommand extends HallAction {
    @Argument(index = 0, name = "msisdn", required = true, description = "The mobile number")
    String msisdn;

    @Reference(optional = true)
    SubscriberService subscribers;

    @Reference(optional = true)
    AccountService accounts;

    @Reference(optional = true)
    ProductCatalog catalog;

    @Override
    protected void run(PrintStream out) {
        Msisdn number = Msisdn.parse(msisdn == null ? null : msisdn.trim(), "msisdn");
        Subscriber subscriber = require(subscribers, "the subscriber service").find(number)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber with number " + number));
        print(subscriber, require(accounts, "the account service").find(subscriber.accountId()), productName(subscriber.packageCode()), out);
    }

    private Optional<String> productName(String code) {
        if (catalog == null || code == null) {
            return Optional.empty();
        }
        return catalog.find(code).map(Product::name);
    }

    static void print(Subscriber subscriber, Optional<Account> account, Optional<String> packageName, PrintStream out) {
        Customer holder = subscriber.holder() == null ? null : subscriber.holder().masked();
        out.println("Number      " + subscriber.msisdn());
        out.println("Status      " + subscriber.status() + " since " + Format.time(subscriber.statusSince()));
        if (subscriber.cancellableFrom() != null) {
            // a pending cancellation: the first business date the formal cancellation may be done
            out.println("Cancellable " + subscriber.cancellableFrom());
        }
        out.println("Province    " + subscriber.province() + "   hall " + Format.text(subscriber.hall()));
        out.println("Holder      " + (holder == null ? "-"
                : Format.text(holder.name()) + " (" + holder.type() + ", " + holder.idType() + " " + holder.idNumber() + ")"));
        out.println("Package     " + Format.text(subscriber.packageCode()) + packageName.map(n -> " " + n).orElse(""));
        out.println("Features    " + Format.list(subscriber.features()));
        out.println("Categories  " + Format.list(subscriber.categories().stream().sorted().toList()));
        out.println("Account     " + subscriber.accountId() + account.map(a -> " " + a.type()).orElse(" (not found)"));
        account.ifPresent(a -> out.println("Balance     " + Format.money(a.balanceFen())));
        out.println("Password    " + (subscriber.servicePasswordSet() ? "set" : "not set"));
        out.println("Opened      " + Format.time(subscriber.openedAt()));
    }
}
