package org.bizhall.procedure.products.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 更改长途级别, the long-distance level (rulebook §9, seed 000 §6.10.1): {@code DOMESTIC} or {@code INTERNATIONAL}, free
 * and at once. International long distance is the feature {@link SubscriberFeatures#INTL_LONG_DISTANCE}, which later
 * orders read: after an ownership transfer the new holder's deposit must then reach
 * {@code transferMinDepositIntlFen} instead of {@code transferMinDepositFen} (rulebook §4), which the result tells.
 */
@ProcedureProvider(procedure = LongDistanceChange.ID)
@Component(service = Procedure.class)
public class LongDistanceChange extends KitProcedure {
    static final String ID = "long-distance-change";
    static final String LEVEL = "level";
    static final List<String> PARAMS = List.of(LEVEL);
    static final String TRANSFER_DEPOSIT_FEN = "transferMinDepositFen";

    /** The levels a number may have. */
    enum Level {
        DOMESTIC, INTERNATIONAL;

        static Level of(Subscriber subscriber) {
            return subscriber.has(SubscriberFeatures.INTL_LONG_DISTANCE) ? INTERNATIONAL : DOMESTIC;
        }
    }

    private final SubscriberService subscribers;
    private final AuditLog audit;

    @Activate
    public LongDistanceChange(@Reference SubscriberService subscribers, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Level level = level(order);
        Subscriber subscriber = ProductRules.admit(order, subscribers);
        Level before = requireChange(subscriber, level);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.LEVEL_BEFORE, before.name());
        result.put(ResultKeys.LEVEL, level.name());
        result.put(TRANSFER_DEPOSIT_FEN, transferDeposit(order, level));
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Level level = level(order);
        Subscriber subscriber = ProductRules.admit(order, subscribers);
        Level before = requireChange(subscriber, level);
        Set<String> intl = Set.of(SubscriberFeatures.INTL_LONG_DISTANCE);
        Subscriber changed = subscribers.changeFeatures(new Msisdn(subscriber.msisdn()),
                level == Level.INTERNATIONAL ? intl : Set.of(), level == Level.INTERNATIONAL ? Set.of() : intl,
                order.orderId());
        Map<String, Object> result = order.result();
        result.put(ResultKeys.LEVEL_BEFORE, before.name());
        result.put(ResultKeys.LEVEL, Level.of(changed).name());
        result.put(ResultKeys.FEATURES, changed.features());
        audit.record(order.caller().user(), "LONG_DISTANCE_LEVEL_CHANGED", order.orderId(), subscriber.msisdn(), null,
                before + " -> " + level);
        return StepOutcome.completed();
    }

    private static Level level(OrderContext order) {
        return order.params().choice(LEVEL, Level.class).orElseThrow(() -> ProblemException.badRequest(
                "PARAM_MISSING", "params.level is required (DOMESTIC or INTERNATIONAL)", "params." + LEVEL));
    }

    /** The level the number has; asking for the same one is refused, nothing would change. */
    private static Level requireChange(Subscriber subscriber, Level level) {
        Level before = Level.of(subscriber);
        if (before == level) {
            throw ProblemException.rule("LONG_DISTANCE_LEVEL_UNCHANGED", "the number's long-distance level is "
                    + level + " already", "params." + LEVEL);
        }
        return before;
    }

    /** Rulebook §4: the smallest deposit an ownership transfer of this number will demand at the new level. */
    private static long transferDeposit(OrderContext order, Level level) {
        return order.provinceParams().fen(level == Level.INTERNATIONAL ? NationalParams.TRANSFER_MIN_DEPOSIT_INTL_FEN
                : NationalParams.TRANSFER_MIN_DEPOSIT_FEN);
    }
}
