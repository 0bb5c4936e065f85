package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainGroupingTest {
  private final DomainGrouping defaults = DomainGrouping.defaults();

  @ParameterizedTest
  @CsvSource({
      "psql-15, postgres", "pg_dump-15, postgres", "libpq5-15, postgres", "postgres-15, postgres",
      "initdb-15, postgres", "pg_basebackup-15, postgres", "pgscripts-15, postgres", "plpgsql-15, postgres",
      "iso_3166-1, iso-codes", "iso_3166_2, iso-codes", "iso_639-3, iso-codes", "iso_4217, iso-codes",
      "iso_15924, iso-codes",
      "gtk30, gtk", "gtk40, gtk", "gtk30-properties, gtk", "gtk20, gtk", "glib20, gtk",
      "coreutils, gnu-utils", "findutils, gnu-utils", "grep, gnu-utils", "sed, gnu-utils", "diffutils, gnu-utils",
      "tar, gnu-utils", "gzip, gnu-utils",
      "gas, binutils", "ld, binutils", "bfd, binutils", "opcodes, binutils", "binutils, binutils",
      "gprof, binutils", "gold, binutils",
      "git, git", "gnupg2, gnupg2", "foo-15, foo", "gstreamer-1.0, gstreamer-1.0", "libapt-pkg6.0, libapt-pkg6.0"})
  void shouldGroupCatalogsByTheDefaultRules(String catalog, String group) {
    assertThat(defaults.groupOf(catalog)).isEqualTo(group);
  }

  @Test
  void shouldAcceptFileNamesAndPaths() {
    assertThat(defaults.groupOf("/usr/share/locale/fr/LC_MESSAGES/psql-15.mo")).isEqualTo("postgres");
    assertThat(defaults.groupOf("grep.po")).isEqualTo("gnu-utils");
    assertThat(defaults.groupOf("git.mo")).isEqualTo("git");
  }

  @Test
  void shouldMatchTheWholeNameNotAPrefix() {
    assertThat(defaults.groupOf("ldap-utils")).isEqualTo("ldap-utils");
    assertThat(defaults.groupOf("sedative")).isEqualTo("sedative");
  }

  @Test
  void shouldParseRulesFromAConfigStringWithTheFirstMatchWinning() {
    DomainGrouping grouping = DomainGrouping.parse(" postgres = psql.*|pg_.* ; db = pg_dump.* ;; iso-codes=iso_.* ");

    assertThat(grouping.groupOf("pg_dump-15")).isEqualTo("postgres");
    assertThat(grouping.groupOf("iso_3166")).isEqualTo("iso-codes");
    assertThat(grouping.groupOf("grep")).isEqualTo("grep");
    assertThat(grouping.toSpec()).isEqualTo("postgres=psql.*|pg_.*;db=pg_dump.*;iso-codes=iso_.*");
  }

  @Test
  void shouldRoundTripTheDefaultSpec() {
    assertThat(defaults.toSpec()).isEqualTo(DomainGrouping.DEFAULT_SPEC);
    assertThat(DomainGrouping.parse(defaults.toSpec()).toSpec()).isEqualTo(DomainGrouping.DEFAULT_SPEC);
  }

  @Test
  void shouldOnlyStripTheVersionWhenNoRuleMatches() {
    DomainGrouping none = DomainGrouping.parse("");

    assertThat(none.rules()).isEmpty();
    assertThat(none.groupOf("psql-15")).isEqualTo("psql");
    assertThat(none.groupOf("libpq5-15")).isEqualTo("libpq5");
    assertThat(none.groupOf("iso_3166-2")).isEqualTo("iso_3166");
  }

  @Test
  void shouldRejectMalformedRulesNamingThem() {
    assertThatThrownBy(() -> DomainGrouping.parse("postgres")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("domain rule 'postgres' is not group=regex");
    assertThatThrownBy(() -> DomainGrouping.parse("x=")).hasMessage("domain rule 'x=' is not group=regex");
    assertThatThrownBy(() -> DomainGrouping.parse("bad=psql(")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("domain rule 'bad=psql(' has a bad regex");
  }
}
