package org.bizhall.api.device;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/** A self-service note acceptor: takes notes of some denominations only and gives no change. */
@ConsumerType
public interface CashKiosk extends DeviceDriver {
    /** The note values, in fen, this kiosk accepts. */
    Set<Long> denominationsFen(DeviceConfig device);

    /**
     * Reports the notes inserted in the current session (values in fen, as the validator saw them): those accepted and
     * those pushed back.
     */
    CashReport accept(DeviceConfig device, List<Long> insertedFen);
}
