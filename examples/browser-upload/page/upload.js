// Sends a file straight to S3 with what the files service's CreateUpload answered, as proto3 JSON
// (your backend calls CreateUpload and hands the page its answer; int64 fields arrive as strings).
// No library, no build step: copy this file. XMLHttpRequest, because fetch reports no upload progress.
'use strict';

/** S3 refused (status and S3's XML error Code), or the page could read no answer at all (status 0). */
class UploadError extends Error {
  constructor(status, code, message) {
    super(`${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

/** S3 answers a refusal with <Error><Code>…</Code><Message>…</Message></Error>. */
function s3Error(status, body) {
  const xml = new DOMParser().parseFromString(body || '', 'application/xml');
  const text = (tag) => xml.getElementsByTagName(tag)[0]?.textContent ?? '';
  return new UploadError(status, text('Code') || 'Unknown', text('Message') || body || '(no body)');
}

/** What a page learns when the browser hides the answer: nothing but that there was none. */
function noAnswer(url) {
  return new UploadError(0, 'NetworkError', `no readable answer from ${new URL(url).origin}: is ${location.origin} `
      + 'among the bucket\'s CORS origins? (S3Proxy also refuses the CORS preflight of an expired URL)');
}

/** One request; resolves with the XMLHttpRequest on a 2xx, rejects with an UploadError otherwise. */
function send(method, url, headers, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets Content-Length and Host from the request itself and may not be told them.
      if (!['content-length', 'host'].includes(name.toLowerCase())) {
        xhr.setRequestHeader(name, value);
      }
    }
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(xhr) : reject(s3Error(xhr.status, xhr.responseText)));
    // CORS refusals and network failures look the same to a page: no status, no body.
    xhr.onerror = () => reject(noAnswer(url));
    xhr.send(body);
  });
}

/** The bytes of one planned part: file[offset, offset + sizeBytes). */
function partOf(file, part) {
  const offset = Number(part.offset || 0);
  return file.slice(offset, offset + Number(part.sizeBytes));
}

/**
 * Uploads `file` (a File or Blob) as `upload` (CreateUploadResponse) says: a PUT, a POST form, or
 * PUTs of parts. onProgress(sentBytes, totalBytes) follows the upload. Resolves with
 * {parts: [{partNumber, etag}]} for a multipart upload ({parts: []} otherwise): then ask your
 * backend to call CompleteUpload.
 *
 * An upload created with part_checksums lists its parts without requests: the page hashes each
 * part (SHA-256) and signParts({partNumber: sha256Hex}) must resolve with SignUploadParts' answer
 * for them (your backend calls SignUploadParts with part_sha256). Each PUT then carries its part's
 * x-amz-checksum-sha256 and S3 refuses other bytes, so CompleteUpload reads nothing back.
 */
async function uploadFile(upload, file, onProgress = () => {}, signParts = null) {
  if (upload.put) {
    await send('PUT', upload.put.url, upload.put.headers || {}, file, (sent) => onProgress(sent, file.size));
    return {parts: []};
  }
  if (upload.post) {
    // The signed fields in their order, the file last (S3 ignores fields after the file).
    const form = new FormData();
    upload.post.fields.forEach((field) => form.append(field.name, field.value));
    form.append('file', file);
    await send('POST', upload.post.url, {}, form, (sent) => onProgress(Math.min(sent, file.size), file.size));
    return {parts: []};
  }
  if (upload.multipart) {
    // One part after the other, to keep it short; parts may also go in parallel.
    let planned = upload.multipart.parts;
    if (planned.some((part) => !part.request)) {
      if (!signParts) {
        throw new UploadError(0, 'NoSigner', 'the upload declared part checksums: pass signParts');
      }
      const partSha256 = {};
      for (const part of planned) {
        partSha256[part.partNumber] = await sha256Hex(partOf(file, part));
      }
      planned = (await signParts(partSha256)).parts;
    }
    const parts = [];
    let done = 0;
    for (const part of planned) {
      const blob = partOf(file, part);
      const xhr = await send('PUT', part.request.url, part.request.headers || {}, blob,
          (sent) => onProgress(done + sent, file.size));
      done += blob.size;
      // Readable only if the bucket's CORS exposes ETag.
      const etag = xhr.getResponseHeader('ETag');
      if (!etag) {
        throw new UploadError(xhr.status, 'NoETag', 'the bucket\'s CORS does not expose the ETag header');
      }
      parts.push({partNumber: part.partNumber, etag});
    }
    return {parts};
  }
  throw new UploadError(0, 'NoUpload', 'the answer holds no put, post or multipart');
}

/** Hex SHA-256 of a Blob or ArrayBuffer (SubtleCrypto: https pages, or http on localhost/127.0.0.1). */
async function sha256Hex(data) {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** GETs a presigned download URL (GetDownloadUrl) and resolves with the SHA-256 of the bytes. */
async function downloadSha256(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw noAnswer(url);
  }
  if (!response.ok) {
    throw s3Error(response.status, await response.text());
  }
  return sha256Hex(await response.arrayBuffer());
}

window.PolystoreUpload = {uploadFile, downloadSha256, sha256Hex, UploadError};
