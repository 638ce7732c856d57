package com.mindflow.ai.insight.domain;

import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.journal.Mood;

/** The insight's sentences in the two languages accounts allow: English and (European) Portuguese. */
public enum Phrases {

    ENGLISH(Locale.ENGLISH, DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)),
    PORTUGUESE(Locale.of("pt", "PT"), DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.of("pt", "PT")));

    private final Locale locale;
    private final DateTimeFormatter dates;

    Phrases(Locale locale, DateTimeFormatter dates) {
        this.locale = locale;
        this.dates = dates;
    }

    /** The account's language code ({@code en}, {@code pt}); anything else reads English. */
    public static Phrases of(String language) {
        return "pt".equals(language) ? PORTUGUESE : ENGLISH;
    }

    String nothingToAnalyse(LocalDate start, LocalDate end) {
        return english() ? "There were no entries to analyse between %s and %s.".formatted(date(start), date(end))
                : "Não houve entradas para analisar entre %s e %s.".formatted(date(start), date(end));
    }

    String wrote(int entries, LocalDate start, LocalDate end, int words) {
        return english()
                ? "You wrote %s %s between %s and %s, %s words in all.".formatted(number(entries),
                        entries == 1 ? "entry" : "entries", date(start), date(end), number(words))
                : "Escreveste %s %s entre %s e %s, %s palavras ao todo.".formatted(number(entries),
                        entries == 1 ? "entrada" : "entradas", date(start), date(end), number(words));
    }

    String moods(Mood dominant, double positive, double neutral, double negative) {
        return english()
                ? "Your most frequent mood was %s: %s%% of your moods were positive, %s%% neutral and %s%% negative."
                        .formatted(mood(dominant), percent(positive), percent(neutral), percent(negative))
                : "O teu humor mais frequente foi %s: %s%% dos teus humores foram positivos, %s%% neutros e %s%% negativos."
                        .formatted(mood(dominant), percent(positive), percent(neutral), percent(negative));
    }

    String overall(Sentiment sentiment) {
        return english() ? "Overall your writing read as %s.".formatted(sentiment(sentiment))
                : "No conjunto, a tua escrita soou %s.".formatted(sentiment(sentiment));
    }

    String theme(String name, int entries, Sentiment sentiment) {
        return english()
                ? "\"%s\" came up most often, in %s %s, and felt %s.".formatted(name, number(entries),
                        entries == 1 ? "entry" : "entries", sentiment(sentiment))
                : "\"%s\" foi o tema mais frequente, em %s %s, e soou %s.".formatted(name, number(entries),
                        entries == 1 ? "entrada" : "entradas", sentiment(sentiment));
    }

    String brightest(LocalDate date) {
        return english() ? "Your brightest day was %s.".formatted(date(date))
                : "O teu dia mais luminoso foi %s.".formatted(date(date));
    }

    String entryMilestone(int entries) {
        if (entries == 1) {
            return english() ? "Wrote your first entry" : "Escreveste a tua primeira entrada";
        }
        return english() ? "Reached %s entries".formatted(number(entries))
                : "Chegaste às %s entradas".formatted(number(entries));
    }

    String wordMilestone(long words) {
        return english() ? "Wrote %s words".formatted(number(words))
                : "Escreveste %s palavras".formatted(number(words));
    }

    String streakMilestone(int days) {
        return english() ? "Completed %s days in a row".formatted(number(days))
                : "Completaste %s dias seguidos".formatted(number(days));
    }

    String tagMood(String tag, boolean higher) {
        return english()
                ? "On days tagged \"%s\" your mood was %s than on other days.".formatted(tag, higher ? "higher" : "lower")
                : "Nos dias com a etiqueta \"%s\" o teu humor foi %s do que nos outros.".formatted(tag,
                        higher ? "melhor" : "pior");
    }

    String weatherMood(String weather, boolean higher) {
        return english()
                ? "On %s days your mood was %s than on other days.".formatted(weather, higher ? "higher" : "lower")
                : "Nos dias de tempo %s o teu humor foi %s do que nos outros.".formatted(weather,
                        higher ? "melhor" : "pior");
    }

    String weekdayMood(DayOfWeek day) {
        String name = day.getDisplayName(TextStyle.FULL, locale);
        return english() ? "Your mood was highest on %ss.".formatted(name)
                : "O teu humor foi melhor à %s.".formatted(name);
    }

    String writeMoreOften(int entries, long days) {
        return english()
                ? "You wrote on %s of %s days: a few more entries give your next insight more to go on."
                        .formatted(number(entries), number(days))
                : "Escreveste em %s de %s dias: mais algumas entradas dão mais matéria ao teu próximo resumo."
                        .formatted(number(entries), number(days));
    }

    private boolean english() {
        return this == ENGLISH;
    }

    private String date(LocalDate date) {
        return dates.format(date);
    }

    private String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    private String percent(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    private String mood(Mood mood) {
        if (english()) {
            return mood.wireName();
        }
        return switch (mood) {
            case ECSTATIC -> "eufórico";
            case HAPPY -> "feliz";
            case NEUTRAL -> "neutro";
            case ANXIOUS -> "ansioso";
            case SAD -> "triste";
            case ANGRY -> "zangado";
        };
    }

    private String sentiment(Sentiment sentiment) {
        if (english()) {
            return sentiment.wireName();
        }
        return switch (sentiment) {
            case POSITIVE -> "positivo";
            case NEUTRAL -> "neutro";
            case NEGATIVE -> "negativo";
            case MIXED -> "misto";
        };
    }
}
