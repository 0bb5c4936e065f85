package io.alignstream.ingest.gettext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Maps a catalog name (the file name without {@code .mo}/{@code .po}, e.g. {@code psql-15}) to the domain
 * group it belongs to: the first rule whose regex matches the whole name wins; without a match the name
 * itself is the group, minus a trailing {@code -<digits>} version ({@code gnupg2} stays, {@code foo-15}
 * becomes {@code foo}) so that a version bump does not create a new domain.
 *
 * <p>Rules come from a spec string so that they can live in a config property: {@code
 * group=regex;group=regex;...}, e.g. {@code postgres=psql.*|pg_.*;iso-codes=iso_.*}. The {@code |} inside
 * a rule is plain regex alternation. {@link #defaults()} groups the catalogs of a Debian machine.
 */
public final class DomainGrouping {
  /** The default rules as a spec string, for documentation and as a starting point for configuration. */
  public static final String DEFAULT_SPEC = String.join(";",
      "postgres=psql.*|pg_.*|pgscripts.*|libpq.*|postgres.*|initdb.*|plpgsql.*|ecpg.*",
      "iso-codes=iso_(3166|639|4217|15924).*",
      "gtk=gtk[0-9]+.*|glib[0-9]+.*",
      "gnu-utils=coreutils|findutils|grep|sed|diffutils|tar|gzip",
      "binutils=gas|ld|bfd|opcodes|binutils|gprof|gold");

  private static final Pattern VERSION_SUFFIX = Pattern.compile("-[0-9]+$");
  private static final Pattern CATALOG_EXTENSION = Pattern.compile("\\.(mo|po|gmo)$");

  /** Catalogs whose whole name matches {@code pattern} belong to {@code group}. */
  public record Rule(String group, Pattern pattern) {
    public Rule {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  private final List<Rule> rules;

  public DomainGrouping(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static DomainGrouping defaults() {
    return parse(DEFAULT_SPEC);
  }

  /**
   * Parses {@code group=regex;group=regex}; blank parts are ignored, so an empty spec means no rules.
   *
   * @throws IllegalArgumentException naming the bad rule: a configuration error should stop startup
   */
  public static DomainGrouping parse(String spec) {
    List<Rule> rules = new ArrayList<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String group = eq < 0 ? "" : part.substring(0, eq).strip();
      String regex = eq < 0 ? "" : part.substring(eq + 1).strip();
      if (group.isEmpty() || regex.isEmpty()) {
        throw new IllegalArgumentException("domain rule '" + part.strip() + "' is not group=regex");
      }
      try {
        rules.add(new Rule(group, Pattern.compile(regex)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("domain rule '" + part.strip() + "' has a bad regex: "
            + e.getDescription(), e);
      }
    }
    return new DomainGrouping(rules);
  }

  /** The group of a catalog; accepts a bare name ({@code psql-15}), a file name or a path. */
  public String groupOf(String catalog) {
    String name = catalog.substring(Math.max(catalog.lastIndexOf('/'), catalog.lastIndexOf('\\')) + 1);
    name = CATALOG_EXTENSION.matcher(name).replaceFirst("");
    for (Rule rule : rules) {
      if (rule.pattern().matcher(name).matches()) {
        return rule.group();
      }
    }
    return VERSION_SUFFIX.matcher(name).replaceFirst("");
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rules in the form {@link #parse} reads. */
  public String toSpec() {
    return rules.stream().map(r -> r.group() + "=" + r.pattern().pattern()).collect(Collectors.joining(";"));
  }
}
