package dev.polystore.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the tests, never checked in: a CA, and server or client certificates it
 * signs, each with a subject alternative name and a validity window of the test's choosing.
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key pair and its certificate. */
  public record Issued(KeyPair keys, X509Certificate certificate) {
    /** Writes {@code name}.crt and {@code name}.key (PKCS#8) as PEM into {@code directory}. */
    public Path[] writePem(Path directory, String name) {
      try {
        Path cert = directory.resolve(name + ".crt");
        Path key = directory.resolve(name + ".key");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return new Path[] {cert, key};
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private TestCertificates() {}

  /** A self-signed CA valid for a day. */
  public static Issued authority(String name) {
    KeyPair keys = keyPair();
    return new Issued(keys, sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys.getPrivate(),
        null, true, Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(1))));
  }

  /** A leaf certificate for {@code altName} (a URI "spiffe://...", else an IP address or DNS name). */
  public static Issued leaf(Issued ca, String altName, Instant notBefore, Instant notAfter) {
    KeyPair keys = keyPair();
    GeneralName name = altName.contains("://") ? new GeneralName(GeneralName.uniformResourceIdentifier, altName)
        : altName.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, altName)
        : new GeneralName(GeneralName.dNSName, altName);
    X500Name issuer = new X500Name(ca.certificate().getSubjectX500Principal().getName());
    return new Issued(keys, sign(new X500Name("CN=" + altName.replaceAll("[^A-Za-z0-9.-]", "-")), keys, issuer,
        ca.keys().getPrivate(), name, false, notBefore, notAfter));
  }

  /** A leaf valid from five minutes ago for a day. */
  public static Issued leaf(Issued ca, String altName) {
    return leaf(ca, altName, Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(1)));
  }

  private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
      GeneralName altName, boolean ca, Instant notBefore, Instant notAfter) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      if (altName != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altName));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
