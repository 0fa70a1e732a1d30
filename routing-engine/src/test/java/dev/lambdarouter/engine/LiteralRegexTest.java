package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The string-comparison form of literal regexes full-matches exactly what the regex engine does. */
class LiteralRegexTest {
    private static final String[] LITERAL_SHAPES = {
        ".*Mobile.*", ".*Mobile", "Mobile.*", "Mobile", ".*", "", ".*.*", ".*a b-c/1:2=3,4;<>!@#%&'\"_~`.*"
    };
    private static final String[] OTHER_SHAPES = {
        ".*Mob.le.*",
        "(?i)mobile",
        ".*(Mobile|Tablet).*",
        "Mobile+",
        "[M]obile",
        "..*",
        "a{2}",
        "\\.*x",
        ".*x\\.*",
        "^Mobile$",
        "Mobile?",
        "Mo\\w",
        "é.*"
    };
    private static final String[] VALUES = {
        "",
        "Mobile",
        "mobile",
        "Mozilla/5.0 (iPhone) Mobile/15E148",
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
        "Mobile\n",
        "\nMobile",
        "a\rMobile",
        "Mobile\u0085x",
        "x\u2028Mobile",
        "Mobile\u2029",
        "MobileMobile",
        "Mobil",
        "x Mobile y \uD83D\uDE00",
        "a b-c/1:2=3,4;<>!@#%&'\"_~`",
        "za b-c/1:2=3,4;<>!@#%&'\"_~`z"
    };

    @Test
    void agreesWithTheRegexEngineOnEveryValue() {
        for (String regex : LITERAL_SHAPES) {
            Pattern pattern = Pattern.compile(regex);
            LiteralRegex literal = LiteralRegex.of(pattern);
            assertNotNull(literal, regex);
            for (String value : VALUES) {
                assertEquals(pattern.matcher(value).matches(), literal.matches(value), regex + " on " + value);
            }
        }
    }

    @Test
    void leavesEveryOtherShapeToTheRegexEngine() {
        for (String regex : OTHER_SHAPES) {
            assertNull(LiteralRegex.of(Pattern.compile(regex)), regex);
        }
        assertNull(LiteralRegex.of(Pattern.compile("Mobile", Pattern.CASE_INSENSITIVE)));
        assertNull(LiteralRegex.of(Pattern.compile(".*Mobile.*", Pattern.DOTALL)));
    }
}
