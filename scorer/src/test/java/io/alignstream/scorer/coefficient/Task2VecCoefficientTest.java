package io.alignstream.scorer.coefficient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.TextPair;
import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.Task2Vec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Task2Vec and embedding coefficients against plain compositions of their parts, on small inputs. */
class Task2VecCoefficientTest {
  private static EncoderTextProbe probe;

  @BeforeAll
  static void load() {
    System.setProperty("ai.djl.offline", "true");
    probe = new EncoderTextProbe(MiniLm.shared(), EncoderTextProbe.Options.defaults(), Path.of("target", "probes"));
  }

  @AfterAll
  static void close() {
    probe.close();
  }

  private static List<Object> pairs(String... sources) {
    List<Object> out = new ArrayList<>();
    for (String s : sources) {
      out.add(new TextPair(s, s, "en", "fr"));
    }
    return out;
  }

  private static final List<Object> DATABASE = pairs("could not connect to the database server",
      "the query returned no rows", "table %s does not exist", "permission denied for relation %s",
      "connection to server lost", "invalid input syntax for type integer", "the transaction was aborted",
      "could not open file %s for reading");
  private static final List<Object> FILES = pairs("cannot remove %s: no such file or directory",
      "omit the trailing newline", "copy files and directories", "print the number of lines",
      "sort lines of text files", "list directory contents", "change file mode bits", "report disk space usage");

  @Test
  void batchEmbeddingIsTheMeanOfEachSampleEmbeddedAloneUnderTheBatchHead() {
    float[] batched = probe.embedBatch(DATABASE);
    List<float[]> alone = new ArrayList<>();
    try (EncoderTextProbe.Head head = probe.fineTune(DATABASE)) {
      for (Object x : DATABASE) {
        alone.add(probe.embed(List.of(x), head)[0]);
      }
    }
    float[] plain = Task2Vec.mean(alone);
    assertThat(Task2Vec.distance(batched, plain)).isLessThan(1e-5);
    // and the shared one-pass path equals the two-pass path
    EncoderTextProbe twoPass = new EncoderTextProbe(MiniLm.shared(),
        EncoderTextProbe.Options.defaults().withSharedForwardTokens(0), Path.of("target", "probes"));
    assertThat(Task2Vec.distance(batched, twoPass.embedBatch(DATABASE))).isLessThan(1e-5);
    twoPass.close();
  }

  @Test
  void coefficientEqualsThePlainFormulaOverTheDrawnBatches() {
    AlignmentCoefficient.Settings s = new AlignmentCoefficient.Settings(4, 3, 11);
    AlignmentCoefficient.Result r = AlignmentCoefficient.compute(new Task2VecTextMethod(probe), DATABASE, FILES, s);
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      float[] t = probe.embedBatch(AlignmentCoefficient.draw(DATABASE, 4, 11, 1, k));
      float[] d = probe.embedBatch(AlignmentCoefficient.draw(FILES, 4, 11, 2, k));
      sum += 1 - Task2Vec.distance(t, d);
    }
    assertThat(r.coefficient()).isCloseTo(sum / 3, within(1e-6));
    assertThat(r.probeId()).isEqualTo(probe.id()).startsWith("t2v-minilm-l6-");
  }

  @Test
  void embeddingCoefficientRanksTheOwnDomainAboveAnother() {
    // (Task2Vec's coefficient is built for batches of hundreds; its ranking is checked on real
    // catalogs in infra/align's AlignCliTest and measured in docs/alignment.md)
    AlignmentCoefficient.Settings s = new AlignmentCoefficient.Settings(4, 4, 5);
    List<Object> database2 = pairs("the database system is starting up", "could not read block %u of relation %s",
        "out of shared memory", "the role %s does not exist", "syntax error at or near %s",
        "could not serialize access due to concurrent update");
    for (CoefficientMethod m : List.of(new EmbeddingMethod(new SentenceEncoder(MiniLm.shared(), TextInput.DEFAULT, 64)))) {
      double own = AlignmentCoefficient.compute(m, DATABASE, database2, s).coefficient();
      double other = AlignmentCoefficient.compute(m, DATABASE, FILES, s).coefficient();
      assertThat(own).as(m.name()).isGreaterThan(other);
    }
  }
}
