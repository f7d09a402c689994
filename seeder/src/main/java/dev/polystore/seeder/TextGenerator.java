package dev.polystore.seeder;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible English chat and document text from small word lists, so full-text search (English
 * stemming) has real words to find. Deterministic for a given random stream.
 */
public final class TextGenerator {
  static final List<String> SUBJECTS = List.of("the release", "our customer", "the dashboard", "the invoice",
      "the migration", "this sprint", "the onboarding flow", "the database", "the design review", "the roadmap",
      "the budget", "the deployment", "the mobile app", "the analytics report", "the security audit");
  static final List<String> VERBS = List.of("needs", "blocks", "depends on", "improves", "replaces", "delays",
      "simplifies", "breaks", "follows", "mentions", "requires", "duplicates");
  static final List<String> OBJECTS = List.of("a quick review", "the staging cluster", "the pricing page",
      "another approval", "the quarterly forecast", "new screenshots", "a rollback plan", "the search index",
      "the kubernetes upgrade", "the newsletter", "the support backlog", "the billing service",
      "the accessibility fixes", "a performance budget", "the hiring plan");
  static final List<String> TAILS = List.of("before friday", "this afternoon", "after lunch", "next week",
      "as discussed", "according to marketing", "if nobody objects", "for the demo", "by tomorrow morning", "");
  static final List<String> FIRST_NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret",
      "Ken", "Frances", "John", "Radia", "Dennis", "Hedy", "Tim", "Sophie", "Linus", "Karen", "Niklaus");
  static final List<String> LAST_NAMES = List.of("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth",
      "Hamilton", "Thompson", "Allen", "Backus", "Perlman", "Ritchie", "Lamarr", "Berners-Lee", "Wilson",
      "Torvalds", "Sparck-Jones", "Wirth");
  static final List<String> TOPICS = List.of("launch", "pricing", "platform", "growth", "support", "design",
      "security", "finance", "hiring", "research");

  private TextGenerator() {}

  /** One sentence such as "The invoice depends on the billing service before friday." */
  public static String sentence(SplittableRandom random) {
    String tail = pick(random, TAILS);
    String text = pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS)
        + (tail.isEmpty() ? "" : " " + tail) + ".";
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** One to {@code most} sentences. */
  public static String paragraph(SplittableRandom random, int most) {
    int count = 1 + random.nextInt(most);
    StringBuilder text = new StringBuilder(sentence(random));
    for (int i = 1; i < count; i++) {
      text.append(' ').append(sentence(random));
    }
    return text.toString();
  }

  public static String personName(SplittableRandom random) {
    return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
  }

  public static String topic(int index) {
    return TOPICS.get(index % TOPICS.size());
  }

  static String pick(SplittableRandom random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }
}
