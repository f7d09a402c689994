package dev.polystore.files.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.ids.RequestIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

/**
 * CreateUpload and CompleteUpload: the rules for what may be uploaded, and the check of what arrived.
 * A rejected request writes nothing: every rule is checked before the record is stored.
 */
public final class Uploads {
  /** The contract promises that request ids are kept at least this long. */
  static final Duration MIN_REQUEST_TTL = Duration.ofHours(24);
  /** How long a retry waits, at most, for the file of a claim made a moment ago: 10 reads, 100 ms apart. */
  private static final Duration CLAIM_WAIT = Duration.ofMillis(100);
  private static final int CLAIM_WAIT_ATTEMPTS = 10;

  private final FileStore files;
  private final ObjectStore objects;
  private final UploadLimits limits;
  private final Clock clock;

  public Uploads(FileStore files, ObjectStore objects, UploadLimits limits, Clock clock) {
    this.files = files;
    this.objects = objects;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Checks the declaration, creates a PENDING file and signs its upload. With a request id that an
   * earlier call claimed, creates nothing and signs the first call's file afresh instead.
   */
  public UploadGrant create(UUID workspaceId, String filename, String contentType, long size, Optional<String> sha256,
      UploadMethod method, boolean partChecksums, Optional<UUID> requestId) {
    check(contentType, size, method);
    Optional<UploadRequest> earlier = requestId.flatMap(files::findRequest);
    if (earlier.isPresent()) {
      return repeat(earlier.get(), workspaceId, filename, contentType, size, sha256, method, partChecksums);
    }
    UUID fileId = UUID.randomUUID();
    String key = FileRecord.objectKey(workspaceId, fileId);
    Instant now = now();
    Instant expiresAt = objects.signableUntil(now.plus(limits.uploadUrlTtl()));
    boolean multipart = limits.needsMultipart(size);
    // The multipart upload is started before the record is written: its id is part of the record.
    Optional<String> uploadId = multipart ? Optional.of(objects.startMultipart(key, contentType, partChecksums))
        : Optional.empty();
    FileRecord file = new FileRecord(fileId, workspaceId, key, filename, contentType, size, sha256,
        FileStatus.PENDING, uploadId, multipart ? limits.partSize() : 0, multipart && partChecksums, now,
        Optional.empty());
    Optional<UploadRequest> claim = requestId.map(id -> new UploadRequest(id, workspaceId, fileId));
    try {
      // Claimed before the file is written, so concurrent calls with one request id write one file.
      Optional<UploadRequest> first = claim.flatMap(mine -> files.claimRequest(mine, requestTtl()));
      if (first.isPresent()) {
        uploadId.ifPresent(id -> objects.abortMultipart(key, id));
        return repeat(first.get(), workspaceId, filename, contentType, size, sha256, method, partChecksums);
      }
      files.insertPending(file, limits.pendingTtl());
    } catch (RuntimeException e) {
      uploadId.ifPresent(id -> objects.abortMultipart(key, id));
      claim.ifPresent(mine -> release(mine, e));
      throw e;
    }
    return new UploadGrant(file, upload(file, method, now, expiresAt), expiresAt);
  }

  /** The first call's file, signed afresh, when the retry declares the same file in the same workspace. */
  private UploadGrant repeat(UploadRequest first, UUID workspaceId, String filename, String contentType, long size,
      Optional<String> sha256, UploadMethod method, boolean partChecksums) {
    if (!first.workspaceId().equals(workspaceId)) {
      throw RequestIds.reused();
    }
    FileRecord file = awaitFile(first.fileId()).orElseThrow(() -> ServiceException.failedPrecondition(
        "the file that request_id " + first.requestId() + " created is gone (deleted, or expired before it"
            + " completed); use a new request_id"));
    if (!file.filename().equals(filename) || !file.contentType().equals(contentType) || file.sizeBytes() != size
        || !file.sha256().equals(sha256) || file.partChecksums() != (file.isMultipart() && partChecksums)) {
      throw RequestIds.reused();
    }
    if (file.status() != FileStatus.PENDING) {
      throw ServiceException.failedPrecondition("file " + file.fileId() + " of request_id " + first.requestId()
          + " is " + file.status() + " already; its upload is over");
    }
    Instant now = now();
    Instant expiresAt = objects.signableUntil(now.plus(limits.uploadUrlTtl()));
    return new UploadGrant(file, upload(file, method, now, expiresAt), expiresAt);
  }

  /**
   * The file of a claim. A claim is made just before its file is written, so a concurrent retry may
   * read it a moment too early: the file is looked for a few more times before it counts as gone.
   */
  private Optional<FileRecord> awaitFile(UUID fileId) {
    Optional<FileRecord> file = files.find(fileId);
    for (int attempt = 0; file.isEmpty() && attempt < CLAIM_WAIT_ATTEMPTS; attempt++) {
      try {
        Thread.sleep(CLAIM_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      file = files.find(fileId);
    }
    return file;
  }

  /** A request id is kept as long as a PENDING file, and for at least a day. */
  private Duration requestTtl() {
    return limits.pendingTtl().compareTo(MIN_REQUEST_TTL) > 0 ? limits.pendingTtl() : MIN_REQUEST_TTL;
  }

  /** Frees the claim of a file that was not stored, so a retry creates it; when that fails too, the retry is refused. */
  private void release(UploadRequest claim, RuntimeException failure) {
    try {
      files.releaseRequest(claim);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Verifies the object against the record and marks the file READY; a READY file is returned as it is. */
  public FileRecord complete(UUID workspaceId, UUID fileId) {
    FileRecord file = Files.inWorkspace(files.find(fileId), workspaceId);
    if (file.status() == FileStatus.READY) {
      // The retry of a completion whose event may not have been written (the process died in between).
      files.recordCompletion(file);
      return file;
    }
    if (file.isMultipart() && !objects.completeMultipart(file.objectKey(), file.uploadId().get(),
        PartPlan.sizes(file.sizeBytes(), file.partSize()))) {
      throw ServiceException.failedPrecondition("the multipart upload of file " + fileId
          + " is not complete: every planned part must be uploaded, each of its planned size");
    }
    StoredObject stored = objects.head(file.objectKey()).orElseThrow(() ->
        ServiceException.failedPrecondition("nothing was uploaded for file " + fileId));
    Optional<String> mismatch = mismatch(file, stored);
    if (mismatch.isPresent()) {
      // The bytes are not what was declared: they must not stay where a download could find them.
      objects.delete(file.objectKey());
      throw ServiceException.failedPrecondition("the upload of file " + fileId + " does not match its declaration ("
          + mismatch.get() + "); the object was deleted, upload it again");
    }
    FileRecord ready = file.ready(now());
    if (!files.markReady(ready)) {
      // Completed concurrently (then it is READY, and that call records the event), or deleted meanwhile.
      return Files.inWorkspace(files.find(fileId), workspaceId);
    }
    return ready;
  }

  /** The store keeps milliseconds: a record answered now equals the one read later. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void check(String contentType, long size, UploadMethod method) {
    List<FieldViolation> violations = new ArrayList<>();
    if (!limits.contentTypes().contains(contentType)) {
      violations.add(new FieldViolation("content_type", "content_type.allowed",
          "is not an allowed type; allowed: " + String.join(", ", limits.contentTypes().stream().sorted().toList())));
    }
    if (size > limits.maxSize()) {
      violations.add(new FieldViolation("size_bytes", "size_bytes.max",
          "must be at most " + limits.maxSize() + " bytes"));
    }
    if (method == UploadMethod.POST && limits.needsMultipart(size)) {
      violations.add(new FieldViolation("method", "method.post_size",
          "POST uploads take at most " + limits.multipartThreshold() + " bytes; use PUT, which goes up in parts"));
    }
    if (!violations.isEmpty()) {
      throw ServiceException.invalid(violations);
    }
  }

  /**
   * New URLs for parts of a PENDING multipart upload (every part when {@code partNumbers} is empty),
   * for a client whose URLs expired or whose signing credentials were rotated. Changes nothing.
   */
  public UploadGrant signParts(UUID workspaceId, UUID fileId, Set<Integer> partNumbers,
      Map<Integer, String> partSha256s) {
    FileRecord file = Files.inWorkspace(files.find(fileId), workspaceId);
    if (file.status() != FileStatus.PENDING) {
      throw ServiceException.failedPrecondition("file " + fileId + " is " + file.status() + " already; its upload is over");
    }
    if (!file.isMultipart()) {
      throw ServiceException.failedPrecondition("file " + fileId + " goes up in a single request, not in parts;"
          + " CreateUpload with its request_id signs it again");
    }
    int last = PartPlan.sizes(file.sizeBytes(), file.partSize()).size();
    if (partNumbers.stream().anyMatch(number -> number > last)) {
      throw ServiceException.invalid("part_numbers", "part_numbers.planned",
          "the upload of file " + fileId + " has parts 1 to " + last);
    }
    if (partSha256s.keySet().stream().anyMatch(number -> number > last)) {
      throw ServiceException.invalid("part_sha256", "part_sha256.planned",
          "the upload of file " + fileId + " has parts 1 to " + last);
    }
    if (!file.partChecksums() && !partSha256s.isEmpty()) {
      throw ServiceException.invalid("part_sha256", "part_sha256.declared",
          "the upload of file " + fileId + " was created without part_checksums; leave part_sha256 empty");
    }
    Set<Integer> chosen = new HashSet<>(partNumbers);
    chosen.addAll(partSha256s.keySet());
    if (file.partChecksums() && (chosen.isEmpty() || !partSha256s.keySet().containsAll(chosen))) {
      // S3 checks a part only against a SHA-256 signed into its PUT: none goes up without one.
      throw ServiceException.invalid("part_sha256", "part_sha256.required",
          "the upload of file " + fileId + " declared part_checksums: give the SHA-256 of every part to sign");
    }
    Instant now = now();
    Instant expiresAt = objects.signableUntil(now.plus(limits.uploadUrlTtl()));
    return new UploadGrant(file, parts(file, chosen.isEmpty() ? number -> true : chosen::contains, partSha256s,
        Duration.between(now, expiresAt)), expiresAt);
  }

  /**
   * Signed at {@code now}, to work until {@code expiresAt} (see ObjectStore#signableUntil). The parts
   * of an upload with part checksums are planned, not signed: SignUploadParts signs each with its SHA-256.
   */
  private UploadGrant.Upload upload(FileRecord file, UploadMethod method, Instant now, Instant expiresAt) {
    Duration ttl = Duration.between(now, expiresAt);
    if (file.isMultipart()) {
      return file.partChecksums() ? plan(file) : parts(file, number -> true, Map.of(), ttl);
    }
    if (method == UploadMethod.POST) {
      return new UploadGrant.Post(objects.presignPost(file.objectKey(), file.contentType(), file.sizeBytes(), file.sha256(),
          expiresAt));
    }
    return new UploadGrant.Put(objects.presignPut(file.objectKey(), file.contentType(), file.sizeBytes(), file.sha256(),
        ttl));
  }

  /**
   * The chosen parts of a multipart upload, each with a PUT of its planned size (and its SHA-256, when
   * declared) that works for {@code ttl}.
   */
  private UploadGrant.Multipart parts(FileRecord file, IntPredicate chosen, Map<Integer, String> sha256s,
      Duration ttl) {
    return cut(file, chosen, (number, size) -> Optional.of(objects.presignPart(file.objectKey(),
        file.uploadId().get(), number, size, Optional.ofNullable(sha256s.get(number)), ttl)));
  }

  /** Every part's offset and size, unsigned. */
  private static UploadGrant.Multipart plan(FileRecord file) {
    return cut(file, number -> true, (number, size) -> Optional.empty());
  }

  private static UploadGrant.Multipart cut(FileRecord file, IntPredicate chosen,
      BiFunction<Integer, Long, Optional<SignedRequest>> sign) {
    List<SignedPart> parts = new ArrayList<>();
    long offset = 0;
    int number = 1;
    for (long partSize : PartPlan.sizes(file.sizeBytes(), file.partSize())) {
      if (chosen.test(number)) {
        parts.add(new SignedPart(number, sign.apply(number, partSize), offset, partSize));
      }
      offset += partSize;
      number++;
    }
    return new UploadGrant.Multipart(parts);
  }

  /** What differs between the declaration and the object, if anything. */
  private Optional<String> mismatch(FileRecord file, StoredObject stored) {
    if (stored.size() != file.sizeBytes()) {
      return Optional.of("size " + stored.size() + " instead of " + file.sizeBytes());
    }
    if (!file.contentType().equals(stored.contentType())) {
      return Optional.of("content type " + stored.contentType() + " instead of " + file.contentType());
    }
    if (file.sha256().isPresent()) {
      // S3 checked and keeps the checksum of a PUT or POST that carried one; a multipart upload has
      // no whole-object SHA-256 in S3 (see docs/files.md), so it is read through (part checksums,
      // which S3 checks, spare that: the contract asks for them instead).
      String actual = stored.sha256().orElseGet(() -> objects.sha256(file.objectKey()));
      if (!actual.equals(file.sha256().get())) {
        return Optional.of("SHA-256 " + actual + " instead of " + file.sha256().get());
      }
    }
    return Optional.empty();
  }
}
