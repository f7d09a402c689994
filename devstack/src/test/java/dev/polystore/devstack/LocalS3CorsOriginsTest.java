package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FILES_CORS_ALLOWED_ORIGINS as devstack's S3 reads it: the list LocalStack and Terraform take too. */
class LocalS3CorsOriginsTest {

    @Test
    void unsetOrBlankKeepsTheDevServerOrigins() {
        assertEquals(LocalS3.CORS_ORIGINS, LocalS3.corsOrigins(null));
        assertEquals(LocalS3.CORS_ORIGINS, LocalS3.corsOrigins(" "));
    }

    @Test
    void aCommaSeparatedListOfOrigins() {
        assertEquals(List.of("http://127.0.0.1:8080", "https://app.example.com"),
                LocalS3.corsOrigins("http://127.0.0.1:8080, https://app.example.com"));
    }

    @Test
    void refusesWhatTerraformRefuses() {
        for (String bad : List.of("*", "http://localhost:3000/", "app.example.com", "https://*.example.com", "http://a,")) {
            assertThrows(IllegalArgumentException.class, () -> LocalS3.corsOrigins(bad), bad);
        }
    }
}
