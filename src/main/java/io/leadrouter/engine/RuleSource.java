package io.leadrouter.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One rule file: a DRL file or a decision table (.xlsx, .xls, .csv), with its bytes and their SHA-256.
 *
 * @param path    its name as the API and sales ops see it: the directory's own name plus the relative path
 *                ({@code "decision-tables/territories.xlsx"}), wherever the directory is on this machine
 * @param content the file's bytes
 * @param sha256  hex SHA-256 of the content
 */
public record RuleSource(String path, byte[] content, String sha256) {

    /** Hashes the content once: versions, history and the status page all ask for it. */
    public RuleSource(String path, byte[] content) {
        this(path, content, sha256(content));
    }

    public enum Kind { DRL, XLS, XLSX, CSV }

    public Kind kind() {
        return kindOf(path);
    }

    public boolean isDecisionTable() {
        return kind() != Kind.DRL;
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The kind a file name denotes, or {@code null} when it is not a rule file. */
    public static Kind kindOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".drl")) return Kind.DRL;
        if (name.endsWith(".xlsx")) return Kind.XLSX;
        if (name.endsWith(".xls")) return Kind.XLS;
        if (name.endsWith(".csv")) return Kind.CSV;
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
