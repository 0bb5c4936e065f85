package io.alignstream.ingest.generate;

import io.alignstream.ingest.generate.MtLexicon.Adjective;
import io.alignstream.ingest.generate.MtLexicon.Domain;
import io.alignstream.ingest.generate.MtLexicon.Noun;
import io.alignstream.ingest.generate.MtLexicon.Verb;
import io.alignstream.ingest.generate.MtTemplates.Template;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Domain-shifted English→French sentence pairs ({@code TextPair}) from the built-in
 * {@link MtLexicon} and templates. The translation is deterministic by construction (the French side
 * is a function of the English side), so a small seq2seq model can learn it; what varies with the
 * alignment knob is only <em>which vocabulary</em> the pairs use (see {@link MtParams}).
 *
 * <p>Metadata besides {@code gen.*}: {@code gen.targetMix}, {@code gen.shiftedMix},
 * {@code gen.concentration}, {@code gen.placeholderRate}, {@code mt.topic} (domain of the head noun),
 * {@code mt.domains} (domain of each content word, in sentence order), {@code mt.template}.
 */
public final class MtGenerator implements SampleGenerator {
  public static final String KIND = "mt";

  private final MtParams params;
  private final List<Domain> domains;
  private final double[] dirichletAlpha;
  private final Map<String, String> fixedMetadata;

  public MtGenerator(MtParams params) {
    this.params = params;
    this.domains = MtLexicon.domainNames().stream().map(MtLexicon::domain).toList();
    this.dirichletAlpha = new double[domains.size()];
    for (int i = 0; i < domains.size(); i++) {
      String name = domains.get(i).name();
      double pi = params.alignment() * params.targetMix().getOrDefault(name, 0.0)
          + (1 - params.alignment()) * params.shiftedMix().getOrDefault(name, 0.0);
      dirichletAlpha[i] = params.concentration() * pi;
    }
    this.fixedMetadata = Map.of(
        "gen.targetMix", mixString(params.targetMix()),
        "gen.shiftedMix", mixString(params.shiftedMix()),
        "gen.concentration", GeneratorMetadata.num(params.concentration()),
        "gen.placeholderRate", GeneratorMetadata.num(params.placeholderRate()));
  }

  public MtParams params() {
    return params;
  }

  @Override
  public Sample sample(long index) {
    SplittableRandom rng = Seeds.forIndex(params.seed(), Seeds.MAIN, index);
    double[] theta = Distributions.dirichlet(rng, dirichletAlpha);
    boolean placeholder = rng.nextDouble() < params.placeholderRate();
    List<Template> pool = placeholder ? MtTemplates.WITH_PLACEHOLDER : MtTemplates.PLAIN;
    int templateIndex = rng.nextInt(pool.size());
    Template template = pool.get(templateIndex);

    // Every slot is drawn (fixed draw count keeps the stream layout simple); unused ones are ignored.
    Domain dn = domains.get(Distributions.categorical(rng, theta));
    Noun n = dn.nouns().get(rng.nextInt(dn.nouns().size()));
    Domain dn2 = domains.get(Distributions.categorical(rng, theta));
    Noun n2 = dn2.nouns().get(rng.nextInt(dn2.nouns().size()));
    Domain da = domains.get(Distributions.categorical(rng, theta));
    Adjective a = da.adjectives().get(rng.nextInt(da.adjectives().size()));
    Domain dv = domains.get(Distributions.categorical(rng, theta));
    Verb v = dv.verbs().get(rng.nextInt(dv.verbs().size()));

    String src = template.english(n, n2, a, v);
    String tgt = template.french(n, n2, a, v);
    String slotDomains = Arrays.stream(src.split(" "))
        .map(MtLexicon::domainOf)
        .flatMap(Optional::stream)
        .collect(Collectors.joining(","));

    Map<String, String> metadata = GeneratorMetadata.base(KIND, params.seed(), params.alignment(), index);
    metadata.putAll(fixedMetadata);
    metadata.put("mt.topic", dn.name());
    metadata.put("mt.domains", slotDomains);
    metadata.put("mt.template", (placeholder ? "p" : "") + templateIndex);
    TextPair pair = new TextPair(src, tgt, params.srcLang(), params.tgtLang());
    return Samples.of(params.task(), params.role(), GeneratorMetadata.source(KIND),
        AlignmentKnob.domain(params.alignment()), pair, params.timeline().at(index), metadata);
  }

  private static String mixString(Map<String, Double> mix) {
    return mix.entrySet().stream()
        .map(e -> e.getKey() + ":" + GeneratorMetadata.num(e.getValue()))
        .collect(Collectors.joining(","));
  }
}
