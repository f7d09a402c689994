package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentCodes}: a segment's codes are built once per kind and kept, dropped when Lucene
 * closes the segment, evicted beyond the byte bound, and a failed build keeps nothing.
 */
class SegmentCodesTest {
  private static final int DIMENSION = 32;
  private static final int PER_SEGMENT = 200;

  @Test
  void keptPerSegmentAndKindUntilTheSegmentCloses() throws IOException {
    SegmentCodes codes = new SegmentCodes(1 << 30);
    AtomicInteger builds = new AtomicInteger();
    try (Directory directory = index(2)) {
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        Int8Codes first = codes.of(leaf, Int8Codes.class, () -> build(leaf, builds));
        assertSame(first, codes.of(leaf, Int8Codes.class, () -> build(leaf, builds)));
        codes.of(leaf, BinaryCodes.class, () -> BinaryCodes.of(() -> leaf.getFloatVectorValues("v"), false));
        LeafReader other = reader.leaves().get(1).reader();
        assertNotSame(first, codes.of(other, Int8Codes.class, () -> build(other, builds)));
        assertEquals(2, builds.get());
        assertEquals(3, codes.size());
      }
      assertEquals(0, codes.size(), "codes of closed segments are kept");
      assertEquals(0, codes.watched(), "closed segments are still watched");
    }
  }

  @Test
  void evictedBeyondTheBound() throws IOException {
    try (Directory directory = index(3); DirectoryReader reader = DirectoryReader.open(directory)) {
      long one = Int8Codes.of(reader.leaves().get(0).reader().getFloatVectorValues("v"), false).bytes();
      SegmentCodes codes = new SegmentCodes(one * 2);
      AtomicInteger builds = new AtomicInteger();
      for (int round = 0; round < 2; round++) {
        for (var leaf : reader.leaves()) {
          codes.of(leaf.reader(), Int8Codes.class, () -> build(leaf.reader(), builds));
          assertTrue(codes.size() <= 2, "more codes kept than the bound holds: " + codes.size());
        }
      }
      assertTrue(builds.get() > 3, "nothing was evicted and built again: " + builds.get() + " builds");
      assertEquals(3, codes.watched(), "one closing listener per segment, not per build");
    }
  }

  @Test
  void aFailedBuildKeepsNothing() throws IOException {
    SegmentCodes codes = new SegmentCodes(1 << 30);
    try (Directory directory = index(1); DirectoryReader reader = DirectoryReader.open(directory)) {
      LeafReader leaf = reader.leaves().get(0).reader();
      IOException failure = assertThrows(IOException.class,
          () -> codes.of(leaf, Int8Codes.class, () -> { throw new IOException("disk gone"); }));
      assertEquals("disk gone", failure.getMessage());
      assertEquals(0, codes.size());
      AtomicInteger builds = new AtomicInteger();
      codes.of(leaf, Int8Codes.class, () -> build(leaf, builds));
      assertEquals(1, builds.get());
    }
  }

  private static Int8Codes build(LeafReader leaf, AtomicInteger builds) throws IOException {
    builds.incrementAndGet();
    return Int8Codes.of(leaf.getFloatVectorValues("v"), false);
  }

  /** An index of {@code segments} segments of equal size. */
  private static Directory index(int segments) throws IOException {
    Random random = new Random(11);
    Directory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(VectorCodec.create()))) {
      for (int s = 0; s < segments; s++) {
        for (int i = 0; i < PER_SEGMENT; i++) {
          Document document = new Document();
          document.add(new KnnFloatVectorField("v", NearestScanTest.randomUnitVector(random, DIMENSION),
              VectorSimilarityFunction.DOT_PRODUCT));
          writer.addDocument(document);
        }
        writer.commit();
      }
    }
    return directory;
  }
}
