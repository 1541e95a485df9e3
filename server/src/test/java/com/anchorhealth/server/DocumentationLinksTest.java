package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clone of the repository is all a reader has: every link in README.md and docs/ must lead to a
 * file (and heading) inside it. Links to other sites, absolute paths and paths that climb out of the
 * repository are refused, as are links to files or headings that do not exist.
 */
class DocumentationLinksTest {
    /** Surefire runs in the module's directory, one level below the repository root. */
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** {@code [text](target)} and {@code ![alt](target)}, target up to the first space or parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern CODE_BLOCK = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void everyLinkInTheReadmeAndDocsLeadsToAFileOrHeadingInTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> documents = documents();
        for (Path document : documents) {
            for (String target : links(document)) {
                problem(document, target).ifPresent(reason ->
                        broken.add(REPOSITORY.relativize(document) + ": (" + target + ") " + reason));
            }
        }
        assertTrue(documents.size() > 4, "README.md and the docs were found: " + documents);
        assertEquals(List.of(), broken);
    }

    @Test
    void theCheckRefusesLinksThatLeaveTheRepositoryOrLeadNowhere() throws IOException {
        Path readme = REPOSITORY.resolve("README.md");
        assertTrue(problem(readme, "https://example.com/API.md").isPresent());
        assertTrue(problem(readme, "../shared/API.md").isPresent());
        assertTrue(problem(readme, "/etc/passwd").isPresent());
        assertTrue(problem(readme, "docs/NO_SUCH_FILE.md").isPresent());
        assertTrue(problem(readme, "docs/API.md#no-such-heading").isPresent());
        assertTrue(problem(readme, "docs/API.md#paging").isEmpty());
        assertTrue(problem(readme, "proto/src/main/proto/anchorhealth/v1").isEmpty());
    }

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    private static List<String> links(Path document) throws IOException {
        // Code blocks hold shell and JSON, whose brackets and parentheses are not links.
        String prose = CODE_BLOCK.matcher(Files.readString(document)).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(prose);
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    private static Optional<String> problem(Path document, String target) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//")) {
            return Optional.of("leaves the repository: a clone does not have it");
        }
        if (target.startsWith("/")) {
            return Optional.of("is an absolute path");
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
        if (!resolved.startsWith(REPOSITORY)) {
            return Optional.of("climbs out of the repository");
        }
        if (!Files.exists(resolved)) {
            return Optional.of("no such file");
        }
        if (hash >= 0 && !headingSlugs(resolved).contains(target.substring(hash + 1))) {
            return Optional.of("no such heading");
        }
        return Optional.empty();
    }

    /** The anchors GitHub gives headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> headingSlugs(Path markdown) throws IOException {
        Matcher heading = HEADING.matcher(CODE_BLOCK.matcher(Files.readString(markdown)).replaceAll(""));
        List<String> slugs = new ArrayList<>();
        while (heading.find()) {
            slugs.add(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return slugs.stream().collect(Collectors.toSet());
    }
}
