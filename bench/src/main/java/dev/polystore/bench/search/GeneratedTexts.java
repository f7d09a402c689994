package dev.polystore.bench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded chat-like messages on a few dozen topics: each message mixes words of one topic with
 * common ones, so their embeddings cluster by topic and overlap at the edges, as real messages do
 * (random vectors have no clusters at all).
 */
final class GeneratedTexts {
  private static final String[][] TOPICS = {
      {"invoice", "payment", "refund", "billing", "card", "charge", "receipt", "subscription", "plan", "price"},
      {"deploy", "release", "rollback", "pipeline", "build", "branch", "merge", "staging", "canary", "tag"},
      {"database", "query", "index", "table", "migration", "replica", "backup", "schema", "vacuum", "lock"},
      {"football", "match", "goal", "striker", "league", "referee", "penalty", "stadium", "coach", "season"},
      {"recipe", "oven", "garlic", "butter", "flour", "dough", "soup", "spices", "onion", "pan"},
      {"flight", "airport", "boarding", "luggage", "passport", "delay", "gate", "hotel", "visa", "ticket"},
      {"garden", "tomato", "seeds", "soil", "watering", "roses", "compost", "weeds", "harvest", "greenhouse"},
      {"guitar", "chords", "concert", "album", "drummer", "melody", "lyrics", "tour", "vinyl", "band"},
      {"doctor", "appointment", "fever", "vaccine", "pharmacy", "symptoms", "clinic", "prescription", "allergy", "nurse"},
      {"rent", "landlord", "apartment", "lease", "deposit", "plumber", "heating", "neighbours", "moving", "keys"},
      {"kernel", "driver", "firmware", "laptop", "battery", "update", "crash", "reboot", "bios", "screen"},
      {"election", "vote", "campaign", "senate", "policy", "debate", "candidate", "ballot", "parliament", "poll"},
      {"hiking", "trail", "summit", "tent", "backpack", "glacier", "boots", "valley", "map", "ridge"},
      {"puppy", "vet", "leash", "kitten", "treats", "walk", "litter", "collar", "shelter", "grooming"},
      {"exam", "lecture", "thesis", "professor", "homework", "semester", "grades", "library", "essay", "campus"},
      {"stocks", "dividend", "portfolio", "inflation", "bonds", "market", "broker", "shares", "interest", "fund"},
      {"painting", "canvas", "gallery", "sketch", "watercolor", "brush", "museum", "portrait", "exhibition", "easel"},
      {"wedding", "bride", "venue", "invitations", "cake", "dress", "ceremony", "guests", "honeymoon", "rings"},
      {"rain", "storm", "forecast", "snow", "humidity", "wind", "thunder", "sunshine", "temperature", "fog"},
      {"engine", "tyres", "mechanic", "brakes", "fuel", "garage", "oil", "gearbox", "dashboard", "highway"},
      {"chess", "opening", "endgame", "bishop", "knight", "checkmate", "tournament", "rating", "pawn", "blitz"},
      {"novel", "chapter", "author", "plot", "character", "publisher", "poetry", "bookshop", "sequel", "reading"},
      {"vpn", "firewall", "password", "phishing", "certificate", "encryption", "breach", "token", "audit", "malware"},
      {"bakery", "croissant", "espresso", "latte", "pastry", "barista", "muffin", "cafe", "beans", "milk"},
  };
  private static final String[] COMMON = {
      "today", "tomorrow", "really", "maybe", "please", "thanks", "again", "still", "soon", "later",
      "we", "you", "they", "need", "want", "think", "found", "check", "about", "new"};
  private static final String[] TEMPLATES = {
      "%s %s the %s and the %s %s",
      "can %s look at the %s before the %s %s",
      "the %s %s again, %s %s the %s",
      "%s: %s %s %s, %s",
  };

  private GeneratedTexts() {}

  static List<String> generate(int count, long seed) {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String[] topic = TOPICS[random.nextInt(TOPICS.length)];
      // mostly words of the topic, now and then one of another (the overlap between clusters)
      String[] other = TOPICS[random.nextInt(TOPICS.length)];
      Object[] words = new Object[5];
      for (int w = 0; w < words.length; w++) {
        int pick = random.nextInt(10);
        words[w] = pick < 6 ? topic[random.nextInt(topic.length)]
            : pick < 9 ? COMMON[random.nextInt(COMMON.length)] : other[random.nextInt(other.length)];
      }
      texts.add(String.format(TEMPLATES[random.nextInt(TEMPLATES.length)], words) + " #" + random.nextInt(1000));
    }
    return texts;
  }
}
