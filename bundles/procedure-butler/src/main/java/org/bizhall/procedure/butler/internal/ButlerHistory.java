package org.bizhall.procedure.butler.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderState;

/**
 * One butler's life as its orders tell it, from the start of billing: the numbers it was on (a number change moves it
 * at once), the tariff changes (each from the first day of a month) and the cancellation (from the first day of a
 * month). Built from the orders rather than from the number's feature words, so that the charge of a month does not
 * depend on whether the tariff change or cancellation due at the same turn has run yet, and a clock that jumped over
 * several turns still charges each month at its own tariff.
 */
final class ButlerHistory {
    /** A change counts once taken: waiting for its date or carried out (not rejected, cancelled or failed). */
    private static final Set<OrderState> TAKEN = Set.of(OrderState.SCHEDULED, OrderState.COMPLETED);
    /** A guard against a loop of number changes read back. */
    private static final int MAX_NUMBERS = 100;

    private record Change(LocalDate from, OffsetDateTime taken, ButlerTariff tariff, long feeFen) {
    }

    private final ButlerTariff openingTariff;
    private final long openingFeeFen;
    private final List<String> numbers = new ArrayList<>();
    private final List<Change> tariffChanges = new ArrayList<>();
    private LocalDate cancelledFrom;

    private ButlerHistory(ButlerTariff tariff, long feeFen) {
        this.openingTariff = tariff;
        this.openingFeeFen = feeFen;
    }

    /**
     * Reads the butler that started billing on {@code msisdn} at {@code since} at {@code tariff} and {@code feeFen}:
     * on each number it was on, the orders taken while it was there.
     */
    static ButlerHistory read(ButlerOrders orders, String msisdn, OffsetDateTime since, ButlerTariff tariff,
            long feeFen, ZoneId zone) {
        ButlerHistory history = new ButlerHistory(tariff, feeFen);
        String number = msisdn;
        OffsetDateTime from = since;
        while (number != null && history.numbers.size() < MAX_NUMBERS) {
            history.numbers.add(number);
            OffsetDateTime onItSince = from;
            Order move = orders.of(MerchantButlerNumberChange.ID, number).stream()
                    .filter(o -> o.state() == OrderState.COMPLETED && !o.createdAt().isBefore(onItSince)
                            && o.result() != null && o.result().get("toMsisdn") != null)
                    .min(Comparator.comparing(Order::createdAt)).orElse(null);
            OffsetDateTime until = move == null ? null : move.createdAt();
            for (Order o : orders.of(MerchantButlerTariffChange.ID, number)) {
                if (during(o, from, until, zone)) {
                    history.tariffChanges.add(new Change(effectiveFrom(o), o.createdAt(),
                            ButlerTariff.valueOf(String.valueOf(o.result().get(Butler.TARIFF))),
                            ((Number) o.result().get(Butler.MONTHLY_FEE)).longValue()));
                }
            }
            for (Order o : orders.of(MerchantButlerCancellation.ID, number)) {
                if (during(o, from, until, zone)) {
                    LocalDate end = effectiveFrom(o);
                    history.cancelledFrom = history.cancelledFrom == null || end.isBefore(history.cancelledFrom) ? end
                            : history.cancelledFrom;
                }
            }
            number = move == null ? null : String.valueOf(move.result().get("toMsisdn"));
            from = until;
        }
        return history;
    }

    /**
     * Whether {@code o}, taken on a number while the butler was there, counts: taken, and in effect before the butler
     * left the number (a change due after a number change finds no butler there: it changes nothing, and the company
     * takes it again on the new number).
     */
    private static boolean during(Order o, OffsetDateTime from, OffsetDateTime until, ZoneId zone) {
        if (!TAKEN.contains(o.state()) || o.createdAt().isBefore(from) || o.result() == null
                || o.result().get(Butler.EFFECTIVE_FROM) == null) {
            return false;
        }
        return until == null || effectiveFrom(o).atStartOfDay(zone).toOffsetDateTime().isBefore(until);
    }

    private static LocalDate effectiveFrom(Order o) {
        return LocalDate.parse(String.valueOf(o.result().get(Butler.EFFECTIVE_FROM)));
    }

    /** Whether a cancellation has ended the butler by the first day of {@code month}. */
    boolean cancelledBy(YearMonth month) {
        return cancelledFrom != null && !cancelledFrom.isAfter(month.atDay(1));
    }

    /** The tariff in force in {@code month}: the last change in force by its first day, else the opening's. */
    ButlerTariff tariffIn(YearMonth month) {
        Change change = changeIn(month);
        return change == null ? openingTariff : change.tariff();
    }

    /** The monthly fee agreed with the tariff in force in {@code month}. */
    long feeIn(YearMonth month) {
        Change change = changeIn(month);
        return change == null ? openingFeeFen : change.feeFen();
    }

    /** The number the butler is on now (the last number change's new number). */
    String number() {
        return numbers.get(numbers.size() - 1);
    }

    private Change changeIn(YearMonth month) {
        LocalDate first = month.atDay(1);
        return tariffChanges.stream().filter(c -> !c.from().isAfter(first))
                .max(Comparator.comparing(Change::from).thenComparing(Change::taken)).orElse(null);
    }

    /** One month's line of {@code result.charges}: the month, its tariff, what it cost and the number billed. */
    static Map<String, Object> charge(YearMonth month, ButlerTariff tariff, long amountFen, String msisdn) {
        Map<String, Object> charge = new java.util.LinkedHashMap<>();
        charge.put("month", month.toString());
        charge.put(Butler.TARIFF, tariff.name());
        charge.put("amountFen", amountFen);
        charge.put("msisdn", msisdn);
        return charge;
    }
}
