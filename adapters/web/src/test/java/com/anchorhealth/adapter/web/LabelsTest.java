package com.anchorhealth.adapter.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelsTest {

    @Test
    void bothLanguagesHaveTheSameLabels() throws IOException {
        assertEquals(keys("/console/labels.properties"), keys("/console/labels_zh_CN.properties"));
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties labels = new Properties();
        try (Reader reader = new InputStreamReader(LabelsTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            labels.load(reader);
        }
        return new TreeSet<>(labels.stringPropertyNames());
    }

    @Test
    void theLanguageIsTheOnePickedElseTheFirstSpokenOfAcceptLanguage() {
        assertEquals(Labels.CHINESE, Labels.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(Labels.CHINESE, Labels.fromAcceptLanguage("fr-FR, zh-Hans;q=0.5"));
        assertEquals(Labels.ENGLISH, Labels.fromAcceptLanguage("en-GB,zh-CN;q=0.5"));
        assertEquals(Labels.ENGLISH, Labels.fromAcceptLanguage("fr-FR"));
        assertEquals(Labels.ENGLISH, Labels.fromAcceptLanguage(";;;garbage"));
        assertEquals(Optional.of(Labels.CHINESE), Labels.fromTag("zh-cn"));
        assertEquals(Optional.empty(), Labels.fromTag("de"));
        assertEquals(List.of("总览", "Overview"), List.of(Labels.of(Labels.CHINESE).t("nav.overview"),
                Labels.of(Labels.ENGLISH).t("nav.overview")));
    }
}
