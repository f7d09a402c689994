package dev.polystore.files.api;

import com.google.protobuf.Timestamp;
import dev.polystore.files.domain.FileRecord;
import dev.polystore.files.domain.SignedPart;
import dev.polystore.files.domain.SignedRequest;
import dev.polystore.files.domain.UploadGrant;
import dev.polystore.files.domain.UploadMethod;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.File;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.FormField;
import dev.polystore.files.v1.MultipartUpload;
import dev.polystore.files.v1.PresignedPost;
import dev.polystore.files.v1.PresignedRequest;
import dev.polystore.files.v1.SignUploadPartsResponse;
import dev.polystore.files.v1.UploadPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Domain values to protobuf messages and back; no rules. */
final class FileMessages {
  private FileMessages() {}

  static File toMessage(FileRecord file) {
    File.Builder out = File.newBuilder()
        .setFileId(file.fileId().toString())
        .setWorkspaceId(file.workspaceId().toString())
        .setFilename(file.filename())
        .setContentType(file.contentType())
        .setSizeBytes(file.sizeBytes())
        .setSha256(file.sha256().orElse(""))
        .setStatus(switch (file.status()) {
          case PENDING -> FileStatus.FILE_STATUS_PENDING;
          case READY -> FileStatus.FILE_STATUS_READY;
        })
        .setCreateTime(timestamp(file.createdAt()));
    file.readyAt().ifPresent(at -> out.setReadyTime(timestamp(at)));
    return out.build();
  }

  static CreateUploadResponse toMessage(UploadGrant grant) {
    CreateUploadResponse.Builder out = CreateUploadResponse.newBuilder()
        .setFile(toMessage(grant.file()))
        .setExpireTime(timestamp(grant.expiresAt()));
    if (grant.upload() instanceof UploadGrant.Put put) {
      out.setPut(toMessage(put.request()));
    } else if (grant.upload() instanceof UploadGrant.Post post) {
      PresignedPost.Builder form = PresignedPost.newBuilder().setUrl(post.form().url().toString());
      post.form().fields().forEach((name, value) -> form.addFields(FormField.newBuilder().setName(name).setValue(value)));
      out.setPost(form);
    } else if (grant.upload() instanceof UploadGrant.Multipart multipart) {
      out.setMultipart(MultipartUpload.newBuilder().addAllParts(toMessages(multipart)));
    }
    return out.build();
  }

  /** The parts of a multipart grant, as SignUploadParts answers them. */
  static SignUploadPartsResponse toPartsMessage(UploadGrant grant) {
    return SignUploadPartsResponse.newBuilder().addAllParts(toMessages((UploadGrant.Multipart) grant.upload()))
        .setExpireTime(timestamp(grant.expiresAt())).build();
  }

  private static List<UploadPart> toMessages(UploadGrant.Multipart multipart) {
    List<UploadPart> parts = new ArrayList<>();
    for (SignedPart part : multipart.parts()) {
      UploadPart.Builder message = UploadPart.newBuilder().setPartNumber(part.partNumber())
          .setOffset(part.offset()).setSizeBytes(part.size());
      part.request().ifPresent(request -> message.setRequest(toMessage(request)));
      parts.add(message.build());
    }
    return parts;
  }

  static UploadMethod method(dev.polystore.files.v1.UploadMethod method) {
    return switch (method) {
      case UPLOAD_METHOD_POST -> UploadMethod.POST;
      // The contract refuses every other value before a request gets here.
      default -> UploadMethod.PUT;
    };
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  private static PresignedRequest toMessage(SignedRequest request) {
    return PresignedRequest.newBuilder().setUrl(request.url().toString()).putAllHeaders(request.headers()).build();
  }
}
