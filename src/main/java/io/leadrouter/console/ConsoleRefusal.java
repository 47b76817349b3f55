package io.leadrouter.console;

/** A console request answered with an HTML error page (not a problem detail: a person is reading it). */
public class ConsoleRefusal extends RuntimeException {

    private final int status;
    private final String title;

    public ConsoleRefusal(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
