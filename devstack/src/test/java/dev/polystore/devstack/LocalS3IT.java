package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Against the real S3Proxy that {@link Devstack#s3()} starts; signed requests are the platform's to test. */
class LocalS3IT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusesUnsignedRequestsAndRestartsOnTheSamePortWithItsBuckets() throws Exception {
        LocalS3 s3 = Devstack.s3();
        s3.createBucket("devstack-it");
        int port = s3.port();
        assertEquals(403, put("/devstack-it/anything"), "signature checking is on");

        s3.stop();
        assertFalse(s3.isRunning());
        assertThrows(ConnectException.class, () -> put("/devstack-it/anything"));
        s3.start();

        assertTrue(s3.isRunning());
        assertEquals(port, s3.port());
        assertEquals(403, put("/devstack-it/anything"));
        assertEquals(s3.endpoint(), Devstack.env().get("S3_ENDPOINT"));
        assertEquals(LocalS3.BUCKET, Devstack.env().get("S3_BUCKET"));
    }

    @Test
    void answersBrowserPreflightsFromALocalOrigin() throws Exception {
        LocalS3 s3 = Devstack.s3();
        HttpResponse<Void> preflight = http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + LocalS3.BUCKET + "/k"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", s3.corsOrigins().get(0))
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, preflight.statusCode());
        assertEquals(s3.corsOrigins().get(0), preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    private int put(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(Devstack.s3().endpoint() + path))
                        .PUT(HttpRequest.BodyPublishers.ofString("unsigned")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
