package io.alignstream.ingest.gettext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes .mo files for tests, in either byte order, so the reader is checked against bytes we control
 * (msgfmt only writes the machine's own byte order). System-dependent messages mark their segments as
 * {@code <NAME>}, the way a .po spells them; the header entry is whatever the caller passes first.
 */
final class MoWriter {
  private static final Pattern SEGMENT = Pattern.compile("<([A-Za-z0-9_]+)>");

  /** A message to store; {@code msgstr} holds one string per plural form. */
  record Message(String msgctxt, String msgid, String msgidPlural, List<String> msgstr) {
    static Message of(String msgid, String msgstr) {
      return new Message(null, msgid, null, List.of(msgstr));
    }
  }

  static Message header(String charset) {
    return Message.of("", "Project-Id-Version: test 1.0\nMIME-Version: 1.0\nContent-Type: text/plain; charset="
        + charset + "\nContent-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=2; plural=(n > 1);\n");
  }

  private final Charset charset;
  private final ByteOrder order;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private int dataStart;

  private MoWriter(Charset charset, ByteOrder order) {
    this.charset = charset;
    this.order = order;
  }

  static byte[] write(List<Message> messages, Charset charset, ByteOrder order) {
    return write(messages, List.of(), charset, order, 0);
  }

  /** @param revision 0 for a plain file; sysdep messages need a minor revision of at least 1 */
  static byte[] write(List<Message> messages, List<Message> sysdep, Charset charset, ByteOrder order,
      int revision) {
    return new MoWriter(charset, order).build(messages, sysdep, revision);
  }

  private byte[] build(List<Message> messages, List<Message> sysdep, int revision) {
    Map<String, Integer> segments = new LinkedHashMap<>();
    for (Message m : sysdep) {
      for (String text : texts(m)) {
        Matcher s = SEGMENT.matcher(text);
        while (s.find()) {
          segments.putIfAbsent(s.group(1), segments.size());
        }
      }
    }
    boolean extended = (revision & 0xffff) >= 1;
    int n = messages.size();
    int headerBytes = extended ? 48 : 28;
    int origTable = headerBytes;
    int transTable = origTable + 8 * n;
    int segTable = transTable + 8 * n;
    int sysOrig = segTable + 8 * segments.size();
    int sysTrans = sysOrig + 4 * sysdep.size();
    dataStart = sysTrans + 4 * sysdep.size();

    List<int[]> originals = new ArrayList<>();
    List<int[]> translations = new ArrayList<>();
    for (Message m : messages) {
      originals.add(string(original(m)));
      translations.add(string(String.join("\0", m.msgstr())));
    }
    List<int[]> segmentStrings = new ArrayList<>();
    for (String name : segments.keySet()) {
      segmentStrings.add(string(name));
    }
    List<Integer> sysOrigDescriptors = new ArrayList<>();
    List<Integer> sysTransDescriptors = new ArrayList<>();
    for (Message m : sysdep) {
      sysOrigDescriptors.add(descriptor(original(m), segments));
      sysTransDescriptors.add(descriptor(String.join("\0", m.msgstr()), segments));
    }

    ByteBuffer out = ByteBuffer.allocate(dataStart + data.size()).order(order);
    out.putInt(MoFile.MAGIC).putInt(revision).putInt(n).putInt(origTable).putInt(transTable).putInt(0)
        .putInt(dataStart);
    if (extended) {
      out.putInt(segments.size()).putInt(segTable).putInt(sysdep.size()).putInt(sysOrig).putInt(sysTrans);
    }
    originals.forEach(d -> out.putInt(d[0]).putInt(d[1]));
    translations.forEach(d -> out.putInt(d[0]).putInt(d[1]));
    segmentStrings.forEach(d -> out.putInt(d[0] + 1).putInt(d[1]));
    sysOrigDescriptors.forEach(out::putInt);
    sysTransDescriptors.forEach(out::putInt);
    out.put(data.toByteArray());
    return out.array();
  }

  private static List<String> texts(Message m) {
    List<String> texts = new ArrayList<>(m.msgstr());
    texts.add(original(m));
    return texts;
  }

  private static String original(Message m) {
    String id = m.msgidPlural() == null ? m.msgid() : m.msgid() + "\0" + m.msgidPlural();
    return m.msgctxt() == null ? id : m.msgctxt() + "\u0004" + id;
  }

  /** Appends a NUL-terminated string; returns {length without NUL, offset}. */
  private int[] string(String text) {
    byte[] bytes = text.getBytes(charset);
    int offset = dataStart + data.size();
    data.writeBytes(bytes);
    data.write(0);
    return new int[] {bytes.length, offset};
  }

  /** Appends the static pieces, then the descriptor; returns the descriptor's offset. */
  private int descriptor(String text, Map<String, Integer> segments) {
    List<int[]> pairs = new ArrayList<>();
    int piecesOffset = dataStart + data.size();
    Matcher s = SEGMENT.matcher(text);
    int from = 0;
    while (s.find()) {
      byte[] piece = text.substring(from, s.start()).getBytes(charset);
      data.writeBytes(piece);
      pairs.add(new int[] {piece.length, segments.get(s.group(1))});
      from = s.end();
    }
    byte[] last = text.substring(from).getBytes(charset);
    data.writeBytes(last);
    data.write(0);
    pairs.add(new int[] {last.length + 1, -1});
    while (data.size() % 4 != 0) {
      data.write(0);
    }
    int offset = dataStart + data.size();
    ByteBuffer d = ByteBuffer.allocate(4 + 8 * pairs.size()).order(order).putInt(piecesOffset);
    pairs.forEach(p -> d.putInt(p[0]).putInt(p[1]));
    data.writeBytes(d.array());
    return offset;
  }
}
