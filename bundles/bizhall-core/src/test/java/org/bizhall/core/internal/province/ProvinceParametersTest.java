package org.bizhall.core.internal.province;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParams;
import org.junit.Test;

public class ProvinceParametersTest {
    private final ProvinceRegistry registry = new ProvinceRegistry();

    private static ProvinceConfiguration configuration(String pid, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("service.pid", pid);
        all.put("service.factoryPid", ProvinceConfiguration.FACTORY_PID);
        all.put("felix.fileinstall.filename", "file:/opt/bizhall/etc/" + pid + ".cfg");
        ProvinceConfiguration configuration = new ProvinceConfiguration();
        configuration.configure(all);
        return configuration;
    }

    @Test
    public void provinceWithoutConfigurationRunsOnTheRulebookDefaults() {
        ProvinceParams sn = registry.of("SN");

        assertEquals("SN", sn.province());
        assertEquals(30, sn.integer(NationalParams.NUMBER_RESERVATION_MINUTES));
        assertEquals(10000, sn.fen(NationalParams.OPENING_DEPOSIT_FEN));
        assertEquals(1000, sn.fen(NationalParams.SIM_CARD_FEE_FEN));
        assertEquals(5000, sn.fen(NationalParams.SIM_FEE_WAIVER_DEPOSIT_COUNTY_FEN));
        assertEquals(10000, sn.fen(NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN));
        assertEquals(50000, sn.fen(NationalParams.INTL_ROAMING_DEPOSIT_FEN));
        assertEquals(20000, sn.fen(NationalParams.CANCEL_AVG_BILL_THRESHOLD_FEN));
        assertEquals(3000, sn.fen(NationalParams.CANCEL_PREPAY_FEN));
        assertEquals(90, sn.integer(NationalParams.NUMBER_QUARANTINE_DAYS));
        assertEquals(3, sn.integer(NationalParams.CANCELLATION_WAIT_MONTHS));
        assertEquals(60, sn.integer(NationalParams.ARREARS_TERMINATE_DAYS));
        assertEquals(20000, sn.fen(NationalParams.TRANSFER_MIN_DEPOSIT_FEN));
        assertEquals(50000, sn.fen(NationalParams.TRANSFER_MIN_DEPOSIT_INTL_FEN));
        assertEquals(30, sn.integer(NationalParams.ARREARS_GRACE_DAYS));
        assertEquals(5, sn.integer(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS));
        assertEquals("locked until the end of the business day", 0,
                sn.integer(NationalParams.SERVICE_PASSWORD_LOCK_MINUTES));
        assertEquals(500, sn.fen(NationalParams.KEEP_NUMBER_MONTHLY_FEE_FEN));
        assertEquals(Set.of(), registry.configured());
    }

    @Test
    public void everyNationalParameterHasADefault() throws IllegalAccessException {
        Map<String, Object> defaults = registry.of("SN").asMap();
        for (var field : NationalParams.class.getFields()) {
            String key = (String) field.get(null);
            assertTrue("no default for " + key, defaults.containsKey(key));
        }
        assertEquals(NationalParams.class.getFields().length, defaults.size());
    }

    @Test
    public void configuredValuesOverrideTheDefaultsOfThatProvinceOnly() {
        registry.addConfiguration(configuration("org.bizhall.province~SN",
                Map.of("province", "SN", NationalParams.TRANSFER_MIN_DEPOSIT_FEN, 30000L)));

        assertEquals(30000, registry.of("SN").fen(NationalParams.TRANSFER_MIN_DEPOSIT_FEN));
        assertEquals(10000, registry.of("SN").fen(NationalParams.OPENING_DEPOSIT_FEN));
        assertEquals(20000, registry.of("SX").fen(NationalParams.TRANSFER_MIN_DEPOSIT_FEN));
        assertEquals(Set.of("SN"), registry.configured());
    }

    @Test
    public void valuesFromCfgFilesArriveAsTextAndAreConverted() {
        registry.addConfiguration(configuration("org.bizhall.province~SX", Map.of("province", " sx ",
                NationalParams.OPENING_DEPOSIT_FEN, "15000", NationalParams.NUMBER_QUARANTINE_DAYS, " 60 ",
                "countyWaiver", "TRUE", "bonusFen", "800")));

        ProvinceParams sx = registry.of("SX");
        assertEquals(15000, sx.fen(NationalParams.OPENING_DEPOSIT_FEN));
        assertEquals(60, sx.integer(NationalParams.NUMBER_QUARANTINE_DAYS));
        assertEquals(15000L, sx.asMap().get(NationalParams.OPENING_DEPOSIT_FEN));
        assertTrue(sx.flag("countyWaiver"));
        assertEquals(800, sx.fen("bonusFen"));
        assertFalse("framework keys are not parameters", sx.asMap().containsKey("service.pid"));
        assertFalse(sx.asMap().containsKey("felix.fileinstall.filename"));
        assertFalse(sx.asMap().containsKey("province"));
    }

    @Test
    public void unknownKeyIsAConfigurationErrorNamingTheKey() {
        ProvinceParams sn = registry.of("SN");

        IllegalArgumentException fen = assertThrows(IllegalArgumentException.class, () -> sn.fen("noSuchFeeFen"));
        assertTrue(fen.getMessage(), fen.getMessage().contains("noSuchFeeFen"));
        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class, () -> sn.integer("noSuchDays"));
        assertTrue(integer.getMessage().contains("noSuchDays"));
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class, () -> sn.flag("noSuchFlag"));
        assertTrue(flag.getMessage().contains("noSuchFlag"));
    }

    @Test
    public void valueThatIsNotANumberFailsWhenReadInsteadOfFallingBackToTheDefault() {
        registry.addConfiguration(configuration("org.bizhall.province~SN",
                Map.of("province", "SN", NationalParams.CANCEL_PREPAY_FEN, "30 yuan")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.of("SN").fen(NationalParams.CANCEL_PREPAY_FEN));
        assertTrue(e.getMessage(), e.getMessage().contains(NationalParams.CANCEL_PREPAY_FEN));
    }

    @Test
    public void editedConfigurationTakesEffectOnTheNextLookup() {
        ProvinceConfiguration sn = configuration("org.bizhall.province~SN",
                Map.of("province", "SN", NationalParams.SIM_CARD_FEE_FEN, "1500"));
        registry.addConfiguration(sn);
        assertEquals(1500, registry.of("SN").fen(NationalParams.SIM_CARD_FEE_FEN));

        sn.configure(Map.of("service.pid", "org.bizhall.province~SN", "province", "SN", NationalParams.SIM_CARD_FEE_FEN, "2000"));
        assertEquals(2000, registry.of("SN").fen(NationalParams.SIM_CARD_FEE_FEN));

        registry.removeConfiguration(sn);
        assertEquals(1000, registry.of("SN").fen(NationalParams.SIM_CARD_FEE_FEN));
        assertEquals(Set.of(), registry.configured());
    }

    @Test
    public void namedFactoryConfigurationWithoutProvinceKeyTakesTheProvinceFromItsName() {
        registry.addConfiguration(configuration("org.bizhall.province~SN", Map.of(NationalParams.ARREARS_GRACE_DAYS, "45")));

        assertEquals(45, registry.of("sn").integer(NationalParams.ARREARS_GRACE_DAYS));
    }
}
