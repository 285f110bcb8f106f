package org.bizhall.procedure.products.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberCommitments;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 产品变更, package change (rulebook §10, seed 003 part 3). Quote checks the common rules, the new package (a catalogue
 * code) and the three contract facts that forbid a change (an agreement-number package, a package bound to a
 * subsidised phone, an unfinished prepaid promotion, each its own refusal), and states to the customer the three
 * points the seed has told before accepting. The change is free. Execute leaves the order {@code SCHEDULED} for the
 * first day of the next month, 00:00 business time; when the scheduler reaches that date the rules are checked once
 * more (a commitment taken on meanwhile, a number cancelled meanwhile, another change carried out first: each
 * refuses the order, which ends {@code REJECTED}) and the package is changed.
 * Cancelling the order before then takes nothing back: nothing was changed.
 */
@ProcedureProvider(procedure = PackageChange.ID)
@Component(service = Procedure.class)
public class PackageChange extends KitProcedure {
    static final String ID = "package-change";
    static final String PACKAGE = "package";
    static final List<String> PARAMS = List.of(PACKAGE);
    /** The time zone of business dates (as account opening's first-month rent): the month turns at 00:00 there. */
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    static final String GIFTS_STOP = "原套餐的赠送优惠自变更生效起停止。 The gifts and discounts of the old package stop when the change takes effect.";
    static final String NEXT_MONTH = "新套餐自下月1日起生效，本月仍按原套餐计费。 The new package takes effect on the 1st of next month; this month is billed on the old one.";
    static final String NOT_CHANGEABLE = "协议号码套餐、购机绑定套餐及未到期的预存话费优惠不能变更。 Agreement-number packages, packages bound to a subsidised phone and unfinished prepaid promotions cannot be changed.";

    private final SubscriberService subscribers;
    private final ProductCatalog catalog;
    private final AuditLog audit;

    @Activate
    public PackageChange(@Reference SubscriberService subscribers, @Reference ProductCatalog catalog,
            @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = ProductRules.admit(order, subscribers);
        Product product = changeable(order, subscriber);
        LocalDate effective = effectiveFrom(order.now());
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.PACKAGE_BEFORE, subscriber.packageCode());
        result.put(ResultKeys.PACKAGE, product.code());
        result.put(ResultKeys.PACKAGE_NAME, product.name());
        result.put(ResultKeys.MONTHLY_RENT_FEN, product.monthlyRentFen());
        result.put(ResultKeys.EFFECTIVE_FROM, effective.toString());
        result.put(ResultKeys.OLD_PACKAGE_GIFTS_STOP, true);
        result.put(ResultKeys.NOTICE, List.of(NOT_CHANGEABLE, GIFTS_STOP, NEXT_MONTH));
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = ProductRules.admit(order, subscribers);
        Product product = changeable(order, subscriber);
        LocalDate effective = effectiveFrom(order.now());
        order.result().put(ResultKeys.EFFECTIVE_FROM, effective.toString());
        audit.record(order.caller().user(), "PACKAGE_CHANGE_SCHEDULED", order.orderId(), subscriber.msisdn(), null,
                subscriber.packageCode() + " -> " + product.code() + " from " + effective);
        return StepOutcome.scheduled(effective.atStartOfDay(BUSINESS_ZONE).toOffsetDateTime(),
                "the new package " + product.code() + " takes effect on " + effective);
    }

    @Override
    public StepOutcome dateReached(OrderContext order) {
        // A month may have passed since the order was taken: decide on the number as it is now, not as it was.
        Subscriber subscriber;
        Product product;
        try {
            subscriber = ProductRules.admit(order, subscribers);
            product = changeable(order, subscriber);
            requireSamePackageAsQuoted(order, subscriber);
        } catch (ProblemException refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            order.result().put(ResultKeys.REFUSED, refused.code());
            return StepOutcome.rejected(refused.code() + ": " + refused.detail());
        }
        Subscriber changed = subscribers.changePackage(new Msisdn(subscriber.msisdn()), product.code(), order.orderId());
        Map<String, Object> result = order.result();
        result.put(ResultKeys.PACKAGE_BEFORE, subscriber.packageCode());
        result.put(ResultKeys.PACKAGE, changed.packageCode());
        result.put(ResultKeys.CHANGED_AT, order.now().toString());
        return StepOutcome.completed();
    }

    /**
     * The package asked for, once the number may change to it: known to the catalogue (422 {@code PACKAGE_UNKNOWN}),
     * not the one it has (422 {@code PACKAGE_UNCHANGED}), and no commitment binds the present one (rulebook §10).
     */
    private Product changeable(OrderContext order, Subscriber subscriber) {
        String code = order.params().requiredText(PACKAGE);
        Product product = catalog.find(code).orElseThrow(() -> ProblemException.rule("PACKAGE_UNKNOWN",
                "no package " + code + " in the catalogue (GET /products)", "params." + PACKAGE));
        requireNoCommitment(subscriber);
        if (product.code().equals(subscriber.packageCode())) {
            throw ProblemException.rule("PACKAGE_UNCHANGED", "the number is already on " + code,
                    "params." + PACKAGE);
        }
        return product;
    }

    /**
     * Another change carried out while this one waited (two changes asked for the same turn): this one no longer
     * changes what the customer was told it would, so it is refused rather than applied on top.
     */
    private static void requireSamePackageAsQuoted(OrderContext order, Subscriber subscriber) {
        Object quoted = order.result().get(ResultKeys.PACKAGE_BEFORE);
        if (quoted != null && !quoted.equals(subscriber.packageCode())) {
            throw ProblemException.conflict("PACKAGE_CHANGED_MEANWHILE", "the number's package changed from " + quoted
                    + " to " + subscriber.packageCode() + " while this change waited");
        }
    }

    /** Rulebook §10: the three contract facts that forbid a package change, each refused under its own code. */
    static void requireNoCommitment(Subscriber subscriber) {
        if (subscriber.commitments().contains(SubscriberCommitments.AGREEMENT_NUMBER)) {
            throw ProblemException.rule("PACKAGE_AGREEMENT_NUMBER",
                    "the number's package came with an agreement number (协议号码) and cannot be changed", "msisdn");
        }
        if (subscriber.commitments().contains(SubscriberCommitments.SUBSIDISED_PHONE)) {
            throw ProblemException.rule("PACKAGE_BOUND_TO_PHONE",
                    "the number's package is bound to a subsidised phone (购机绑定) and cannot be changed", "msisdn");
        }
        if (subscriber.commitments().contains(SubscriberCommitments.PREPAID_PROMOTION)) {
            throw ProblemException.rule("PREPAID_PROMOTION_UNFINISHED",
                    "a prepaid promotion (预存话费送) of the number is not finished; the package changes after it ends",
                    "msisdn");
        }
    }

    /** The first day of the month after {@code now}'s business date: a package changes at the month's turn. */
    static LocalDate effectiveFrom(OffsetDateTime now) {
        return now.atZoneSameInstant(BUSINESS_ZONE).toLocalDate().withDayOfMonth(1).plusMonths(1);
    }
}
