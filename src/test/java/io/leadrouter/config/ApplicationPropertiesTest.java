package io.leadrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The configuration a user copies or runs must parse as written: the test profile never reads {@code %dev} or
 * {@code %prod} keys, so a broken one (an unescaped space in a quoted pool name ended the key early and stopped
 * {@code ./mvnw quarkus:dev} from starting) is only caught here.
 */
class ApplicationPropertiesTest {

    @Test
    void everyQuotedKeySegmentIsClosedInApplicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertTrue(properties.size() > 10, "application.properties was read");
        List<String> broken = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.chars().filter(c -> c == '"').count() % 2 != 0) {
                broken.add(key + " = " + properties.getProperty(key));
            }
        }
        assertEquals(List.of(), broken, "keys cut short by an unescaped space (write \"UK\\ &\\ Ireland\")");
    }

    /** Properties blocks in the docs are pasted into application.properties: no trailing comments, closed keys. */
    @Test
    void propertiesBlocksInTheDocsParseAsWritten() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("rules/README.md")));
        try (var files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        Pattern block = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);
        List<String> broken = new ArrayList<>();
        int blocks = 0;
        for (Path doc : docs) {
            Matcher m = block.matcher(Files.readString(doc));
            while (m.find()) {
                blocks++;
                Properties properties = new Properties();
                properties.load(new StringReader(m.group(1)));
                for (String key : properties.stringPropertyNames()) {
                    String value = properties.getProperty(key);
                    if (key.chars().filter(c -> c == '"').count() % 2 != 0 || value.matches(".*\\s#.*")) {
                        broken.add(doc + ": " + key + " = " + value);
                    }
                }
            }
        }
        assertTrue(blocks > 0, "the docs have properties blocks");
        assertEquals(List.of(), broken, "a trailing '# comment' is part of the value in a properties file");
    }
}
