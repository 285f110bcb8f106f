package org.bizhall.devices.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingService;
import org.bizhall.api.counter.RatingSource;
import org.bizhall.api.counter.RatingSummary;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.RatingPad;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.platform.counter.RatingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Satisfaction ratings of completed orders (rules §1.8), from the hall's rating pad or entered by hand. Everything that
 * can refuse is checked before the pad asks the customer, so a customer is never asked for a rating that cannot be
 * kept; the store's key keeps it to one per order even when two counters ask at once.
 */
@Component(service = RatingService.class)
public class CounterRatings implements RatingService {
    private final OrderService orders;
    private final RatingStore store;
    private final DeviceRegistry devices;
    private final HallDirectory halls;
    private final BusinessClock clock;

    @Activate
    public CounterRatings(@Reference OrderService orders, @Reference RatingStore store,
            @Reference DeviceRegistry devices, @Reference HallDirectory halls, @Reference BusinessClock clock) {
        this.orders = orders;
        this.store = store;
        this.devices = devices;
        this.halls = halls;
        this.clock = clock;
    }

    @Override
    public Rating rate(Caller caller, String orderId, Integer score) {
        caller.requireRole(Role.OPERATOR, Role.MANAGER, Role.ADMIN);
        if (score != null && (score < Rating.MIN_SCORE || score > Rating.MAX_SCORE)) {
            throw ProblemException.badRequest("SCORE_INVALID",
                    "score is a whole number from " + Rating.MIN_SCORE + " to " + Rating.MAX_SCORE, "score");
        }
        Order order = orders.get(caller, orderId);
        caller.requireHall(order.hall());
        if (order.state() != OrderState.COMPLETED) {
            throw ProblemException.conflict("ORDER_NOT_COMPLETED", "only a completed order is rated");
        }
        if (store.find(order.id()).isPresent()) {
            throw ProblemException.conflict("RATING_EXISTS", "the order has been rated");
        }
        int given;
        String device = null;
        RatingSource source;
        if (score != null) {
            given = score;
            source = RatingSource.MANUAL;
        } else {
            BoundDevice<RatingPad> pad = HallDevices.bound(devices, order.hall(), DeviceKind.RATING_PAD, RatingPad.class);
            Optional<Integer> pressed = HallDevices.call(pad,
                    () -> pad.driver().rate(pad.config(), order.operator(), order.id()));
            if (pressed.isEmpty()) {
                throw ProblemException.rule("RATING_NOT_GIVEN",
                        "the customer did not rate on the pad; enter the score by hand if the customer tells it");
            }
            given = pressed.get();
            if (given < Rating.MIN_SCORE || given > Rating.MAX_SCORE) {
                throw new DeviceUnavailableException(DeviceKind.RATING_PAD,
                        "the rating pad " + pad.config().id() + " reported a score out of range; enter it by hand");
            }
            device = pad.config().id();
            source = RatingSource.PAD;
        }
        OffsetDateTime now = clock.now();
        return store.insert(new Rating(order.id(), order.hall(), order.province(), order.operator(), given, source,
                device, caller.user(), now, now.atZoneSameInstant(clock.zone()).toLocalDate()));
    }

    @Override
    public Optional<Rating> find(Caller caller, String orderId) {
        Order order = orders.get(caller, orderId);
        return store.find(order.id());
    }

    @Override
    public RatingSummary summary(Caller caller, String hall, LocalDate date) {
        String id = Hall.validId(hall, "hall");
        Hall h = halls.hall(id).orElse(null);
        if (!caller.isAdmin()) {
            if (caller.role() == Role.MANAGER) {
                caller.requireProvince(h == null ? caller.province() : h.province());
            } else {
                caller.requireHall(id);
            }
        }
        if (h == null) {
            throw ProblemException.notFound("HALL_NOT_FOUND", "there is no such hall");
        }
        LocalDate day = date == null ? clock.today() : date;
        List<OperatorRating> byOperator = store.byOperator(h.id(), day);
        long count = 0;
        double sum = 0;
        for (OperatorRating o : byOperator) {
            count += o.count();
            sum += o.average() * o.count();
        }
        return new RatingSummary(h.id(), day, count, count == 0 ? 0 : round(sum / count),
                byOperator.stream().map(o -> new OperatorRating(o.operator(), o.count(), round(o.average()))).toList());
    }

    /** Two decimals, half up, as a hall report shows averages. */
    static double round(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
