package io.alignstream.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Grey PNG import with a labels CSV: pixels round-trip, the wrong images are rejected with reasons. */
@ExtendWith(AlignStreamExtension.class)
class ImageImportTest {
  private static final int[] GREY8 = {0, 1, 127, 128, 254, 255};
  private static final int[] GREY16 = {0, 1, 0x1234, 0xFFFF};

  @TempDir Path dir;
  private ImportRun importer;
  private Path labels;

  @BeforeEach
  void setUp(TestStack stack) throws IOException {
    importer = new ImportRun(stack.bootstrapServers(), stack.newCatalogue());
    Path images = Files.createDirectories(dir.resolve("images"));
    png(images.resolve("grey8.png"), BufferedImage.TYPE_BYTE_GRAY, 3, 2, GREY8);
    png(images.resolve("grey16.png"), BufferedImage.TYPE_USHORT_GRAY, 2, 2, GREY16);
    BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, 0xFF0000);
    ImageIO.write(rgb, "png", images.resolve("rgb.png").toFile());
    png(images.resolve("orphan.png"), BufferedImage.TYPE_BYTE_GRAY, 3, 2, GREY8);
    Files.writeString(images.resolve("notes.txt"), "not an image");
    labels = Files.writeString(dir.resolve("labels.csv"), """
        file,label,pixelSizeAngstrom
        grey8.png,42.5,1.5
        images/grey16.png,17.25,
        rgb.png,3.0,1.0
        """);
  }

  private static void png(Path file, int type, int width, int height, int[] samples) throws IOException {
    BufferedImage image = new BufferedImage(width, height, type);
    image.getRaster().setSamples(0, 0, width, height, 0, samples);
    assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
  }

  private ImportOptions options() {
    return new ImportOptions("stem.size", Role.POOL, "nanoparticles", Map.of(), List.of(), null, null, labels, 2.0,
        null, null);
  }

  @Test
  void shouldImportGreyImagesWithTheirLabelsAndRejectTheOthersWithReasons() {
    // when: the directory holds two good images, an RGB one, one without a label row, and a text file
    ImportSummary summary = importer.run(Formats.Name.image, options(), dir.resolve("images"));

    // then
    assertThat(summary.files()).isEqualTo(4);
    assertThat(summary.read()).isEqualTo(4);
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.rejected()).isEqualTo(2);
    Map<String, Sample> byFile = importer.samples().stream().map(ConsumerRecord::value)
        .collect(Collectors.toMap(s -> s.getMetadata().get("file"), Function.identity()));
    assertThat(byFile).containsOnlyKeys("grey8.png", "grey16.png");

    Image grey8 = (Image) byFile.get("grey8.png").getPayload();
    assertThat(grey8.getWidth()).isEqualTo(3);
    assertThat(grey8.getHeight()).isEqualTo(2);
    assertThat(grey8.getBitsPerPixel()).isEqualTo(8);
    assertThat(bytes(grey8.getPixels())).containsExactly(0, 1, 127, 128, (byte) 254, (byte) 255);
    assertThat(grey8.getLabel()).isEqualTo(42.5);
    assertThat(grey8.getPixelSizeAngstrom()).isEqualTo(1.5);
    assertThat(byFile.get("grey8.png").getTask()).isEqualTo("stem.size");
    assertThat(byFile.get("grey8.png").getDomain()).isEqualTo("nanoparticles");

    Image grey16 = (Image) byFile.get("grey16.png").getPayload();
    assertThat(grey16.getBitsPerPixel()).isEqualTo(16);
    assertThat(bytes(grey16.getPixels()))
        .containsExactly(0, 0, 0, 1, 0x12, 0x34, (byte) 0xFF, (byte) 0xFF);
    assertThat(grey16.getLabel()).isEqualTo(17.25);
    assertThat(grey16.getPixelSizeAngstrom()).as("from --pixel-size when the labels row has none").isEqualTo(2.0);

    List<DeadLetter> letters = importer.deadLetters();
    assertThat(letters).hasSize(2);
    assertThat(letters).extracting(DeadLetter::getErrorClass).containsOnly("RejectedRecord");
    Map<String, String> reasons = letters.stream().collect(Collectors.toMap(
        l -> Path.of(l.getSourceRef()).getFileName().toString(), DeadLetter::getErrorMessage));
    assertThat(reasons).containsOnlyKeys("rgb.png", "orphan.png");
    assertThat(reasons.get("rgb.png")).contains("only 8- or 16-bit grey images", "3 band(s)");
    assertThat(reasons.get("orphan.png")).contains("no row for orphan.png");
  }

  @Test
  void shouldGiveTheSameSampleIdsWhenTheSameImagesAreImportedTwice() {
    importer.run(Formats.Name.image, options(), dir.resolve("images/grey8.png"), dir.resolve("images/grey16.png"));
    importer.run(Formats.Name.image, options(), dir.resolve("images/grey8.png"), dir.resolve("images/grey16.png"));

    List<String> ids = importer.samples().stream().map(ConsumerRecord::key).toList();
    assertThat(ids).hasSize(4);
    assertThat(ids.subList(2, 4)).containsExactlyElementsOf(ids.subList(0, 2));
  }

  @Test
  void shouldLabelImagesWithTheSameNameInDifferentFoldersByTheirOwnRow() throws IOException {
    // given: train/0001.png and val/0001.png, two different images, each with its own labels row
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(data.resolve("train"));
    Files.createDirectories(data.resolve("val"));
    png(data.resolve("train/0001.png"), BufferedImage.TYPE_BYTE_GRAY, 3, 2, GREY8);
    png(data.resolve("val/0001.png"), BufferedImage.TYPE_BYTE_GRAY, 3, 2, new int[] {9, 9, 9, 9, 9, 9});
    Path rows = Files.writeString(data.resolve("labels.csv"), """
        file,label,pixelSizeAngstrom
        train/0001.png,10.0,1.0
        val/0001.png,20.0,1.0
        """);
    ImportOptions options = new ImportOptions("stem.size", Role.POOL, null, Map.of(), List.of(), null, null, rows,
        null, null, null);

    // when
    importer.run(Formats.Name.image, options, data);

    // then
    Map<Integer, Double> labelByFirstPixel = importer.samples().stream().map(r -> (Image) r.value().getPayload())
        .collect(Collectors.toMap(i -> (int) bytes(i.getPixels())[0], Image::getLabel));
    assertThat(labelByFirstPixel).containsExactlyInAnyOrderEntriesOf(Map.of(0, 10.0, 9, 20.0));
  }

  @Test
  void shouldRejectImagesWhenNoLabelsFileIsGiven() {
    ImportOptions noLabels = new ImportOptions("stem.size", Role.POOL, null, Map.of(), List.of(), null, null, null,
        2.0, null, null);

    ImportSummary summary = importer.run(Formats.Name.image, noLabels, dir.resolve("images/grey8.png"));

    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(importer.samples()).isEmpty();
    assertThat(importer.deadLetters()).singleElement()
        .satisfies(l -> assertThat(l.getErrorMessage()).contains("labels CSV"));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
