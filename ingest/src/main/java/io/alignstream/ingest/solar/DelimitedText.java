package io.alignstream.ingest.solar;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits comma- or tab-separated text into records, RFC 4180 style: a field in double quotes may hold
 * separators, newlines and doubled quotes. Cells are trimmed; blank lines are skipped. Hand-written
 * rather than a CSV library so that every record keeps its start line and original text for the
 * dead letter, and an unterminated quote becomes one bad record instead of an exception.
 */
final class DelimitedText {

  /**
   * One record.
   *
   * @param line 1-based line where the record starts
   * @param cells the fields, null when {@code error} is set
   * @param raw the record's original text
   * @param error why the record could not be split, else null
   */
  record Row(int line, List<String> cells, String raw, String error) {}

  private DelimitedText() {}

  /** Tab if the first non-blank line has one (SWAN-SF, JSOC text), else comma. */
  static char separatorOf(String content) {
    for (String line : content.split("\n", 50)) {
      if (!line.isBlank()) {
        return line.indexOf('\t') >= 0 ? '\t' : ',';
      }
    }
    return ',';
  }

  static List<Row> rows(String content, char separator) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean anyText = false;
    // Whether the cell so far is only whitespace; asking cell.toString().isBlank() at every quote made a
    // cell full of quotes quadratic (a 2 MB cell took minutes).
    boolean blankCell = true;
    int line = 1;
    int startLine = 1;
    int start = 0;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
          cell.append('"');
          blankCell = false;
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          cell.append(c);
          blankCell &= Character.isWhitespace(c);
        }
      } else if (c == '"' && blankCell) {
        quoted = true;
        anyText = true;
        cell.setLength(0);
      } else if (c == separator) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
        blankCell = true;
        anyText = true;
      } else if (c == '\n') {
        cells.add(cell.toString().strip());
        if (anyText || !cells.get(0).isEmpty()) {
          rows.add(new Row(startLine, List.copyOf(cells), content.substring(start, i).stripTrailing(), null));
        }
        cells.clear();
        cell.setLength(0);
        blankCell = true;
        anyText = false;
        line++;
        startLine = line;
        start = i + 1;
      } else {
        cell.append(c);
        blankCell &= Character.isWhitespace(c);
      }
    }
    if (quoted) {
      rows.add(new Row(startLine, null, content.substring(start),
          "unterminated quoted field in the record starting at line " + startLine));
    } else {
      cells.add(cell.toString().strip());
      if (anyText || !cells.get(0).isEmpty()) {
        rows.add(new Row(startLine, List.copyOf(cells), content.substring(start).stripTrailing(), null));
      }
    }
    return rows;
  }
}
