package dev.polystore.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan is a function of the seed: the same seed plans the same data, another seed other data. */
class PlanTest {
  @Test
  void sameSeedSamePlan() {
    for (Size size : Size.values()) {
      Plan a = new Plan(7, size);
      Plan b = new Plan(7, size);
      assertEquals(a.email(3), b.email(3));
      assertEquals(a.displayName(3), b.displayName(3));
      assertEquals(a.slug(1), b.slug(1));
      assertEquals(a.members(1), b.members(1));
      assertEquals(a.messageBody(1, 2, 3), b.messageBody(1, 2, 3));
      assertEquals(a.messageAuthor(1, 2, 3), b.messageAuthor(1, 2, 3));
      assertEquals(a.keys.uuid("room:1:2"), b.keys.uuid("room:1:2"));
    }
  }

  @Test
  void otherSeedOtherKeys() {
    Plan a = new Plan(7, Size.SMALL);
    Plan b = new Plan(8, Size.SMALL);
    assertNotEquals(a.email(0), b.email(0));
    assertNotEquals(a.slug(0), b.slug(0));
    assertNotEquals(a.messageKey(0, 0, 0), b.messageKey(0, 0, 0));
    assertNotEquals(a.keys.uuid("apikey:0:0"), b.keys.uuid("apikey:0:0"));
  }

  @Test
  void naturalKeysAreDistinctAndValid() {
    for (Size size : Size.values()) {
      Plan plan = new Plan(Long.MAX_VALUE, size);
      Set<String> emails = new HashSet<>();
      for (int u = 0; u < size.users; u++) {
        assertTrue(emails.add(plan.email(u)));
      }
      Set<String> slugs = new HashSet<>();
      for (int w = 0; w < size.workspaces; w++) {
        String slug = plan.slug(w);
        assertTrue(slug.matches("^[a-z0-9][a-z0-9-]*[a-z0-9]$") && slug.length() <= 40, slug);
        assertTrue(slugs.add(slug));
        List<Integer> members = plan.members(w);
        assertEquals(size.membersPerWorkspace, new HashSet<>(members).size(), "distinct members");
        Set<String> rooms = new HashSet<>();
        for (int r = 0; r < size.roomsPerWorkspace; r++) {
          assertTrue(rooms.add(plan.roomName(w, r).toLowerCase()), "room names unique ignoring case");
        }
      }
      String key = plan.messageKey(size.workspaces - 1, size.roomsPerWorkspace - 1, size.messagesPerRoom - 1);
      assertTrue(key.matches("^[A-Za-z0-9._:-]+$") && key.length() <= 64, key);
      String doc = plan.documentId(size.workspaces - 1, size.documentsPerWorkspace - 1);
      assertTrue(doc.matches("^[A-Za-z0-9][A-Za-z0-9._:/-]*$") && doc.length() <= 64, doc);
    }
  }

  @Test
  void requestIdsAreNameBasedUuids() {
    assertEquals(3, new Keys(1).uuid("room:0:0").version());
  }
}
