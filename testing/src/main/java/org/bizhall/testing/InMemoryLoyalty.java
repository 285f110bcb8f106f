package org.bizhall.testing;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.loyalty.PointsMovement;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.SubscriberService;

/**
 * Points and gifts in memory, refusing as the database does: 404 {@code SUBSCRIBER_NOT_FOUND} (a number the
 * subscribers do not know), {@code GIFT_NOT_FOUND}; 422 {@code POINTS_INSUFFICIENT}, {@code GIFT_OUT_OF_STOCK} (then
 * nothing is taken); 409 {@code REDEMPTION_EXISTS}; 400 {@code POINTS_INVALID}, {@code REASON_MISSING},
 * {@code QUANTITY_INVALID}. Every call is synchronized, which is what the database's conditional updates amount to.
 */
public final class InMemoryLoyalty implements LoyaltyService, DirectTransactions.Participant {
    private record Held(String msisdn, String giftCode, int quantity, long points) {
    }

    private final SubscriberService subscribers;
    private final BusinessClock clock;
    private Map<String, Long> balances = new LinkedHashMap<>();
    private List<PointsMovement> movements = new ArrayList<>();
    private Map<String, Gift> gifts = new TreeMap<>();
    private Set<String> earned = new HashSet<>();
    private Map<String, Held> held = new LinkedHashMap<>();
    private Set<String> givenBack = new HashSet<>();

    public InMemoryLoyalty(SubscriberService subscribers, BusinessClock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public synchronized long balance(String msisdn) {
        known(msisdn);
        return balances.getOrDefault(msisdn, 0L);
    }

    @Override
    public synchronized Page<PointsMovement> movements(String msisdn, int offset, int limit) {
        List<PointsMovement> mine = movements.stream().filter(m -> m.msisdn().equals(msisdn))
                .sorted(Comparator.comparingLong(PointsMovement::id).reversed()).toList();
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : limit;
        return new Page<>(mine.stream().skip(Math.max(0, offset)).limit(max).toList(), mine.size());
    }

    /** Every movement of the number, oldest first. */
    public synchronized List<PointsMovement> all(String msisdn) {
        return movements.stream().filter(m -> m.msisdn().equals(msisdn)).toList();
    }

    @Override
    public synchronized Optional<PointsMovement> earn(String msisdn, YearMonth month, long points, String note) {
        if (month == null || points < 0) {
            throw ProblemException.badRequest("POINTS_INVALID", "an earning needs a month and points of 0 or more",
                    "points");
        }
        known(msisdn);
        if (points == 0 || !earned.add(msisdn + "/" + month)) {
            return Optional.empty();
        }
        return Optional.of(move(msisdn, PointsMovement.EARN, points, month.toString(), null, null, null, note, null));
    }

    @Override
    public synchronized PointsMovement adjust(String msisdn, long points, String reason, String by) {
        if (points == 0) {
            throw ProblemException.badRequest("POINTS_INVALID", "an adjustment moves a balance by points other than 0",
                    "points");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("REASON_MISSING", "an adjustment says why", "reason");
        }
        known(msisdn);
        if (balances.getOrDefault(msisdn, 0L) + points < 0) {
            throw insufficient();
        }
        return move(msisdn, PointsMovement.ADJUST, points, null, null, null, null, reason.trim(), by);
    }

    @Override
    public synchronized Page<Gift> gifts(int offset, int limit) {
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : limit;
        return new Page<>(gifts.values().stream().skip(Math.max(0, offset)).limit(max).toList(), gifts.size());
    }

    @Override
    public synchronized Optional<Gift> gift(String code) {
        return Optional.ofNullable(code == null ? null : gifts.get(code));
    }

    @Override
    public synchronized Gift addGift(Gift gift) {
        return gifts.computeIfAbsent(gift.code(), c -> gift);
    }

    @Override
    public synchronized PointsMovement redeem(String msisdn, String giftCode, int quantity, String orderId) {
        if (quantity < 1) {
            throw ProblemException.badRequest("QUANTITY_INVALID", "at least one gift is redeemed", "quantity");
        }
        if (held.containsKey(orderId)) {
            throw ProblemException.conflict("REDEMPTION_EXISTS", "the order has redeemed its gift already");
        }
        known(msisdn);
        Gift gift = gift(giftCode).orElseThrow(() -> ProblemException.notFound("GIFT_NOT_FOUND", "there is no such gift"));
        if (gift.stock() < quantity) {
            throw ProblemException.rule("GIFT_OUT_OF_STOCK", "the halls have fewer of this gift than asked for",
                    "giftCode");
        }
        long points = gift.points() * quantity;
        if (balances.getOrDefault(msisdn, 0L) < points) {
            throw insufficient();
        }
        gifts.put(giftCode, new Gift(gift.code(), gift.name(), gift.points(), gift.stock() - quantity, gift.creditFen()));
        held.put(orderId, new Held(msisdn, giftCode, quantity, points));
        return move(msisdn, PointsMovement.REDEEM, -points, null, giftCode, quantity, orderId, null, null);
    }

    @Override
    public synchronized Optional<PointsMovement> giveBack(String orderId, String note) {
        Held h = held.get(orderId);
        if (h == null || !givenBack.add(orderId)) {
            return Optional.empty();
        }
        Gift gift = gifts.get(h.giftCode());
        gifts.put(gift.code(), new Gift(gift.code(), gift.name(), gift.points(), gift.stock() + h.quantity(),
                gift.creditFen()));
        return Optional.of(move(h.msisdn(), PointsMovement.GIVE_BACK, h.points(), null, h.giftCode(), h.quantity(),
                orderId, note, null));
    }

    private PointsMovement move(String msisdn, String kind, long points, String month, String giftCode,
            Integer quantity, String orderId, String reason, String by) {
        long after = balances.getOrDefault(msisdn, 0L) + points;
        balances.put(msisdn, after);
        PointsMovement m = new PointsMovement(movements.size() + 1L, msisdn, kind, points, after, month, giftCode,
                quantity, orderId, reason, by, clock.now());
        movements.add(m);
        return m;
    }

    private void known(String msisdn) {
        if (msisdn == null || !Msisdn.isValid(msisdn) || subscribers.find(new Msisdn(msisdn)).isEmpty()) {
            throw ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has the number");
        }
    }

    private static ProblemException insufficient() {
        return ProblemException.rule("POINTS_INSUFFICIENT", "the number has fewer points than that", "points");
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(balances), new ArrayList<>(movements), new TreeMap<>(gifts),
                new HashSet<>(earned), new LinkedHashMap<>(held), new HashSet<>(givenBack));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> all = (List<Object>) snapshot;
        balances = new LinkedHashMap<>((Map<String, Long>) all.get(0));
        movements = new ArrayList<>((List<PointsMovement>) all.get(1));
        gifts = new TreeMap<>((Map<String, Gift>) all.get(2));
        earned = new HashSet<>((Set<String>) all.get(3));
        held = new LinkedHashMap<>((Map<String, Held>) all.get(4));
        givenBack = new HashSet<>((Set<String>) all.get(5));
    }
}
