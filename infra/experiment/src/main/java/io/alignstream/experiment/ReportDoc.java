package io.alignstream.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain summary of a run as headings, paragraphs, tables and images, rendered once as Markdown
 * ({@code summary.md}, also printed) and once as HTML ({@code report.html}), so both say the same.
 */
final class ReportDoc {
  private interface Block {}

  private record Heading(String text) implements Block {}

  private record Paragraph(String text) implements Block {}

  private record Table(List<String> header, List<List<String>> rows) implements Block {}

  private record Picture(String file, String caption) implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  ReportDoc(String title) {
    this.title = title;
  }

  ReportDoc heading(String text) {
    blocks.add(new Heading(text));
    return this;
  }

  ReportDoc paragraph(String text) {
    blocks.add(new Paragraph(text));
    return this;
  }

  ReportDoc table(List<String> header, List<List<String>> rows) {
    blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
    return this;
  }

  /** An image: only in the HTML (the Markdown names the file). */
  ReportDoc picture(String file, String caption) {
    blocks.add(new Picture(file, caption));
    return this;
  }

  String markdown() {
    StringBuilder s = new StringBuilder("# ").append(title).append("\n\n");
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        s.append("## ").append(h.text()).append("\n\n");
      } else if (b instanceof Paragraph p) {
        s.append(p.text()).append("\n\n");
      } else if (b instanceof Table t) {
        s.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
        t.header().forEach(h -> s.append("---|"));
        s.append('\n');
        for (List<String> row : t.rows()) {
          s.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        s.append('\n');
      } else if (b instanceof Picture p) {
        s.append("Plot: `").append(p.file()).append("` (").append(p.caption()).append(")\n\n");
      }
    }
    return s.toString();
  }

  String html() {
    StringBuilder s = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;"
            + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;"
            + "padding:3px 8px;text-align:left;font-size:13px}th{background:#f3f3f3}img{max-width:100%;border:1px solid #ddd}"
            + "figure{margin:1em 0}figcaption{font-size:13px;color:#555}</style></head><body>\n<h1>").append(esc(title))
        .append("</h1>\n");
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        s.append("<h2>").append(esc(h.text())).append("</h2>\n");
      } else if (b instanceof Paragraph p) {
        s.append("<p>").append(inline(p.text())).append("</p>\n");
      } else if (b instanceof Table t) {
        s.append("<table><tr>");
        t.header().forEach(h -> s.append("<th>").append(esc(h)).append("</th>"));
        s.append("</tr>\n");
        for (List<String> row : t.rows()) {
          s.append("<tr>");
          row.forEach(c -> s.append("<td>").append(inline(c)).append("</td>"));
          s.append("</tr>\n");
        }
        s.append("</table>\n");
      } else if (b instanceof Picture p) {
        s.append("<figure><img src=\"").append(esc(p.file())).append("\" alt=\"").append(esc(p.caption()))
            .append("\"><figcaption>").append(esc(p.caption())).append("</figcaption></figure>\n");
      }
    }
    return s.append("</body></html>\n").toString();
  }

  /** Escapes, then turns Markdown's **bold** and `code` into HTML. */
  private static String inline(String text) {
    return esc(text).replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
