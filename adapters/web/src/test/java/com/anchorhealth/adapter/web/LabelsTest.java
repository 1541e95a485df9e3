package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.access.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void bothLanguagesHaveTheSameLabels() throws IOException {
        assertEquals(keys("/console/labels.properties"), keys("/console/labels_zh_CN.properties"));
    }

    /** The header names the visitor's role in words: every role of a tokens file has them. */
    @Test
    void everyRoleIsNamed() throws IOException {
        Set<String> keys = keys("/console/labels.properties");
        for (Role role : Role.values()) {
            assertTrue(keys.contains("role." + role.label()), role.label());
        }
    }

    /**
     * An error page says in words what happened: every status the console answers with (WebConsole's
     * refusals, and Javalin's 413 for a form over the size limit) has a title of its own, never its code.
     */
    @Test
    void everyErrorStatusTheConsoleAnswersWithHasATitleInWords() {
        for (Labels labels : List.of(Labels.of(Labels.ENGLISH, SHANGHAI), Labels.of(Labels.CHINESE, SHANGHAI))) {
            Set<String> titles = new TreeSet<>();
            for (int status : List.of(400, 401, 403, 404, 409, 413, 500, 503)) {
                String title = labels.errorTitle(status);
                assertFalse(title.matches(".*\\d.*"), status + ": " + title);
                assertTrue(titles.add(title), status + " has a title of its own: " + title);
            }
            assertTrue(titles.add(labels.errorTitle(418)), "any other status is \"something went wrong\"");
        }
        Labels chinese = Labels.of(Labels.CHINESE, SHANGHAI);
        assertEquals(List.of("与当前状态冲突", "未找到", "无权访问", "请求有误"), List.of(chinese.errorTitle(409),
                chinese.errorTitle(404), chinese.errorTitle(403), chinese.errorTitle(400)));
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
        assertEquals(List.of("总览", "Overview"), List.of(Labels.of(Labels.CHINESE, SHANGHAI).t("nav.overview"),
                Labels.of(Labels.ENGLISH, SHANGHAI).t("nav.overview")));
    }

    @Test
    void timesAreToldInThePlatformsZoneWithItsOffset() {
        Instant lateEveningUtc = Instant.parse("2024-04-30T22:03:07Z");
        for (Labels labels : List.of(Labels.of(Labels.ENGLISH, SHANGHAI), Labels.of(Labels.CHINESE, SHANGHAI))) {
            assertEquals("2024-05-01 06:03:07 GMT+8", labels.time(lateEveningUtc), "the next morning in Shanghai");
            assertEquals("2024-05-01 06:03:07", labels.plainTime(lateEveningUtc));
            assertEquals("Asia/Shanghai", labels.zone());
        }
        assertEquals("2024-04-30 22:03:07 GMT", Labels.of(Labels.ENGLISH, ZoneId.of("UTC")).time(lateEveningUtc));
    }

    @Test
    void numbersAreGroupedInBothLanguages() {
        assertEquals("6,000,000", Labels.of(Labels.ENGLISH, SHANGHAI).number(6_000_000));
        assertEquals("6,000,000", Labels.of(Labels.CHINESE, SHANGHAI).number(6_000_000));
        assertEquals("-1,234", Labels.of(Labels.CHINESE, SHANGHAI).number(-1_234));
        assertEquals("999", Labels.of(Labels.ENGLISH, SHANGHAI).number(999));
    }
}
