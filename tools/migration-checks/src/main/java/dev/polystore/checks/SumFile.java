package dev.polystore.checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code migrations.sum} format, after atlas.sum:
 * <pre>
 * h1:&lt;total&gt;
 * V1__users_workspaces_keys.sql h1:&lt;hash&gt;
 * V2__users_locale.sql h1:&lt;hash&gt;
 * </pre>
 * Each {@code <hash>} is the base64 SHA-256 of the migration's bytes, with CRLF read as LF so that a
 * checkout's line endings do not count as an edit. {@code <total>} is the base64 SHA-256 of every
 * entry line below it, each with its newline. The total makes two changes that each add a migration
 * conflict in git on the first line, so the second to merge must rebase and renumber.
 */
public final class SumFile {

    public static final String FILE_NAME = "migrations.sum";

    private static final Pattern TOTAL = Pattern.compile("h1:([A-Za-z0-9+/]{43}=)");
    private static final Pattern ENTRY = Pattern.compile("(\\S+) h1:([A-Za-z0-9+/]{43}=)");

    private SumFile() {
    }

    /** The sum file's text for these migrations, in version order. */
    public static String render(List<Migration> migrations) {
        StringBuilder entries = new StringBuilder();
        for (Migration m : migrations) {
            entries.append(m.fileName()).append(' ').append(hash(m.content())).append('\n');
        }
        return hash(entries.toString().getBytes(StandardCharsets.UTF_8)) + "\n" + entries;
    }

    /** {@code h1:} and the base64 SHA-256 of the content with CRLF read as LF. */
    public static String hash(byte[] content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return "h1:" + Base64.getEncoder().encodeToString(sha256.digest(withoutCarriageReturns(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The content with each CRLF replaced by LF, so the same text hashes the same on every checkout. */
    public static byte[] withoutCarriageReturns(byte[] content) {
        byte[] out = new byte[content.length];
        int n = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                continue;
            }
            out[n++] = content[i];
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Parses a sum file.
     *
     * @throws IllegalArgumentException naming the first line that is not in the format
     */
    public static Parsed parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        Matcher total = TOTAL.matcher(lines[0]);
        if (!total.matches()) {
            throw new IllegalArgumentException("line 1 is not h1:<base64 sha256>");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        StringBuilder entryLines = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                break;
            }
            Matcher entry = ENTRY.matcher(lines[i]);
            if (!entry.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not <file> h1:<base64 sha256>");
            }
            if (entries.put(entry.group(1), "h1:" + entry.group(2)) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + " repeats " + entry.group(1));
            }
            entryLines.append(lines[i]).append('\n');
        }
        String computedTotal = hash(entryLines.toString().getBytes(StandardCharsets.UTF_8));
        return new Parsed("h1:" + total.group(1), computedTotal, entries);
    }

    /**
     * A parsed sum file.
     *
     * @param total the total hash the file states
     * @param computedTotal the total hash of the entry lines the file has
     * @param entries file name to hash, in file order
     */
    public record Parsed(String total, String computedTotal, Map<String, String> entries) {

        /** Whether the stated total matches the entries, i.e. nobody edited or merged the lines by hand. */
        public boolean totalMatches() {
            return total.equals(computedTotal);
        }
    }
}
