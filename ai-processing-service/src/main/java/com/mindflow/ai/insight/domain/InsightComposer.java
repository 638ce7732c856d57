package com.mindflow.ai.insight.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightGenerated.SourcedSentence;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.journal.Mood;

/**
 * Turns a period's entry facts into an insight (the seed's {@code journal_insights} row). Extractive and
 * deterministic: every number is counted, every sentence is a template filled from the facts and names the entries
 * it came from, and a period without entries gets an empty-state answer instead of invented content.
 */
public final class InsightComposer {

    static final int MAX_THEMES = 5;
    static final int MAX_SUGGESTIONS = 3;
    /** A difference in average feeling (−1..1) this large is worth telling the user about. */
    static final double NOTABLE = 0.3;

    private static final int[] ENTRY_MILESTONES = {1, 10, 25, 50, 100, 200, 365, 500, 1000, 2000, 5000};
    private static final long[] WORD_MILESTONES = {1_000, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000};
    private static final int[] STREAK_MILESTONES = {7, 30, 100, 365};

    /**
     * @param entries  the period's facts
     * @param recent   facts of a window ending with the period (at least 90 days), for suggestions worth the name
     * @param rejected themes the user marked wrong, lower case: never offered again
     */
    public InsightGenerated compose(UUID insightId, UUID userId, InsightPeriod period, List<EntryFact> entries,
            List<EntryFact> recent, JournalHistory history, Set<String> rejected, Phrases phrases, Instant now) {
        List<EntryFact> sorted = entries.stream().sorted(Comparator.comparing(EntryFact::date)).toList();
        if (sorted.isEmpty()) {
            String text = phrases.nothingToAnalyse(period.start(), period.end());
            return new InsightGenerated(insightId, userId, period.type(), period.start(), period.end(), now, text,
                    0, 0, 0, null, null, null, null, null, null, List.of(), List.of(), List.of(),
                    List.of(new SourcedSentence(text, List.of())));
        }
        int n = sorted.size();
        int totalWords = sorted.stream().mapToInt(EntryFact::words).sum();
        int averageWords = Math.round((float) totalWords / n);
        int longestStreak = longestStreak(sorted);
        MoodShares moods = MoodShares.of(sorted);
        List<InsightTheme> themes = themes(sorted, rejected);

        List<SourcedSentence> summary = new ArrayList<>();
        summary.add(new SourcedSentence(phrases.wrote(n, period.start(), period.end(), totalWords), ids(sorted)));
        if (moods.dominant() != null) {
            summary.add(new SourcedSentence(phrases.moods(moods.dominant(), moods.positive(), moods.neutral(),
                    moods.negative()), ids(sorted.stream().filter(e -> e.mood() == moods.dominant()).toList())));
        }
        else {
            summary.add(new SourcedSentence(phrases.overall(label(sorted)), ids(sorted)));
        }
        if (!themes.isEmpty()) {
            InsightTheme top = themes.getFirst();
            summary.add(new SourcedSentence(phrases.theme(top.name(), top.frequency(), top.sentiment()),
                    top.entryIds()));
        }
        if (n >= 2) {
            EntryFact brightest = sorted.stream().max(Comparator.comparingDouble(EntryFact::feeling)
                    .thenComparing(EntryFact::date)).orElseThrow();
            if (brightest.feeling() > 0) {
                summary.add(new SourcedSentence(phrases.brightest(brightest.date()), List.of(brightest.entryId())));
            }
        }
        String text = summary.stream().map(SourcedSentence::text).collect(Collectors.joining(" "));
        return new InsightGenerated(insightId, userId, period.type(), period.start(), period.end(), now, text, n,
                totalWords, averageWords, mostProductiveDay(sorted), longestStreak,
                moods.positive(), moods.neutral(), moods.negative(), moods.dominant(), themes,
                milestones(n, totalWords, longestStreak, history, phrases),
                suggestions(recent.isEmpty() ? sorted : recent, n, period, phrases), summary);
    }

