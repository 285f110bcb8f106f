package org.bizhall.device.simulators.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bizhall.api.device.CashKiosk;
import org.bizhall.api.device.CashReport;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.osgi.service.component.annotations.Component;

/**
 * The self-service note acceptor (rules §2): takes 10, 20, 50 and 100-yuan notes only, pushes any other back, and
 * gives no change: everything accepted is credited.
 */
@Component(service = {CashKiosk.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedCashKiosk extends Simulator implements CashKiosk {
    static final Set<Long> NOTES_FEN = Set.of(1_000L, 2_000L, 5_000L, 10_000L);

    public SimulatedCashKiosk() {
        super(DeviceKind.CASH_KIOSK, "NOTES", "NO_CHANGE");
    }

    @Override
    public Set<Long> denominationsFen(DeviceConfig device) {
        return NOTES_FEN;
    }

    @Override
    public CashReport accept(DeviceConfig device, List<Long> insertedFen) {
        requireOnline(device);
        List<Long> accepted = new ArrayList<>();
        List<Long> returned = new ArrayList<>();
        for (Long note : insertedFen) {
            (note != null && NOTES_FEN.contains(note) ? accepted : returned).add(note);
        }
        return new CashReport(accepted, returned);
    }
}
