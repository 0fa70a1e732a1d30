package dev.lambdarouter.router.alb;

/**
 * Character checks of the request path, without regular expressions (no matcher per header on the hot path): HTTP
 * tokens (RFC 9110 {@code tchar}: method and header names) and client request ids.
 */
final class HttpTokens {

    private HttpTokens() {}

    /** 1 to {@code maxLength} characters, each a {@code tchar}: {@code !#$%&'*+-.^_`|~}, digits and ASCII letters. */
    static boolean isToken(String s, int maxLength) {
        int n = s.length();
        if (n == 0 || n > maxLength) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** 1 to 128 characters of ASCII letters, digits, {@code .}, {@code _}, {@code :} and {@code -}. */
    static boolean isRequestId(String s) {
        int n = s.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!(isAlphanumeric(c) || c == '.' || c == '_' || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(char c) {
        return isAlphanumeric(c)
                || switch (c) {
                    case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
                    default -> false;
                };
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
