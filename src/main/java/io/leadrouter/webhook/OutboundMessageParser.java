package io.leadrouter.webhook;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Salesforce outbound message (SOAP 1.1) with the JDK's namespace-aware DOM parser, DTDs and external
 * entities disabled (no XXE, no entity expansion bombs).
 */
final class OutboundMessageParser {

    static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** @param fields the sObject's fields by API name ({@code Email}), nil fields left out */
    record Notification(String id, String sObjectType, Map<String, String> fields, String rawXml) {
    }

    record OutboundMessage(String organizationId, List<Notification> notifications) {
    }

    static final class MalformedMessageException extends Exception {
        private final String organizationId;

        MalformedMessageException(String message) {
            this(message, null);
        }

        MalformedMessageException(String message, String organizationId) {
            super(message);
            this.organizationId = organizationId;
        }

        /** The org id read before the message was found malformed, if any: checked first, so strangers get 403. */
        String organizationId() {
            return organizationId;
        }
    }

    /** Deepest element nesting accepted; a real outbound message nests 5 levels. */
    static final int MAX_DEPTH = 32;
    /** Most elements accepted in one message (100 notifications of a few hundred fields fit). */
    static final int MAX_ELEMENTS = 50_000;

    private OutboundMessageParser() {
    }

    /**
     * Streams the message once, non-recursively, within {@link #MAX_DEPTH} and {@link #MAX_ELEMENTS}, and returns
     * {@code notifications/OrganizationId}: the org can be checked before the message is parsed into a tree, and a
     * hostile nesting never reaches a recursive parser (no {@code StackOverflowError}).
     */
    static String organizationId(byte[] xml) throws MalformedMessageException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        String organizationId = null;
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                int depth = 0;
                int elements = 0;
                boolean inNotifications = false;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new MalformedMessageException("The body is not well-formed XML, or declares a DTD");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        elements++;
                        if (depth > MAX_DEPTH) {
                            throw new MalformedMessageException("The XML nests deeper than " + MAX_DEPTH + " elements",
                                    organizationId);
                        }
                        if (elements > MAX_ELEMENTS) {
                            throw new MalformedMessageException("The XML has more than " + MAX_ELEMENTS + " elements",
                                    organizationId);
                        }
                        if (depth == 3 && OUTBOUND.equals(reader.getNamespaceURI())
                                && "notifications".equals(reader.getLocalName())) {
                            inNotifications = true;
                        } else if (inNotifications && depth == 4 && organizationId == null
                                && OUTBOUND.equals(reader.getNamespaceURI())
                                && "OrganizationId".equals(reader.getLocalName())) {
                            organizationId = reader.getElementText().trim();
                            depth--; // getElementText consumed the end tag.
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        if (depth == 3) {
                            inNotifications = false;
                        }
                        depth--;
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new MalformedMessageException("The body is not well-formed XML, or declares a DTD", organizationId);
        }
        if (organizationId == null || organizationId.isBlank()) {
            throw new MalformedMessageException("Expected soapenv:Envelope/soapenv:Body/notifications/OrganizationId "
                    + "in namespace " + OUTBOUND);
        }
        return organizationId;
    }

    static OutboundMessage parse(byte[] xml) throws MalformedMessageException {
        Document document;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // Answered as a fault; not printed to stderr.
                }
            });
            document = builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            throw new MalformedMessageException("The body is not well-formed XML, or declares a DTD");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
        Element envelope = document.getDocumentElement();
        if (!is(envelope, SOAP_ENVELOPE, "Envelope")) {
            throw new MalformedMessageException("Expected a SOAP 1.1 Envelope");
        }
        Element body = child(envelope, SOAP_ENVELOPE, "Body");
        Element notifications = body == null ? null : child(body, OUTBOUND, "notifications");
        if (notifications == null) {
            throw new MalformedMessageException("Expected soapenv:Body/notifications in namespace " + OUTBOUND);
        }
        Element organization = child(notifications, OUTBOUND, "OrganizationId");
        if (organization == null || organization.getTextContent().isBlank()) {
            throw new MalformedMessageException("The notifications element has no OrganizationId");
        }
        List<Notification> parsed = new ArrayList<>();
        for (Node n = notifications.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element notification && is(notification, OUTBOUND, "Notification")) {
                parsed.add(notification(notification));
            }
        }
        if (parsed.isEmpty()) {
            throw new MalformedMessageException("The message has no Notification");
        }
        return new OutboundMessage(organization.getTextContent().trim(), parsed);
    }

    private static Notification notification(Element notification) throws MalformedMessageException {
        Element id = child(notification, OUTBOUND, "Id");
        Element sObject = child(notification, OUTBOUND, "sObject");
        if (id == null || id.getTextContent().isBlank() || sObject == null) {
            throw new MalformedMessageException("A Notification lacks its Id or sObject");
        }
        String type = sObject.getAttributeNS(XSI, "type");
        // "sf:Lead": the prefix is whatever the sender bound; the local part names the object.
        String localType = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node n = sObject.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element field && !"true".equals(field.getAttributeNS(XSI, "nil"))) {
                fields.put(field.getLocalName(), field.getTextContent().trim());
            }
        }
        return new Notification(id.getTextContent().trim(), localType, fields, serialise(notification));
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static boolean is(Element element, String namespace, String localName) {
        return namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element && is(element, namespace, localName)) {
                return element;
            }
        }
        return null;
    }

    /** The Notification element as XML, with the namespaces it uses, for the inbox. */
    private static String serialise(Element element) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialise a parsed notification", e);
        }
    }
}
