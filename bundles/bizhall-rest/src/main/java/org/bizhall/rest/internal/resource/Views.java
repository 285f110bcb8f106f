package org.bizhall.rest.internal.resource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.common.Masking;
import org.bizhall.api.counter.KioskOffer;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ReceiptRef;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Reservation;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.rest.internal.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON shapes of the contract where they differ from the API's records: personal data masked, internal fields
 * (who holds a reservation) left out, a params schema embedded as JSON rather than as a string.
 */
public final class Views {
    private static final Logger LOG = LoggerFactory.getLogger(Views.class);

    private Views() {
    }

    /** {@code GET /me}. */
    public record Me(String user, String role, String hall, List<HallKind> hallKinds, String province) {
        static Me of(Caller caller) {
            return new Me(caller.user(), caller.role().wireName(), caller.hall(),
                    List.copyOf(new TreeSet<>(caller.hallKinds())), caller.province());
        }
    }

    /** One entry of {@code GET /procedures}. */
    public record Procedure(String id, String title, String version, String province, String provider, int ranking,
            JsonNode paramsSchema, List<String> documents, Map<String, List<String>> documentsByCase,
            List<String> steps, boolean passwordInsteadOfId, List<String> roles,
            @JsonInclude(JsonInclude.Include.NON_NULL) String chosenBy) {
        static Procedure of(ProcedureListing listing) {
            return new Procedure(listing.id(), listing.title(), listing.version(), listing.province(),
                    listing.provider(), listing.ranking(), schema(listing), listing.documents(),
                    listing.documentsByCase(), listing.steps(), listing.passwordInsteadOfId(), listing.roles(),
                    listing.chosenBy());
        }

        private static JsonNode schema(ProcedureListing listing) {
            if (listing.paramsSchema() == null || listing.paramsSchema().isBlank()) {
                return JsonNodeFactory.instance.objectNode();
            }
            try {
                return Json.tree(listing.paramsSchema());
            } catch (JsonProcessingException e) {
                // A provider shipped a broken schema: list the procedure anyway, say so in the log.
                LOG.warn("Procedure {} from {} has a params schema that is not JSON", listing.id(), listing.provider());
                return JsonNodeFactory.instance.objectNode();
            }
        }
    }

    /** An available number of {@code GET /numbers}. */
    public record NumberView(String msisdn, String province, long prestoreFen) {
        static NumberView of(PoolNumber number) {
            return new NumberView(number.msisdn(), number.province(), number.prestoreFen());
        }
    }

    /** The answer of {@code POST /numbers/{msisdn}/reservations}. */
    public record NumberReservation(String msisdn, OffsetDateTime expiresAt, long prestoreFen) {
        static NumberReservation of(Reservation reservation) {
            return new NumberReservation(reservation.msisdn(), reservation.expiresAt(), reservation.prestoreFen());
        }
    }

    /** A subscriber's holder as it may leave the system: surname only, last four characters of the ID number. */
    public record Holder(CustomerType type, String name, IdType idType, String idNumber) {
        static Holder of(Customer holder) {
            if (holder == null) {
                return null;
            }
            Customer masked = holder.masked();
            return new Holder(masked.type(), masked.name(), masked.idType(), masked.idNumber());
        }
    }

    /** {@code GET /subscribers/{msisdn}}. */
    public record SubscriberView(String msisdn, String province, String hall, SubscriberStatus status,
            @JsonProperty("package") String packageCode, List<String> features, List<String> categories,
            long accountId, Holder holder, boolean servicePasswordSet, OffsetDateTime openedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate cancellableFrom, OffsetDateTime statusSince,
            List<String> commitments) {
        static SubscriberView of(Subscriber s) {
            return new SubscriberView(s.msisdn(), s.province(), s.hall(), s.status(), s.packageCode(), s.features(),
                    List.copyOf(new TreeSet<>(s.categories())), s.accountId(), Holder.of(s.holder()),
                    s.servicePasswordSet(), s.openedAt(), s.cancellableFrom(), s.statusSince(),
                    List.copyOf(new TreeSet<>(s.commitments())));
        }
    }

    /** {@code POST /subscribers/{msisdn}/holder-check}. */
    public record HolderCheck(String name) {
    }

    /** The answer of a holder check: whether the name matched, never the name. */
    public record HolderMatch(boolean match) {
    }