    static int longestStreak(List<EntryFact> sorted) {
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate date : sorted.stream().map(EntryFact::date).distinct().toList()) {
            run = previous != null && previous.plusDays(1).equals(date) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = date;
        }
        return longest;
    }

    /** The weekday with the most words; a tie goes to the earlier day of the week. */
    static DayOfWeek mostProductiveDay(List<EntryFact> entries) {
        Map<DayOfWeek, Integer> words = new EnumMap<>(DayOfWeek.class);
        entries.forEach(e -> words.merge(e.date().getDayOfWeek(), e.words(), Integer::sum));
        return words.entrySet().stream().max(Map.Entry.<DayOfWeek, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey)
                .orElse(null);
    }

    /** The shares of positive, neutral and negative moods among entries with a mood, and the most frequent one. */
    record MoodShares(Double positive, Double neutral, Double negative, Mood dominant) {

        static MoodShares of(List<EntryFact> entries) {
            List<Mood> moods = entries.stream().map(EntryFact::mood).filter(Objects::nonNull).toList();
            if (moods.isEmpty()) {
                return new MoodShares(null, null, null, null);
            }
            Map<Mood, Long> counts = moods.stream().collect(Collectors.groupingBy(Function.identity(),
                    () -> new EnumMap<>(Mood.class), Collectors.counting()));
            Mood dominant = counts.entrySet().stream().max(Map.Entry.<Mood, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
            return new MoodShares(share(moods, m -> m.score() > 0), share(moods, m -> m.score() == 0),
                    share(moods, m -> m.score() < 0), dominant);
        }

        private static double share(List<Mood> moods, Predicate<Mood> which) {
            return Math.round(10_000.0 * moods.stream().filter(which).count() / moods.size()) / 100.0;
        }
    }

    /**
     * Themes are key phrases and tags that recur across entries (in two or more once the period has four entries),
     * most frequent first; a theme that is a word of a stronger one is left out, and so is any the user rejected.
     */
    static List<InsightTheme> themes(List<EntryFact> entries, Set<String> rejected) {
        Map<String, List<EntryFact>> byTerm = new LinkedHashMap<>();
        Map<UUID, Set<String>> termsOf = new HashMap<>();
        for (EntryFact entry : entries) {
            Set<String> terms = new LinkedHashSet<>();
            entry.keyPhrases().forEach(p -> terms.add(normal(p)));
            entry.tags().forEach(t -> terms.add(normal(t)));
            terms.removeIf(t -> t.length() < 3 || rejected.contains(t));
            termsOf.put(entry.entryId(), terms);
            terms.forEach(t -> byTerm.computeIfAbsent(t, k -> new ArrayList<>()).add(entry));
        }
        int minimum = entries.size() >= 4 ? 2 : 1;
        List<String> ranked = byTerm.entrySet().stream().filter(e -> e.getValue().size() >= minimum)
                .sorted(Comparator.<Map.Entry<String, List<EntryFact>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(e -> -e.getKey().length()).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
        List<InsightTheme> themes = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (String term : ranked) {
            if (themes.size() == MAX_THEMES) {
                break;
            }
            if (chosen.stream().anyMatch(c -> overlaps(c, term))) {
                continue;
            }
            List<EntryFact> its = byTerm.get(term);
            Map<String, Integer> related = new HashMap<>();
            its.forEach(e -> termsOf.get(e.entryId()).stream().filter(t -> !t.equals(term) && !overlaps(t, term))
                    .forEach(t -> related.merge(t, 1, Integer::sum)));
            List<String> relatedWords = related.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .limit(3).map(Map.Entry::getKey).toList();
            themes.add(new InsightTheme(term, its.size(), sentiment(its), relatedWords, ids(its)));
            chosen.add(term);
        }
        return themes;
    }

    private static boolean overlaps(String a, String b) {
        return (" " + a + " ").contains(" " + b + " ") || (" " + b + " ").contains(" " + a + " ");
    }

    /** Mixed when at least a third of the entries lean each way; otherwise the average's sign. */
    static Sentiment sentiment(List<EntryFact> entries) {
        long positive = entries.stream().filter(e -> e.sentiment() > 0.15).count();
        long negative = entries.stream().filter(e -> e.sentiment() < -0.15).count();
        if (positive * 3 >= entries.size() && negative * 3 >= entries.size() && positive > 0 && negative > 0) {
            return Sentiment.MIXED;
        }
        return label(entries);
    }

    private static Sentiment label(List<EntryFact> entries) {
        double average = entries.stream().mapToDouble(EntryFact::sentiment).average().orElse(0);
        return average > 0.15 ? Sentiment.POSITIVE : average < -0.15 ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
    }

    static List<String> milestones(int entries, long words, int longestStreak, JournalHistory history,
            Phrases phrases) {
        List<String> milestones = new ArrayList<>();
        for (int threshold : ENTRY_MILESTONES) {
            if (history.entriesBefore() < threshold && history.entriesBefore() + entries >= threshold) {
                milestones.add(phrases.entryMilestone(threshold));
            }
        }
        for (long threshold : WORD_MILESTONES) {
            if (history.wordsBefore() < threshold && history.wordsBefore() + words >= threshold) {
                milestones.add(phrases.wordMilestone(threshold));
            }
        }
        for (int i = STREAK_MILESTONES.length - 1; i >= 0; i--) {
            if (longestStreak >= STREAK_MILESTONES[i]) {
                milestones.add(phrases.streakMilestone(STREAK_MILESTONES[i]));
                break;
            }
        }
        return milestones;
    }

    /**
     * What the user's own data says helps or hurts: mood by tag, by weather and by weekday, each only with at least
     * two entries on either side of the comparison and a notable difference. Nothing generic is made up.
     */
    static List<String> suggestions(List<EntryFact> recent, int entriesInPeriod, InsightPeriod period,
            Phrases phrases) {
        List<Finding> findings = new ArrayList<>();
        Set<String> tags = new LinkedHashSet<>();
        recent.forEach(e -> e.tags().forEach(t -> tags.add(normal(t))));
        for (String tag : tags) {
            compare(recent, e -> e.tags().stream().anyMatch(t -> normal(t).equals(tag)))
                    .ifPresent(diff -> findings.add(new Finding(Math.abs(diff), phrases.tagMood(tag, diff > 0))));
        }
        Set<String> weathers = new LinkedHashSet<>();
        recent.stream().map(EntryFact::weather).filter(Objects::nonNull).map(InsightComposer::normal)
                .filter(w -> !w.isEmpty()).forEach(weathers::add);
        for (String weather : weathers) {
            compare(recent, e -> e.weather() != null && normal(e.weather()).equals(weather))
                    .ifPresent(diff -> findings.add(new Finding(Math.abs(diff), phrases.weatherMood(weather, diff > 0))));
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            compare(recent, e -> e.date().getDayOfWeek() == day).filter(diff -> diff > 0)
                    .ifPresent(diff -> findings.add(new Finding(diff, phrases.weekdayMood(day))));
        }
        List<String> suggestions = findings.stream().sorted(Comparator.comparingDouble(Finding::strength).reversed())
                .limit(MAX_SUGGESTIONS).map(Finding::text).collect(Collectors.toCollection(ArrayList::new));
        if (suggestions.isEmpty() && entriesInPeriod * 2 < Math.min(period.days(), 14)) {
            suggestions.add(phrases.writeMoreOften(entriesInPeriod, period.days()));
        }
        return suggestions;
    }

    private record Finding(double strength, String text) {
    }

    /** The average feeling of entries that match minus those that do not, when both sides have two entries. */
    private static Optional<Double> compare(List<EntryFact> entries,
            Predicate<EntryFact> matches) {
        Map<Boolean, List<EntryFact>> sides = entries.stream().collect(Collectors.partitioningBy(matches));
        List<EntryFact> with = sides.get(true);
        List<EntryFact> without = sides.get(false);
        if (with.size() < 2 || without.size() < 2) {
            return Optional.empty();
        }
        double diff = with.stream().mapToDouble(EntryFact::feeling).average().orElseThrow()
                - without.stream().mapToDouble(EntryFact::feeling).average().orElseThrow();
        return Math.abs(diff) >= NOTABLE ? Optional.of(diff) : Optional.empty();
    }

    public static String normal(String term) {
        return term.strip().toLowerCase(Locale.ROOT);
    }

    private static List<UUID> ids(List<EntryFact> entries) {
        return entries.stream().map(EntryFact::entryId).toList();
    }
}
