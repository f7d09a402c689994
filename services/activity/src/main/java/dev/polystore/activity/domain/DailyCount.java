package dev.polystore.activity.domain;

import java.time.LocalDate;

/** How many events of one type occurred on one UTC day. */
public record DailyCount(LocalDate day, String type, long count) {}
