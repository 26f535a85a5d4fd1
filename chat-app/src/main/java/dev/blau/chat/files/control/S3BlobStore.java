package dev.blau.chat.files.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs in an S3-compatible store (AWS S3, MinIO, Ceph, ...) through the AWS SDK. Path-style
 * addressing, so a store on its own host name (MinIO in compose) needs no wildcard DNS.
 * Reads ask for the bytes they need ({@code Range}), so a resumed download starts where it stopped.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    /** {@code endpoint} null: AWS itself, in {@code region}. */
    public S3BlobStore(URI endpoint, String region, String bucket, String accessKey, String secretKey) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create()) // named, so the SDK looks up no implementation
                .region(Region.of(region))
                .forcePathStyle(true)
                // checksums only where S3 requires them: S3-compatible stores (older MinIO, Ceph)
                // refuse the SDK's default streaming checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        this.s3 = builder.build();
        this.bucket = bucket;
    }

    /** Creates the bucket when it is not there (a fresh MinIO); a store that refuses is left to its operator. */
    public void ensureBucket() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void put(String key, Path source, String contentType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw new IOException("S3 put of " + key + " failed", e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            String range = length < 0 ? (offset == 0 ? null : "bytes=" + offset + "-")
                    : "bytes=" + offset + "-" + (offset + length - 1);
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new MissingBlobException(key);
        } catch (SdkException e) {
            throw new IOException("S3 get of " + key + " failed", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key)); // S3 answers 204 for a missing key too
        } catch (SdkException e) {
            throw new IOException("S3 delete of " + key + " failed", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
