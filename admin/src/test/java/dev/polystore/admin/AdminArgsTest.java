package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdminArgsTest {
  @Test
  void commandWordsThenOptions() {
    AdminArgs args = AdminArgs.parse("pitr", "restore", "--from", "s3://b-1/p", "--replace", "--data-dir=/x");
    assertEquals(List.of("pitr", "restore"), args.command());
    assertEquals("s3://b-1/p", args.required("from"));
    assertEquals("/x", args.required("data-dir"));
    assertTrue(args.flag("replace"));
  }

  @Test
  void aMissingOptionIsNamed() {
    AdminFailure missing = assertThrows(AdminFailure.class, () -> AdminArgs.parse("export").required("service"));
    assertEquals("--service is required for export", missing.getMessage());
  }

  @Test
  void locationsMustNameABucketAndAPrefix() {
    assertEquals(new BackupLocation("backups", "daily/2026-11-29/accounts"),
        BackupLocation.parse("to", "s3://backups/daily/2026-11-29/accounts/"));
    assertThrows(AdminFailure.class, () -> BackupLocation.parse("to", "s3://backups"));
    assertThrows(AdminFailure.class, () -> BackupLocation.parse("to", "/tmp/x"));
  }

  @Test
  void nowInALocationIsTheExportsStartTime() {
    assertEquals("s3://backups/daily/20261129T033000Z/accounts", ExportCommand.withTime(
        "s3://backups/daily/{now}/accounts", java.time.Instant.parse("2026-11-29T03:30:00.123Z")));
  }

  @Test
  void anUnknownCommandPrintsTheUsage() {
    AdminFailure unknown = assertThrows(AdminFailure.class,
        () -> Admin.run(AdminArgs.parse("backup"), java.util.Map.of(), System.out));
    assertTrue(unknown.getMessage().contains("usage: polystore-admin"), unknown.getMessage());
  }
}
