package io.alignstream.curator.topology;

import io.alignstream.curator.algo.FamilyGrid;
import io.alignstream.curator.algo.GumbelTopK;
import io.alignstream.curator.algo.ReservoirOrRate;
import io.alignstream.curator.algo.StreamingQuantile;
import io.alignstream.curator.policy.Policy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The selection state of one policy, kept in {@value CuratorTopology#POLICY_STORE} with the
 * fingerprint of the policy it belongs to: when a policy's kind or parameters change, its selection
 * starts afresh (its datasets keep their records and sizes).
 */
abstract sealed class PolicyState {
  /** Decides which datasets of the policy take this sample now (importance answers later, see {@link Importance}). */
  abstract List<String> decide(Policy p, String sampleId, double score);

  abstract byte[] payload();

  static PolicyState fresh(Policy p) {
    Policy.Selection s = p.selection();
    if (s instanceof Policy.TopQ q) {
      return new TopQ(new StreamingQuantile(q.sketchK()));
    } else if (s instanceof Policy.Importance i) {
      return new Importance(new GumbelTopK(i.k(), i.seed()), 0);
    } else if (s instanceof Policy.RandomControl) {
      return new Counter(0);
    } else if (s instanceof Policy.Family) {
      return new Family(null, new StreamingQuantile(), 0);
    }
    return new Stateless();
  }

  static String fingerprint(Policy p) {
    var d = p.declared();
    return d.getPolicy().getKind() + new java.util.TreeMap<>(d.getPolicy().getParameters());
  }

  byte[] toBytes(String fingerprint) {
    byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
    byte[] body = payload();
    return ByteBuffer.allocate(4 + fp.length + body.length).putInt(fp.length).put(fp).put(body).array();
  }

  /** The stored state when it belongs to {@code p}'s current fingerprint, else a fresh one. */
  static PolicyState fromBytes(Policy p, byte[] bytes) {
    if (bytes == null) {
      return fresh(p);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] fp = new byte[in.getInt()];
    in.get(fp);
    if (!new String(fp, StandardCharsets.UTF_8).equals(fingerprint(p))) {
      return fresh(p);
    }
    byte[] body = new byte[in.remaining()];
    in.get(body);
    ByteBuffer b = ByteBuffer.wrap(body);
    Policy.Selection s = p.selection();
    if (s instanceof Policy.TopQ) {
      return new TopQ(StreamingQuantile.fromBytes(body));
    } else if (s instanceof Policy.Importance) {
      long arrivals = b.getLong();
      byte[] heap = new byte[b.remaining()];
      b.get(heap);
      return new Importance(GumbelTopK.fromBytes(heap), arrivals);
    } else if (s instanceof Policy.RandomControl) {
      return new Counter(b.getLong());
    } else if (s instanceof Policy.Family) {
      long controls = b.getLong();
      byte[] sketch = new byte[b.getInt()];
      b.get(sketch);
      byte[] grid = new byte[b.getInt()];
      b.get(grid);
      return new Family(grid.length == 0 ? null : FamilyGrid.fromBytes(grid), StreamingQuantile.fromBytes(sketch), controls);
    }
    return new Stateless();
  }

  static final class Stateless extends PolicyState {
    @Override
    List<String> decide(Policy p, String sampleId, double score) {
      return p.selection() instanceof Policy.Threshold t && !(score >= t.tau()) ? List.of() : List.of(p.id());
    }

    @Override
    byte[] payload() {
      return new byte[0];
    }
  }

  static final class TopQ extends PolicyState {
    final StreamingQuantile seen;

    TopQ(StreamingQuantile seen) {
      this.seen = seen;
    }

    @Override
    List<String> decide(Policy p, String sampleId, double score) {
      Policy.TopQ q = (Policy.TopQ) p.selection();
      seen.update(score);
      return seen.count() > q.warmup() && seen.isInTopFraction(score, q.q()) ? List.of(p.id()) : List.of();
    }

    @Override
    byte[] payload() {
      return seen.toBytes();
    }
  }

  /** Offers each sample to the window's Gumbel top-k; members are held until the window closes. */
  static final class Importance extends PolicyState {
    final GumbelTopK heap;
    long arrivals;
    GumbelTopK.Offer lastOffer;

    Importance(GumbelTopK heap, long arrivals) {
      this.heap = heap;
      this.arrivals = arrivals;
    }

    @Override
    List<String> decide(Policy p, String sampleId, double score) {
      Policy.Importance i = (Policy.Importance) p.selection();
      arrivals++;
      lastOffer = heap.offer(sampleId, GumbelTopK.logWeight(score, i.temperature()));
      return List.of();
    }

    boolean windowFull(Policy p) {
      return arrivals >= ((Policy.Importance) p.selection()).window();
    }

    /** The window's draw, strongest first; the state starts the next window. */
    List<String> closeWindow() {
      List<String> ids = heap.members().stream().map(GumbelTopK.Member::id).toList();
      for (String id : ids) {
        heap.offer(id, Double.NEGATIVE_INFINITY); // removes it
      }
      arrivals = 0;
      return ids;
    }

    @Override
    byte[] payload() {
      byte[] h = heap.toBytes();
      return ByteBuffer.allocate(8 + h.length).putLong(arrivals).put(h).array();
    }
  }

  /** Random control: a seeded coin per sample id; the size limit (or matched size) is checked by the caller. */
  static final class Counter extends PolicyState {
    long kept;

    Counter(long kept) {
      this.kept = kept;
    }

    @Override
    List<String> decide(Policy p, String sampleId, double score) {
      Policy.RandomControl r = (Policy.RandomControl) p.selection();
      return ReservoirOrRate.bernoulli(sampleId, r.rate(), r.seed()) ? List.of(p.id()) : List.of();
    }

    @Override
    byte[] payload() {
      return ByteBuffer.allocate(8).putLong(kept).array();
    }
  }

  /** Size × alignment family: boundaries from the warm-up's quantiles (or fixed), then the grid. */
  static final class Family extends PolicyState {
    FamilyGrid grid;
    final StreamingQuantile warmup;
    long controlsKept;

    Family(FamilyGrid grid, StreamingQuantile warmup, long controlsKept) {
      this.grid = grid;
      this.warmup = warmup;
      this.controlsKept = controlsKept;
    }

    @Override
    List<String> decide(Policy p, String sampleId, double score) {
      Policy.Family f = (Policy.Family) p.selection();
      if (grid == null) {
        if (f.boundaries() != null) {
          grid = new FamilyGrid(f.boundaries(), f.sizes(), f.layout());
        } else {
          warmup.update(score);
          if (warmup.count() < f.warmup()) {
            return List.of();
          }
          grid = new FamilyGrid(FamilyGrid.equalMassBoundaries(warmup, f.buckets()), f.sizes(), f.layout());
          return List.of(); // the sample that completed the warm-up only set the boundaries
        }
      }
      List<String> into = new ArrayList<>();
      for (FamilyGrid.Member m : grid.offer(score)) {
        into.add(Policy.Family.memberId(p.id(), m.bucket(), m.size()));
      }
      if (f.controls() && ReservoirOrRate.bernoulli(sampleId, f.controlRate(), f.seed() ^ 0x5DEECE66DL)) {
        long largest = f.sizes()[f.sizes().length - 1];
        if (controlsKept < largest) {
          controlsKept++;
          for (long size : f.sizes()) {
            if (controlsKept <= size) {
              into.add(Policy.Family.controlId(p.id(), size));
            }
          }
        }
      }
      return into;
    }

    @Override
    byte[] payload() {
      byte[] sketch = warmup.toBytes();
      byte[] g = grid == null ? new byte[0] : grid.toBytes();
      return ByteBuffer.allocate(8 + 4 + sketch.length + 4 + g.length).putLong(controlsKept)
          .putInt(sketch.length).put(sketch).putInt(g.length).put(g).array();
    }
  }
}
