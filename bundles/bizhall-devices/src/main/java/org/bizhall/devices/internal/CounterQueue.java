package org.bizhall.devices.internal;

import java.util.Locale;
import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.HallTicket;
import org.bizhall.api.counter.QueueService;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.QueueMachine;
import org.bizhall.api.device.QueueTicket;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Queue tickets through the hall's queue machine. A big customer is received in the VIP queue (rules §14): the
 * greeter's number decides, never the queue the greeter picked. A subscriber of another province is issued the queue
 * asked for, so a ticket never reveals another province's categories.
 */
@Component(service = QueueService.class)
public class CounterQueue implements QueueService {
    private final DeviceRegistry devices;
    private final HallDirectory halls;
    private final SubscriberService subscribers;
    private final BusinessClock clock;

    @Activate
    public CounterQueue(@Reference DeviceRegistry devices, @Reference HallDirectory halls,
            @Reference SubscriberService subscribers, @Reference BusinessClock clock) {
        this.devices = devices;
        this.halls = halls;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public HallTicket issue(Caller caller, String hall, String queue, String msisdn) {
        Hall h = HallDevices.actFor(halls, caller, hall);
        String asked = queueName(queue);
        Msisdn number = msisdn == null || msisdn.isBlank() ? null : Msisdn.parse(msisdn.trim(), "msisdn");
        String routed = number != null && vip(number, h.province()) ? VIP : asked;
        BoundDevice<QueueMachine> machine = HallDevices.bound(devices, h.id(), DeviceKind.QUEUE_MACHINE,
                QueueMachine.class);
        QueueTicket ticket = HallDevices.call(machine, () -> machine.driver().issue(machine.config(), routed));
        return new HallTicket(h.id(), machine.config().id(), ticket.number(), ticket.queue(), ticket.waitingAhead(),
                null, clock.now());
    }

    @Override
    public Optional<HallTicket> callNext(Caller caller, String hall, String queue, String counter) {
        Hall h = HallDevices.actFor(halls, caller, hall);
        String name = queueName(queue);
        String desk = HallDevices.word(counter, "counter", 16, "COUNTER_MISSING", "COUNTER_INVALID");
        BoundDevice<QueueMachine> machine = HallDevices.bound(devices, h.id(), DeviceKind.QUEUE_MACHINE,
                QueueMachine.class);
        Optional<QueueTicket> called = HallDevices.call(machine,
                () -> machine.driver().callNext(machine.config(), name, desk));
        return called.map(t -> new HallTicket(h.id(), machine.config().id(), t.number(), t.queue(), t.waitingAhead(),
                desk, clock.now()));
    }

    private boolean vip(Msisdn number, String province) {
        return subscribers.find(number).filter(s -> province.equals(s.province()))
                .map(s -> s.categories().contains(VIP_CATEGORY)).orElse(false);
    }

    /** The queue asked for, upper case; none means {@link #GENERAL}. */
    static String queueName(String queue) {
        if (queue == null || queue.isBlank()) {
            return GENERAL;
        }
        String name = queue.trim().toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z][A-Z0-9_]{0,15}")) {
            throw ProblemException.badRequest("QUEUE_INVALID", "queue is a word of 1 to 16 letters, digits or _",
                    "queue");
        }
        return name;
    }
}
