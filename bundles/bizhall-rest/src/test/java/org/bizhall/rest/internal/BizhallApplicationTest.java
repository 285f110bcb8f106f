package org.bizhall.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.ws.rs.Path;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The API is published as one application: every resource and JAX-RS provider of this bundle is a part of
 * {@link BizhallApplication}, and none registers on the whiteboard by itself (which would make the whiteboard rebuild
 * the application as each arrives). Read from the component descriptions bnd wrote into the bundle, so a resource added
 * without being added to the application fails here rather than being silently never served.
 */
public class BizhallApplicationTest {
    private static final List<Element> COMPONENTS = new ArrayList<>();
    private static Element application;

    @BeforeClass
    public static void readDescriptions() throws Exception {
        File dir = new File("target/classes/OSGI-INF");
        File[] files = dir.listFiles((d, name) -> name.endsWith(".xml"));
        assertTrue("component descriptions in " + dir.getAbsolutePath(), files != null && files.length > 0);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (File file : files) {
            Document doc = factory.newDocumentBuilder().parse(file);
            Element component = doc.getDocumentElement();
            COMPONENTS.add(component);
            if (BizhallApplication.class.getName().equals(implementation(component))) {
                application = component;
            }
        }
        assertTrue("the application's description", application != null);
    }

    @Test
    public void everyResourceIsAPartOfTheApplication() throws Exception {
        Set<String> resources = new TreeSet<>();
        for (Element component : COMPONENTS) {
            if (Class.forName(implementation(component)).isAnnotationPresent(Path.class)) {
                resources.add(implementation(component));
            }
        }
        assertTrue("resources found: " + resources, resources.size() >= 20);
        Set<String> referenced = new TreeSet<>();
        for (Element reference : elements(application, "reference")) {
            referenced.add(reference.getAttribute("interface"));
        }
        Set<String> missing = new TreeSet<>(resources);
        missing.removeAll(referenced);
        assertEquals("resources the application does not hold (never served)", Set.of(), missing);
    }

    @Test
    public void everyProviderIsAPartOfTheApplicationByName() throws Exception {
        Map<String, String> targets = new TreeMap<>();
        for (Element reference : elements(application, "reference")) {
            if (!reference.getAttribute("target").isEmpty()) {
                targets.put(reference.getAttribute("target"), reference.getAttribute("interface"));
            }
        }
        int providers = 0;
        for (Element component : COMPONENTS) {
            Class<?> type = Class.forName(implementation(component));
            if (!isJaxrsProvider(type)) {
                continue;
            }
            providers++;
            String name = property(component, "osgi.jaxrs.name");
            assertTrue(type + " has no osgi.jaxrs.name to be picked by", name != null);
            String target = "(osgi.jaxrs.name=" + name + ")";
            assertTrue(type + " is not held by the application", targets.containsKey(target));
            assertTrue(type + " is not a " + targets.get(target), Class.forName(targets.get(target)).isAssignableFrom(type));
        }
        assertEquals("JSON, three problem mappers, authentication", 5, providers);
    }

    @Test
    public void nothingButTheApplicationIsOnTheWhiteboard() {
        for (Element component : COMPONENTS) {
            String name = implementation(component);
            assertEquals(name + " registers as a whiteboard resource", null, property(component, "osgi.jaxrs.resource"));
            assertEquals(name + " registers as a whiteboard extension", null, property(component, "osgi.jaxrs.extension"));
        }
        assertEquals(Jaxrs.BASE, property(application, "osgi.jaxrs.application.base"));
    }

    @Test
    public void thePartsAreEachOnceProvidersFirst() {
        Object json = new Object();
        Object resource = new Object();
        assertEquals(List.of(json, resource), new ArrayList<>(BizhallApplication.parts(List.of(json), List.of(resource, json))));
        assertFalse(new BizhallApplication().getSingletons() == null);
    }

    private static boolean isJaxrsProvider(Class<?> type) {
        return MessageBodyReader.class.isAssignableFrom(type) || MessageBodyWriter.class.isAssignableFrom(type)
                || ExceptionMapper.class.isAssignableFrom(type) || ContainerRequestFilter.class.isAssignableFrom(type)
                || ContainerResponseFilter.class.isAssignableFrom(type);
    }

    private static String implementation(Element component) {
        return elements(component, "implementation").get(0).getAttribute("class");
    }

    private static String property(Element component, String name) {
        for (Element property : elements(component, "property")) {
            if (name.equals(property.getAttribute("name"))) {
                return property.hasAttribute("value") ? property.getAttribute("value") : property.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
