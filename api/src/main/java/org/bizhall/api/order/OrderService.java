package org.bizhall.api.order;

import java.util.List;

import org.bizhall.api.common.Page;
import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine as the edges see it. Every call checks the caller's role and province and either completes in one
 * transaction or throws a {@link org.bizhall.api.common.ProblemException} having written nothing.
 */
@ProviderType
public interface OrderService {
    Order submit(Caller caller, OrderRequest request);

    Payment pay(Caller caller, String orderId, PaymentRequest payment);

    Order confirm(Caller caller, String orderId, Confirmation confirmation);

    Order cancel(Caller caller, String orderId);

    Order get(Caller caller, String orderId);

    Page<Order> list(Caller caller, OrderQuery query);

    List<Payment> payments(Caller caller, String orderId);
}
