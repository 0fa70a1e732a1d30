package dev.lambdarouter.localstack.alb;

/** The HTTP/1.1 character rules (RFC 9110) that both the request head and a Lambda target's headers must follow. */
final class HttpSyntax {

    private HttpSyntax() {}

    /** A token: one or more letters, digits or {@code !#$%&'*+-.^_`|~} (a method or a header name). */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphaNum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphaNum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a header value holds a control character other than a horizontal tab. */
    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }
}
