package org.bizhall.procedure.butler.internal;

import java.time.LocalDate;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
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
 * 商户管家资费套餐变更 (rulebook §13, seed 004 "业务变更流程"): the tariff changes next month. Taken now with the same
 * papers as the opening, the order waits ({@code SCHEDULED}) for the month's turn, when the number's tariff word is
 * swapped. A number that lost the butler meanwhile (cancelled) ends the order REJECTED.
 */
@ProcedureProvider(procedure = MerchantButlerTariffChange.ID)
@Component(service = Procedure.class)
public class MerchantButlerTariffChange extends KitProcedure {
    static final String ID = "merchant-butler-tariff-change";

    private final SubscriberService subscribers;
    private final BusinessClock clock;

    @Activate
    public MerchantButlerTariffChange(@Reference SubscriberService subscribers, @Reference BusinessClock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = Butler.admitted(order, subscribers);
        ButlerTariff current = Butler.requireOpen(subscriber);
        ButlerTariff tariff = Butler.tariffParam(order);
        if (tariff == current) {
            throw ProblemException.rule("BUTLER_TARIFF_UNCHANGED", "the number is on this tariff already",
                    "params.tariff");
        }
        order.result().put("fromTariff", current.name());
        order.result().put(Butler.TARIFF, tariff.name());
        order.result().put(Butler.MONTHLY_FEE, Butler.monthlyFee(order.provinceParams(), tariff));
        return Quote.free();
    }

    /** The change waits for the first day of next month. */
    @Override
    public StepOutcome execute(OrderContext order) {
        LocalDate turn = Butler.monthTurn(order.now(), clock.zone());
        order.result().put(Butler.EFFECTIVE_FROM, turn.toString());
        return StepOutcome.scheduled(Butler.startOf(turn, clock.zone()), "资费套餐变更下月生效: the tariff changes on " + turn);
    }

    @Override
    public StepOutcome dateReached(OrderContext order) {
        Msisdn msisdn = order.msisdn().orElseThrow();
        Subscriber subscriber = subscribers.find(msisdn).orElse(null);
        ButlerTariff current = subscriber == null ? null : ButlerTariff.of(subscriber).orElse(null);
        if (current == null) {
            return StepOutcome.rejected("the number carries the merchant butler no more");
        }
        ButlerTariff tariff = ButlerTariff.valueOf((String) order.result().get(Butler.TARIFF));
        subscribers.changeFeatures(msisdn, Set.of(tariff.feature()), ButlerTariff.FEATURES, order.orderId());
        order.result().put("changedAt", order.now().toString());
        return StepOutcome.completed();
    }
}
