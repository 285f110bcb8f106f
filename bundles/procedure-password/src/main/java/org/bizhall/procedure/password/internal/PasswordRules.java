package org.bizhall.procedure.password.internal;

import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.service.ServicePasswords;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * What both password procedures check and record (rulebook §11, seed 003 parts 4 and 5): the number is a subscriber of
 * the hall's province that is not cancelled, the new password is one the customer typed and may keep, and the result
 * points the customer to self-service for the next time. Passwords never go into a result, an audit entry or a refusal.
 */
final class PasswordRules {
    static final String NEW_PASSWORD = "newPassword";
    static final String OLD_PASSWORD = "oldPassword";

    /** Seed 003: first the SMS hall, then 10086 by voice or the online hall; the counter is the last resort. */
    static final String SELF_SERVICE_ADVICE = "服务密码可自助设置: 首推短信营业厅, 再推荐 10086 语音或网上营业厅;"
            + " 辅导时请客户自己输入密码. The service password can be changed or reset by self-service next time:"
            + " the SMS hall first, then 10086 by voice or the online hall.";

    private PasswordRules() {
    }

    /** The envelope's number: a subscriber of the caller's province, not cancelled. */
    static Subscriber subscriber(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
        return subscriber;
    }

    /** The password the customer typed as the new one, not trivial (its 6 digits are the schema's, checked again here). */
    static String newPassword(OrderContext order) {
        return ServicePasswords.requireValid(order.params().requiredText(NEW_PASSWORD), "params." + NEW_PASSWORD);
    }

    /** What the order shows once the password is set: the number, that it has one, and the self-service advice. */
    static void recordDone(OrderContext order, Subscriber subscriber) {
        Map<String, Object> result = order.result();
        result.put("msisdn", subscriber.msisdn());
        result.put("servicePasswordSet", true);
        result.put("selfServiceAdvice", SELF_SERVICE_ADVICE);
    }
}
