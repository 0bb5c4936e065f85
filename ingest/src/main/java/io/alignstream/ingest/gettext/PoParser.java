package io.alignstream.ingest.gettext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The .po syntax, line by line, on the ISO-8859-1 view of the file (keywords and quotes are ASCII in
 * every charset gettext allows, so the header charset can be applied afterwards, per string).
 *
 * <p>An entry is its comments, then {@code msgctxt}, {@code msgid}, {@code msgid_plural}, {@code msgstr}
 * or {@code msgstr[n]}, each followed by quoted strings that may continue on the next lines. It ends where
 * the next one begins (a comment, {@code msgctxt} or {@code msgid} after its msgstr) or at the end of the
 * file; blank lines are only whitespace, as in gettext. Obsolete {@code #~} entries are skipped along with
 * the comments above them. On a syntax error the entry becomes one error item at the offending line and
 * the parser skips to the next blank line, comment, {@code msgctxt} or {@code msgid}, so one broken entry
 * costs only itself.
 */
final class PoParser {
  private static final Pattern INDEXED_MSGSTR = Pattern.compile("msgstr\\[\\d{1,4}]");

  /** An entry whose strings are still ISO-8859-1 views of the file's bytes. */
  static final class RawEntry {
    final int line;
    final boolean fuzzy;
    final Set<String> flags;
    StringBuilder msgctxt;
    StringBuilder msgid;
    StringBuilder msgidPlural;
    final List<StringBuilder> msgstr = new ArrayList<>();
    private StringBuilder last;

    private RawEntry(int line, boolean fuzzy, Set<String> flags) {
      this.line = line;
      this.fuzzy = fuzzy;
      this.flags = Set.copyOf(flags);
    }

    private boolean hasMsgstr() {
      return !msgstr.isEmpty();
    }
  }

  /** Either an entry or an error; {@code line} is the entry's first keyword or the offending line. */
  record Item(RawEntry entry, String error, int line, String raw) {}

  private final List<Item> items = new ArrayList<>();
  private final List<String> pendingRaw = new ArrayList<>();
  private final Set<String> pendingFlags = new LinkedHashSet<>();
  private boolean pendingFuzzy;
  private RawEntry entry;
  private final List<String> entryRaw = new ArrayList<>();
  private String skipError;
  private int skipLine;
  private final List<String> skipRaw = new ArrayList<>();

  private PoParser() {}

  static List<Item> parse(List<String> lines) {
    PoParser parser = new PoParser();
    for (int i = 0; i < lines.size(); i++) {
      parser.accept(i + 1, lines.get(i));
    }
    parser.finish();
    return parser.items;
  }

  private void accept(int no, String text) {
    String t = text.substring(PoStrings.skipBlanks(text, 0));
    if (skipError != null) {
      if (!startsAgain(t)) {
        skipRaw.add(text);
        return;
      }
      endSkipping();
    }
    if (t.isEmpty()) {
      return;
    }
    if (t.charAt(0) == '#') {
      comment(t, text);
    } else if (t.charAt(0) == '"') {
      continuation(no, t, text);
    } else {
      keyword(no, t, text);
    }
  }

  private static boolean startsAgain(String t) {
    String keyword = keywordOf(t);
    return t.isEmpty() || t.charAt(0) == '#' || keyword.equals("msgctxt") || keyword.equals("msgid");
  }

  private void comment(String t, String text) {
    closeEntry();
    if (t.startsWith("#~")) {
      // The comments above an obsolete entry belong to it, not to the next live one.
      pendingRaw.clear();
      pendingFlags.clear();
      pendingFuzzy = false;
      return;
    }
    pendingRaw.add(text);
    if (t.startsWith("#,")) {
      for (String flag : t.substring(2).split(",")) {
        String f = flag.strip();
        if (f.equals("fuzzy")) {
          pendingFuzzy = true;
        } else if (!f.isEmpty()) {
          pendingFlags.add(f);
        }
      }
    }
    // '#', '#.', '#:' and '#|' (translator, extracted, reference, previous) carry nothing an entry keeps.
  }

  private void keyword(int no, String t, String text) {
    String keyword = keywordOf(t);
    if (keyword.equals("msgctxt") || keyword.equals("msgid")) {
      // A complete entry ends here; so does one that already has this keyword (it lacks its msgstr).
      if (entry != null && (entry.hasMsgstr() || entry.msgid != null || keyword.equals("msgctxt"))) {
        closeEntry();
      }
      if (entry == null) {
        startEntry(no);
      }
    } else if (!isKnown(keyword) && entry != null && entry.hasMsgstr()) {
      closeEntry();
    }
    String problem = problemWith(keyword);
    if (problem != null) {
      fail(no, problem, text);
      return;
    }
    entryRaw.add(text);
    StringBuilder target = new StringBuilder();
    switch (keyword) {
      case "msgctxt" -> entry.msgctxt = target;
      case "msgid" -> entry.msgid = target;
      case "msgid_plural" -> entry.msgidPlural = target;
      default -> entry.msgstr.add(target);
    }
    entry.last = target;
    strings(no, t, keyword.length(), text);
  }

  /** Why {@code keyword} cannot come next in the current entry, or null when it can. */
  private String problemWith(String keyword) {
    if (!isKnown(keyword)) {
      return "unknown keyword '" + keyword + "'";
    }
    if (keyword.equals("msgctxt") || keyword.equals("msgid")) {
      return null;
    }
    if (entry == null || entry.msgid == null) {
      return keyword + " before msgid";
    }
    if (keyword.equals("msgid_plural")) {
      return entry.hasMsgstr() || entry.msgidPlural != null ? "misplaced msgid_plural" : null;
    }
    if (keyword.equals("msgstr")) {
      return entry.hasMsgstr() ? "duplicate msgstr"
          : entry.msgidPlural != null ? "plural entry needs msgstr[n], found msgstr" : null;
    }
    if (entry.msgidPlural == null) {
      return keyword + " without msgid_plural";
    }
    int index = Integer.parseInt(keyword.substring("msgstr[".length(), keyword.length() - 1));
    return index == entry.msgstr.size() ? null
        : keyword + " out of order, expected msgstr[" + entry.msgstr.size() + "]";
  }

  private static boolean isKnown(String keyword) {
    return switch (keyword) {
      case "msgctxt", "msgid", "msgid_plural", "msgstr" -> true;
      default -> INDEXED_MSGSTR.matcher(keyword).matches();
    };
  }

  private void continuation(int no, String t, String text) {
    if (entry == null) {
      fail(no, "string without a keyword", text);
      return;
    }
    entryRaw.add(text);
    strings(no, t, 0, text);
  }

  private void strings(int no, String t, int from, String text) {
    try {
      PoStrings.parse(t, from, entry.last);
    } catch (CatalogFormatException e) {
      entryRaw.remove(entryRaw.size() - 1);
      fail(no, e.getMessage(), text);
    }
  }

  private void startEntry(int no) {
    entry = new RawEntry(no, pendingFuzzy, pendingFlags);
    entryRaw.addAll(pendingRaw);
    clearPending();
  }

  /** Ends the current entry: complete ones come out, incomplete ones are errors at their first line. */
  private void closeEntry() {
    if (entry == null) {
      return;
    }
    if (entry.hasMsgstr()) {
      items.add(new Item(entry, null, entry.line, String.join("\n", entryRaw)));
    } else {
      String problem = entry.msgid == null ? "msgctxt without msgid" : "msgid without msgstr";
      items.add(new Item(null, "line " + entry.line + ": " + problem, entry.line, String.join("\n", entryRaw)));
    }
    entry = null;
    entryRaw.clear();
  }

  /** The current entry (or the stray line) is broken: report it once skipping reaches the next entry. */
  private void fail(int no, String problem, String text) {
    skipError = "line " + no + ": " + problem;
    skipLine = no;
    skipRaw.addAll(entry != null ? entryRaw : pendingRaw);
    skipRaw.add(text);
    entry = null;
    entryRaw.clear();
    clearPending();
  }

  private void endSkipping() {
    items.add(new Item(null, skipError, skipLine, String.join("\n", skipRaw)));
    skipError = null;
    skipRaw.clear();
  }

  private void clearPending() {
    pendingRaw.clear();
    pendingFlags.clear();
    pendingFuzzy = false;
  }

  private void finish() {
    if (skipError != null) {
      endSkipping();
    }
    closeEntry();
  }

  private static String keywordOf(String t) {
    int end = 0;
    while (end < t.length() && t.charAt(end) != '"' && !PoStrings.isBlank(t.charAt(end))) {
      end++;
    }
    return t.substring(0, end);
  }
}
