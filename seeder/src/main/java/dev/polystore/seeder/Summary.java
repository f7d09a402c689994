package dev.polystore.seeder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tallies of a run, in the order the entities were seeded, and the table printed at the end. */
public final class Summary {
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  /** Something the table cannot show, such as how the large file was sent; printed under it. */
  public synchronized void note(String note) {
    notes.add(note);
  }

  public synchronized List<String> notes() {
    return new ArrayList<>(notes);
  }

  public synchronized Tally tally(String entity) {
    return tallies.computeIfAbsent(entity, Tally::new);
  }

  public synchronized List<Tally> tallies() {
    return new ArrayList<>(tallies.values());
  }

  public long created() {
    return tallies().stream().mapToLong(Tally::created).sum();
  }

  public void print(PrintStream out) {
    out.printf("%-16s %10s %10s %9s %10s%n", "entity", "created", "existing", "seconds", "per second");
    for (Tally t : tallies()) {
      out.printf("%-16s %10d %10d %9.1f %10.1f%n", t.entity, t.created(), t.existing(), t.seconds(), t.perSecond());
    }
    notes().forEach(note -> out.println("note: " + note));
  }
}
