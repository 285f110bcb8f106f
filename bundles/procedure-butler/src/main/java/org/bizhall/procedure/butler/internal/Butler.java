package org.bizhall.procedure.butler.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.hall.Role;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/** What every merchant-butler procedure checks and how it reads dates and fees (rulebook §13, seed 004). */
final class Butler {
    /** Result key: the step of the seven the order is at (shown to the counter beside {@code awaiting}). */
    static final String STAGE = "stage";
    /** Result key: the confirmation step the order waits for, when it waits for one. */
    static final String AWAITING_STEP = "awaitingStep";
    static final String TARIFF = "tariff";
    static final String MONTHLY_FEE = "monthlyFeeFen";
    static final String EFFECTIVE_FROM = "effectiveFrom";
    /** Ledger kind of the butler's monthly fee. */
    static final String LEDGER_FEE = "MERCHANT_BUTLER_FEE";
    /** The day from which a first month costs half (rulebook §2: joined on the 16th or later). */
    static final int HALF_MONTH_FROM_DAY = 16;

    private Butler() {
    }

    /**
     * The number of the order, of the caller's province, in service, its holder the customer: a company (the butler
     * is a group product, seed 004) that came through a proxy (rulebook "Documents").
     */
    static Subscriber admitted(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        if (subscriber.holder().type() != CustomerType.CORPORATE) {
            throw ProblemException.rule("BUTLER_CORPORATE_ONLY",
                    "the merchant butler is a group product: its holder is a company", "customer.type");
        }
        KitProcedure.requireProxyForCompany(order, CustomerType.CORPORATE);
        if (subscriber.status() != SubscriberStatus.ACTIVE) {
            throw ProblemException.rule("BUTLER_NUMBER_NOT_ACTIVE",
                    "the number is " + subscriber.status() + "; the merchant butler runs on a number in service",
                    "msisdn");
        }
        return subscriber;
    }

    /** The tariff the number is billed on: 422 {@code BUTLER_NOT_OPEN} when it carries no butler. */
    static ButlerTariff requireOpen(Subscriber subscriber) {
        return ButlerTariff.of(subscriber).orElseThrow(() -> ProblemException.rule("BUTLER_NOT_OPEN",
                "the number carries no merchant butler", "msisdn"));
    }

    static ButlerTariff tariffParam(OrderContext order) {
        return order.params().choice(TARIFF, ButlerTariff.class).orElseThrow(() -> ProblemException
                .badRequest("PARAM_MISSING", "params.tariff is required", "params.tariff"));
    }

    static long monthlyFee(ProvinceParams params, ButlerTariff tariff) {
        return params.fen(tariff.feeParam());
    }

    /** A business date param ({@code YYYY-MM-DD}; the schema checked the form, this the calendar). */
    static LocalDate dateParam(OrderContext order, String name) {
        String text = order.params().requiredText(name);
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("PARAM_INVALID", "params." + name + " is not a calendar date",
                    "params." + name);
        }
    }

    /** The first moment of {@code date} in the business zone. */
    static OffsetDateTime startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toOffsetDateTime();
    }

    /** The first day of the month after the business date of {@code now}: where "next month" changes take effect. */
    static LocalDate monthTurn(OffsetDateTime now, ZoneId zone) {
        return YearMonth.from(now.atZoneSameInstant(zone).toLocalDate()).plusMonths(1).atDay(1);
    }

    /**
     * The fee of the first billed month (rulebook §2, as for a package): billing that starts on the 1st to the 15th
     * costs the full month, on the 16th or later half of it (rounded down to the fen).
     */
    static long firstMonthFee(long monthlyFeeFen, LocalDate billingFrom) {
        return billingFrom.getDayOfMonth() >= HALF_MONTH_FROM_DAY ? monthlyFeeFen / 2 : monthlyFeeFen;
    }

    /** 403 {@code ROLE_NOT_ALLOWED} unless the caller has one of {@code roles}: who may record {@code step}. */
    static void requireRole(OrderContext order, String step, Role... roles) {
        Role role = order.caller().role();
        if (Arrays.stream(roles).noneMatch(r -> r == role)) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "the step " + step + " is recorded by "
                    + String.join(" or ", Arrays.stream(roles).map(Role::wireName).toList()));
        }
    }

    /** Who did a step and when, as the result keeps it; {@code note} only when given. */
    static Map<String, Object> done(OrderContext order, String note) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("by", order.caller().user());
        step.put("at", order.now().toString());
        if (note != null && !note.isBlank()) {
            step.put("note", note.strip());
        }
        return step;
    }
}
