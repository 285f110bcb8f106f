package org.bizhall.procedure.butler.internal;

import java.time.LocalDate;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 商户管家业务取消 (rulebook §13, seed 004 "业务取消流程"): cancellation takes effect next month. The order waits for the
 * month's turn; then the number carries the butler no more (the month under way stays billed). The number itself stays
 * in service.
 */
@ProcedureProvider(procedure = MerchantButlerCancellation.ID)
@Component(service = Procedure.class)
public class MerchantButlerCancellation extends KitProcedure {
    static final String ID = "merchant-butler-cancellation";

    private final SubscriberService subscribers;
    private final BusinessClock clock;

    @Activate
    public MerchantButlerCancellation(@Reference SubscriberService subscribers, @Reference BusinessClock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = Butler.admitted(order, subscribers);
        order.result().put(Butler.TARIFF, Butler.requireOpen(subscriber).name());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        LocalDate turn = Butler.monthTurn(order.now(), clock.zone());
        order.result().put(Butler.EFFECTIVE_FROM, turn.toString());
        return StepOutcome.scheduled(Butler.startOf(turn, clock.zone()), "业务取消下月生效: the butler ends on " + turn);
    }

    /** The month has turned: the butler's words leave the number (already gone: nothing to do, still completed). */
    @Override
    public StepOutcome dateReached(OrderContext order) {
        Msisdn msisdn = order.msisdn().orElseThrow();
        subscribers.find(msisdn).filter(s -> ButlerTariff.of(s).isPresent())
                .ifPresent(s -> subscribers.changeFeatures(msisdn, Set.of(), ButlerTariff.FEATURES, order.orderId()));
        order.result().put("cancelledAt", order.now().toString());
        return StepOutcome.completed();
    }
}
