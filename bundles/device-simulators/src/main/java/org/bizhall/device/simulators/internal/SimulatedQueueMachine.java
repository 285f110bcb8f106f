package org.bizhall.device.simulators.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.QueueMachine;
import org.bizhall.api.device.QueueTicket;
import org.osgi.service.component.annotations.Component;

/**
 * A queue-ticket machine: tickets numbered per queue with the queue's initial ({@code G001} general, {@code V001}
 * VIP), called first come first served.
 */
@Component(service = {QueueMachine.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedQueueMachine extends Simulator implements QueueMachine {
    /** The tickets of one queue of one device. */
    private static final class Line {
        int issued;
        final Deque<QueueTicket> waiting = new ArrayDeque<>();
    }

    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    public SimulatedQueueMachine() {
        super(DeviceKind.QUEUE_MACHINE, "TICKETS", "CALL_DISPLAY");
    }

    private Line line(DeviceConfig device, String queue) {
        return lines.computeIfAbsent(device.id() + "/" + queue, k -> new Line());
    }

    private static String queueName(String queue) {
        return queue == null || queue.isBlank() ? "GENERAL" : queue.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public QueueTicket issue(DeviceConfig device, String queue) {
        requireOnline(device);
        String name = queueName(queue);
        Line line = line(device, name);
        synchronized (line) {
            line.issued = line.issued % 999 + 1;
            QueueTicket ticket = new QueueTicket(name.charAt(0) + String.format("%03d", line.issued), name,
                    line.waiting.size());
            line.waiting.addLast(ticket);
            return ticket;
        }
    }

    @Override
    public Optional<QueueTicket> callNext(DeviceConfig device, String queue, String counter) {
        requireOnline(device);
        Line line = line(device, queueName(queue));
        synchronized (line) {
            return Optional.ofNullable(line.waiting.pollFirst());
        }
    }
}
