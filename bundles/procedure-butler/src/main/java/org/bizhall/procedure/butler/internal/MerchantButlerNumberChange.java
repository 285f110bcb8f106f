package org.bizhall.procedure.butler.internal;

import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 商户管家 TD无线座机号码变更 (rulebook §13, seed 004 "业务变更流程"): the desk phone's number changes at once. The
 * envelope's number is the one carrying the butler, {@code params.newMsisdn} another number in service of the same
 * company in the caller's province; the butler (its tariff) moves to it when the order is taken. The old number stays
 * in service: returning it follows the numbers' own procedures (seed 004: 旧号码按照相应回收程序进行回收).
 */
@ProcedureProvider(procedure = MerchantButlerNumberChange.ID)
@Component(service = Procedure.class)
public class MerchantButlerNumberChange extends KitProcedure {
    static final String ID = "merchant-butler-number-change";

    private final SubscriberService subscribers;

    @Activate
    public MerchantButlerNumberChange(@Reference SubscriberService subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public Quote quote(OrderContext order) {
        admitted(order);
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber[] both = admitted(order);
        ButlerTariff tariff = Butler.requireOpen(both[0]);
        subscribers.changeFeatures(new Msisdn(both[0].msisdn()), Set.of(), ButlerTariff.FEATURES, order.orderId());
        subscribers.changeFeatures(new Msisdn(both[1].msisdn()), Set.of(tariff.feature()), Set.of(), order.orderId());
        order.result().put("changedAt", order.now().toString());
        return StepOutcome.completed();
    }

    /** The number with the butler and the new one: same company, in service, of the caller's province, no butler yet. */
    private Subscriber[] admitted(OrderContext order) {
        Subscriber from = Butler.admitted(order, subscribers);
        ButlerTariff tariff = Butler.requireOpen(from);
        Msisdn to = Msisdn.parse(order.params().requiredText("newMsisdn"), "params.newMsisdn");
        Subscriber target = subscribers.find(to).orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND",
                "the new number is not in service"));
        if (target.msisdn().equals(from.msisdn()) || !order.province().equals(target.province())
                || !from.holder().sameDocumentAs(target.holder())
                || target.status() != SubscriberStatus.ACTIVE || ButlerTariff.of(target).isPresent()) {
            throw ProblemException.rule("BUTLER_NEW_NUMBER_INVALID", "the new number must be another number in service"
                    + " of the same company in this province, without a merchant butler", "params.newMsisdn");
        }
        order.result().put(Butler.TARIFF, tariff.name());
        order.result().put("fromMsisdn", from.msisdn());
        order.result().put("toMsisdn", target.msisdn());
        return new Subscriber[] {from, target};
    }
}
