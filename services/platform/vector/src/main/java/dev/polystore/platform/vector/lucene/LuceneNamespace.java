package dev.polystore.platform.vector.lucene;

import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.SchemaConflictException;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * One namespace: one Lucene index in its own directory. Writes are serialized and each one is
 * committed (fsync) before it returns, so an acknowledged write survives a crash; a write that fails
 * is rolled back whole. Queries see every acknowledged write.
 */
final class LuceneNamespace implements Closeable {
  private final Directory directory;
  private final NearestScan nearest;
  private final Analyzer analyzer = new FullTextAnalyzer();
  private IndexWriter writer;
  private SearcherManager searchers;
  private volatile NamespaceSchema schema;
  private VectorSimilarityFunction similarity;

  private LuceneNamespace(Directory directory, NearestSearch nearestSearch, SegmentCodes codes, ScanHelpers helpers)
      throws IOException {
    this.directory = directory;
    this.nearest = new NearestScan(LuceneDocuments.VECTOR, nearestSearch, codes, helpers);
    this.schema = DirectoryReader.indexExists(directory)
        ? LuceneSchemas.fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData())
        : null;
    openWriter();
  }

  static boolean exists(Path path) throws IOException {
    if (!path.toFile().isDirectory()) {
      return false;
    }
    try (Directory directory = FSDirectory.open(path)) {
      return DirectoryReader.indexExists(directory);
    }
  }

  static LuceneNamespace open(Path path, NearestSearch nearestSearch, SegmentCodes codes, ScanHelpers helpers)
      throws IOException {
    Directory directory = FSDirectory.open(path);
    try {
      return new LuceneNamespace(directory, nearestSearch, codes, helpers);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  private void openWriter() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setCodec(VectorCodec.create())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    writer = new IndexWriter(directory, config);
    if (!DirectoryReader.indexExists(directory)) {
      writer.commit(); // an empty commit, so that the namespace exists on disk from now on
    }
    searchers = new SearcherManager(writer, null);
    similarity = similarityInUse();
  }

  /** How this index's vectors compare: cosine where older writes chose it, else dot product on unit vectors. */
  private VectorSimilarityFunction similarityInUse() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      FieldInfo field = FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(LuceneDocuments.VECTOR);
      return field == null ? VectorSimilarityFunction.DOT_PRODUCT : field.getVectorSimilarityFunction();
    } finally {
      searchers.release(searcher);
    }
  }

  /** Null until a document was written. */
  NamespaceSchema schema() {
    return schema;
  }

  synchronized void write(WriteBatch batch) throws IOException {
    NamespaceSchema next = NamespaceSchema.extend(schema, batch.upserts());
    List<Document> documents = new ArrayList<>();
    for (VectorDocument document : batch.upserts()) {
      documents.add(LuceneDocuments.toLucene(document, similarity)); // every document checked before any is added
    }
    try {
      for (int i = 0; i < documents.size(); i++) {
        writer.updateDocument(new Term(LuceneDocuments.ID, batch.upserts().get(i).id()), documents.get(i));
      }
      if (!batch.deletes().isEmpty()) {
        writer.deleteDocuments(batch.deletes().stream().map(id -> new Term(LuceneDocuments.ID, id)).toArray(Term[]::new));
      }
      if (next != null) {
        writer.setLiveCommitData(LuceneSchemas.toCommitData(next).entrySet());
      }
      writer.commit();
    } catch (IOException | RuntimeException e) {
      rollback();
      throw e;
    }
    schema = next;
    searchers.maybeRefreshBlocking();
  }

  /** Drops what the failed write added since the last commit by reopening at that commit. */
  private void rollback() throws IOException {
    searchers.close();
    writer.rollback();
    openWriter();
  }

  List<ScoredDocument> query(VectorQuery query) throws IOException {
    NamespaceSchema current = schema;
    if (current == null) {
      return List.of();
    }
    Query filter = query.filter() == null ? null : LuceneFilters.toQuery(query.filter(), current);
    IndexSearcher searcher = searchers.acquire();
    try {
      List<ScoredDocument> hits = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      if (query.ranking() instanceof Ranking.Nearest ranking) {
        if (ranking.vector().length != current.dimension()) {
          throw new SchemaConflictException("query vector has " + ranking.vector().length
              + " dimensions; the namespace's vectors have " + current.dimension());
        }
        float[] target = queryVector(ranking.vector());
        for (ScoreDoc hit : nearest.search(searcher, target, filter, query.topK())) {
          // Lucene scores cosine as (1 + cos) / 2; callers get the cosine similarity itself.
          hits.add(LuceneDocuments.toScored(stored.document(hit.doc), 2.0 * hit.score - 1.0, query.attributes()));
        }
      } else {
        Query text = fullText(((Ranking.FullText) query.ranking()).text());
        if (text == null) {
          return List.of();
        }
        Query ranked = filter == null ? text
            : new BooleanQuery.Builder().add(text, Occur.MUST).add(filter, Occur.FILTER).build();
        for (ScoreDoc hit : searcher.search(ranked, query.topK()).scoreDocs) {
          hits.add(LuceneDocuments.toScored(stored.document(hit.doc), hit.score, query.attributes()));
        }
      }
      return hits;
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * The query vector as the index compares it: scaled to unit length where the documents are (dot
   * product), so that a score is the cosine similarity whatever the query's length; a zero vector
   * has no direction and stays as it is (every score is then 0).
   */
  private float[] queryVector(float[] vector) {
    return similarity != VectorSimilarityFunction.DOT_PRODUCT || LuceneDocuments.isZero(vector)
        ? vector : VectorUtil.l2normalize(vector.clone());
  }

  /** Live documents whose ids follow {@code afterId}, by walking the id terms in order (see {@link VectorStore#documents}). */
  List<VectorDocument> documents(String afterId, int limit) throws IOException {
    NamespaceSchema current = schema;
    if (current == null) {
      return List.of();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      IndexReader reader = searcher.getIndexReader();
      Terms terms = MultiTerms.getTerms(reader, LuceneDocuments.ID);
      if (terms == null) {
        return List.of();
      }
      TermsEnum ids = terms.iterator();
      BytesRef id;
      if (afterId == null) {
        id = ids.next();
      } else {
        TermsEnum.SeekStatus status = ids.seekCeil(new BytesRef(afterId));
        id = switch (status) {
          case END -> null;
          case FOUND -> ids.next();
          case NOT_FOUND -> ids.term();
        };
      }
      List<VectorDocument> page = new ArrayList<>();
      for (; id != null && page.size() < limit; id = ids.next()) {
        // A term outlives its deleted documents until a merge, so find the live one, if any.
        VectorDocument document = live(reader, id, current);
        if (document != null) {
          page.add(document);
        }
      }
      return page;
    } finally {
      searchers.release(searcher);
    }
  }

  private static VectorDocument live(IndexReader reader, BytesRef id, NamespaceSchema schema) throws IOException {
    for (LeafReaderContext context : reader.leaves()) {
      LeafReader leaf = context.reader();
      Terms terms = leaf.terms(LuceneDocuments.ID);
      TermsEnum ids = terms == null ? null : terms.iterator();
      if (ids == null || !ids.seekExact(id)) {
        continue;
      }
      Bits liveDocs = leaf.getLiveDocs();
      PostingsEnum postings = ids.postings(null, PostingsEnum.NONE);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if (liveDocs == null || liveDocs.get(doc)) {
          float[] vector = LuceneDocuments.writtenVector(leaf, doc);
          if (vector == null) {
            throw new IllegalStateException("document " + id.utf8ToString() + " has no vector in the index");
          }
          return LuceneDocuments.toDocument(leaf.storedFields().document(doc), vector, schema.attributes());
        }
      }
    }
    return null;
  }

  /** The live documents: exact. */
  long count() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  /** BM25 over the analysed terms of {@code text}, any of which may match; null when it has none. */
  private Query fullText(String text) throws IOException {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int terms = 0;
    try (TokenStream tokens = analyzer.tokenStream(LuceneDocuments.TEXT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms < IndexSearcher.getMaxClauseCount()) {
        builder.add(new TermQuery(new Term(LuceneDocuments.TEXT, term.toString())), Occur.SHOULD);
        terms++;
      }
      tokens.end();
    }
    return terms == 0 ? null : builder.build();
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      searchers.close();
      writer.close();
    } finally {
      directory.close();
      analyzer.close();
    }
  }
}
