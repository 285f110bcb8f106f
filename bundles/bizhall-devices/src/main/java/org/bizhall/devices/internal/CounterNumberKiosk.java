package org.bizhall.devices.internal;

import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.KioskChoice;
import org.bizhall.api.counter.KioskOffer;
import org.bizhall.api.counter.NumberKioskService;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.NumberKiosk;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.PoolNumber;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shows available numbers of the hall's province on its number kiosk and reads the customer's pick. Showing reserves
 * nothing: the counter reserves the chosen number as it would any other, and the pool decides who gets it.
 */
@Component(service = NumberKioskService.class)
public class CounterNumberKiosk implements NumberKioskService {
    static final int DEFAULT_OFFER = 10;

    private final DeviceRegistry devices;
    private final HallDirectory halls;
    private final NumberPool pool;

    @Activate
    public CounterNumberKiosk(@Reference DeviceRegistry devices, @Reference HallDirectory halls,
            @Reference NumberPool pool) {
        this.devices = devices;
        this.halls = halls;
        this.pool = pool;
    }

    @Override
    public KioskOffer offer(Caller caller, String hall, String prefix, String pattern, Integer limit) {
        Hall h = HallDevices.actFor(halls, caller, hall);
        String digits = prefix == null || prefix.isBlank() ? null : prefix.trim();
        if (digits != null && !digits.matches("[0-9]{1,11}")) {
            throw ProblemException.badRequest("PREFIX_INVALID", "prefix is 1 to 11 digits", "prefix");
        }
        String shape = pattern == null || pattern.isBlank() ? null : pattern.trim();
        if (shape != null && !shape.matches("[0-9*]{1,11}")) {
            throw ProblemException.badRequest("PATTERN_INVALID", "pattern is digits and * (any run of digits)", "pattern");
        }
        int count = limit == null ? DEFAULT_OFFER : limit;
        if (count < 1 || count > MAX_OFFER) {
            throw ProblemException.badRequest("LIMIT_INVALID", "limit must be between 1 and " + MAX_OFFER, "limit");
        }
        BoundDevice<NumberKiosk> kiosk = HallDevices.bound(devices, h.id(), DeviceKind.NUMBER_KIOSK, NumberKiosk.class);
        List<PoolNumber> numbers = pool.available(h.province(), digits, shape, 0, count).items();
        HallDevices.call(kiosk, () -> {
            kiosk.driver().show(kiosk.config(), numbers.stream().map(PoolNumber::msisdn).toList());
            return null;
        });
        return new KioskOffer(h.id(), kiosk.config().id(), numbers);
    }

    @Override
    public Optional<KioskChoice> choice(Caller caller, String hall) {
        Hall h = HallDevices.actFor(halls, caller, hall);
        BoundDevice<NumberKiosk> kiosk = HallDevices.bound(devices, h.id(), DeviceKind.NUMBER_KIOSK, NumberKiosk.class);
        Optional<String> chosen = HallDevices.call(kiosk, () -> kiosk.driver().chosen(kiosk.config()));
        return chosen.filter(Msisdn::isValid).map(m -> new KioskChoice(h.id(), kiosk.config().id(), m,
                pool.find(new Msisdn(m)).map(PoolNumber::prestoreFen).orElse(0L)));
    }
}
