package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.persistence.Column;
import javax.persistence.Table;
import javax.sql.DataSource;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.NewSubscriber;
import org.junit.Test;

/**
 * Issue 8 defect 3: the limits the edge enforces ({@link TextLimits}), the entities' column lengths and the columns the
 * migrations create are the same numbers, read here from the schema itself, so they cannot drift apart.
 */
public class TextLimitsSchemaTest {

    /** Where each declared limit is stored. */
    private static final Map<String, Integer> DECLARED = new LinkedHashMap<>();
    static {
        DECLARED.put("subscribers.holder_name", TextLimits.NAME);
        DECLARED.put("subscribers.holder_id_number", TextLimits.ID_NUMBER);
        DECLARED.put("subscribers.holder_address", TextLimits.ADDRESS);
        DECLARED.put("accounts.holder_name", TextLimits.NAME);
        DECLARED.put("order_history.note", TextLimits.NOTE);
        DECLARED.put("orders.procedure_id", TextLimits.PROCEDURE_ID);
        DECLARED.put("orders.id", TextLimits.ORDER_ID);
    }

    private static Map<String, Integer> columnSizes(DataSource dataSource) throws Exception {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT);
                    if (type.contains("CHAR")) {
                        sizes.put((rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME")).toLowerCase(Locale.ROOT),
                                rs.getInt("COLUMN_SIZE"));
                    }
                }
            }
        }
        return sizes;
    }

    private static Map<String, Integer> migratedColumnSizes() throws Exception {
        DataSource dataSource = TestDatabase.freshDataSource();
        new Migrations(dataSource, TextLimitsSchemaTest.class.getClassLoader()).migrate();
        return columnSizes(dataSource);
    }

    @Test
    public void declaredTextLimitsAreTheColumnSizesOfTheMigratedSchema_defect3() throws Exception {
        Map<String, Integer> sizes = migratedColumnSizes();
        for (Map.Entry<String, Integer> declared : DECLARED.entrySet()) {
            assertNotNull("the schema has no column " + declared.getKey(), sizes.get(declared.getKey()));
            assertEquals("column " + declared.getKey() + " versus its TextLimits declaration", declared.getValue(),
                    sizes.get(declared.getKey()));
        }
    }

    @Test
    public void everyEntityTextColumnHasTheLengthOfItsMigratedColumn() throws Exception {
        Map<String, Integer> sizes = migratedColumnSizes();
        List<String> drift = new ArrayList<>();
        int checked = 0;
        for (Class<?> entity : entities()) {
            String table = entity.getAnnotation(Table.class).name().toLowerCase(Locale.ROOT);
            for (Field field : entity.getDeclaredFields()) {
                Column column = field.getAnnotation(Column.class);
                if (column == null || field.getType() != String.class) {
                    continue;
                }
                String name = table + "." + column.name().toLowerCase(Locale.ROOT);
                Integer size = sizes.get(name);
                checked++;
                if (size == null || size != column.length()) {
                    drift.add(name + ": entity " + column.length() + ", schema " + size);
                }
            }
        }
        assertTrue("entities with text columns were found", checked > 50);
        assertEquals("entity lengths that differ from the migrated schema", List.of(), drift);
    }

    @Test
    public void theStoreRefusesAHolderNameLongerThanItsColumnWithTheField_defect3() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            Customer holder = new Customer(CustomerType.PERSONAL, "名".repeat(TextLimits.NAME + 56), IdType.ID_CARD,
                    "11010519491231002X", "西安市");
            try {
                db.subscribers.register(new NewSubscriber("13891800001", "SN", "SN-XA-001", holder, "GOTONE-88", List.of(),
                        1L, null, "order-1"));
                fail("a 256-character name was stored");
            } catch (ProblemException e) {
                assertEquals(400, e.status());
                assertEquals(TextLimits.TOO_LONG, e.code());
                assertEquals("customer.name", e.field());
            }
            assertTrue("nothing is stored", db.subscribers.find(org.bizhall.api.common.Msisdn.parse("13891800001", "msisdn"))
                    .isEmpty());
        }
    }

    private static List<Class<?>> entities() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        try (InputStream xml = TextLimitsSchemaTest.class.getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
            Matcher m = Pattern.compile("<class>([^<]+)</class>").matcher(new String(xml.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                classes.add(Class.forName(m.group(1).trim()));
            }
        }
        return classes;
    }
}