    /** {@code GET /accounts/{id}}. */
    public record AccountView(long id, AccountType type, String province, String holderName, long balanceFen,
            OffsetDateTime openedAt) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.type(), a.province(), Masking.name(a.holderName()), a.balanceFen(),
                    a.openedAt());
        }
    }

    /**
     * A payment as {@code POST /orders/{id}/payments} and {@code GET /orders/{id}/payments} show it: the stored payment
     * and {@code amountFen}, the money that moved (tendered minus change): positive when taken, negative when paid out.
     */
    public record PaymentView(String id, String orderId, PaymentMethod method, long amountFen, long dueFen,
            long tenderedFen, long changeFen, long surplusFen, ReceiptRef receipt, String hall, String operator,
            OffsetDateTime at, KioskCash kiosk) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.orderId(), p.method(), p.tenderedFen() - p.changeFen(), p.dueFen(),
                    p.tenderedFen(), p.changeFen(), p.surplusFen(), p.receipt(), p.hall(), p.operator(), p.at(),
                    p.kiosk());
        }
    }

    /** {@code GET /health}. */
    public record Health(String status, String database, int procedures) {
    }

    /** {@code PUT /admin/clock} in and out. */
    public record ClockSetting(OffsetDateTime now) {
    }

    /** The business clock after it moved. */
    public record ClockView(OffsetDateTime now, ZoneId zone) {
    }

    /** A number's arrears as the contract shows them: previous months oldest first, the current month, the total. */
    public record ArrearsView(String msisdn, List<MonthArrears> months, long previousMonthsFen, long currentMonthFen,
            long totalFen) {
        static ArrearsView of(Arrears a) {
            return new ArrearsView(a.msisdn(), a.months(), a.previousMonthsFen(), a.currentMonthFen(), a.totalFen());
        }
    }

    public record BillingRunRequest(String month) {
    }

    public record SettlementClose(Long countedCashFen) {
    }

    /**
     * A device of {@code GET /devices}: {@code driver} is the driver id its configuration names, {@code bound} whether
     * that driver is installed (an unbound device is OFFLINE and {@code detail} says what is missing).
     */
    public record DeviceView(String id, String hall, DeviceKind kind, String driver, DeviceStatus status, boolean bound,
            String detail) {
        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.hall(), d.kind(), d.driver(), d.status(), d.bound(), d.detail());
        }
    }

    /** The answer of {@code POST /devices/{id}/test}. */
    public record DeviceTest(String id, String hall, DeviceKind kind, String driver, DeviceStatus status, String detail) {
        static DeviceTest of(Device d, DeviceTestResult result) {
            return new DeviceTest(d.id(), d.hall(), d.kind(), d.driver(), result.status(), result.detail());
        }
    }

    /** {@code POST /halls/{hall}/queue/tickets}: the queue asked for and, when known, the customer's number. */
    public record TicketRequest(String queue, String msisdn) {
    }

    /** {@code POST /halls/{hall}/queue/calls}: the queue to call from and the counter that calls. */
    public record CallRequest(String queue, String counter) {
    }

    /** {@code GET /points/{msisdn}}. */
    public record PointsView(String msisdn, long balance) {
    }

    /** {@code POST /points/{msisdn}/adjustments}: ±points and why. */
    public record PointsAdjustment(Long points, String reason) {
    }

    /** {@code GET /gifts}: code, name, points each and the stock left; {@code creditFen} what one credits to the account. */
    public record GiftView(String code, String name, long points, long stock, long creditFen) {
        static GiftView of(Gift g) {
            return new GiftView(g.code(), g.name(), g.points(), g.stock(), g.creditFen());
        }
    }

    /** {@code POST /orders/{id}/rating}: a score entered by hand, or none to ask the hall's rating pad. */
    public record RatingRequest(Integer score) {
    }

    /** {@code POST /halls/{hall}/number-kiosk/offers}: what to show, as {@code GET /numbers} takes it. */
    public record KioskOfferRequest(String prefix, String pattern, Integer limit) {
    }

    /** The numbers shown on a hall's number kiosk. */
    public record KioskOfferView(String hall, String device, List<NumberView> numbers) {
        static KioskOfferView of(KioskOffer offer) {
            return new KioskOfferView(offer.hall(), offer.device(),
                    offer.numbers().stream().map(NumberView::of).toList());
        }
    }

    /** {@code POST /devices/{id}/registrations}: what the desk phone sends to the terminal-management port. */
    public record RegistrationRequest(String manufacturer, String terminalType, String model, String msisdn) {
    }
}
