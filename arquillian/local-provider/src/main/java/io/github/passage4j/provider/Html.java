package io.github.passage4j.provider;

/** Builds the provider's few HTML pages. Everything that comes from a request or a user goes through {@link #escape}. */
final class Html {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            h1{font-size:1.4rem} .muted{color:#666;font-size:.9rem} .error{color:#a00}
            form{margin:1rem 0;padding:1rem;border:1px solid #ddd;border-radius:.5rem}
            button{display:block;width:100%;margin:.4rem 0;padding:.6rem;font-size:1rem;cursor:pointer;text-align:left}
            label{display:block;margin:.4rem 0} input[type=text],input[type=tel]{width:100%;padding:.4rem}
            """;

    private Html() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text safe to put in element content and in quoted attribute values
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param title the page title, plain text
     * @param body  the body's HTML, already escaped where needed
     * @return a complete HTML document
     */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + body + "\n</main>\n</body>\n</html>\n";
    }

    /**
     * @param title   the headline, plain text
     * @param message the explanation, plain text
     * @return an error page; it never links anywhere, as its cause may be an untrusted redirect URI
     */
    static String errorPage(String title, String message) {
        return page(title, "<h1>" + escape(title) + "</h1>\n<p class=\"error\" id=\"error\">" + escape(message) + "</p>");
    }
}
