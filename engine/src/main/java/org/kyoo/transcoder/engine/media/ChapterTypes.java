package org.kyoo.transcoder.engine.media;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A chapter's kind read from its name, so a player can offer "skip intro" or "next episode":
 * {@code recap}, {@code intro}, {@code credits}, {@code preview}, else {@code content}. Names come in
 * the languages a library holds (English, French, German, Spanish, Italian, Japanese), with
 * anime's short forms (OP, ED).
 */
public final class ChapterTypes {
    public static final String RECAP = "recap";
    public static final String INTRO = "intro";
    public static final String CREDITS = "credits";
    public static final String PREVIEW = "preview";
    public static final String CONTENT = "content";

    private record Rule(String type, Pattern pattern) {}

    // Order matters: "générique de fin" is credits before "générique" is an intro, and "opening
    // credits" is an intro before "credits" alone means the end.
    private static final List<Rule> RULES = List.of(
            rule(RECAP, "recap", "previously", "last time", "resume", "rappel", "precedemment",
                    "zusammenfassung", "was bisher geschah", "bisher bei", "riassunto", "resumen",
                    "anteriormente", "前回", "あらすじ"),
            rule(PREVIEW, "preview", "next episode", "next time", "apercu", "prochain episode",
                    "prochainement", "bande annonce", "vorschau", "naechste folge", "nachste folge",
                    "prossimo episodio", "anticipazioni", "avance", "proximo episodio", "次回", "予告"),
            rule(CREDITS, "ending", "end credits", "closing", "outro", "generique de fin", "abspann",
                    "titoli di coda", "creditos finales", "エンディング", "\\bed\\d*\\b"),
            rule(INTRO, "opening", "intro", "generique", "vorspann", "sigla", "apertura", "cabecera",
                    "オープニング", "\\bop\\d*\\b"),
            rule(CREDITS, "credit", "credito", "crediti", "スタッフ"));

    private ChapterTypes() {}

    /** The type of a chapter named {@code name}; {@code content} for a name that says nothing. */
    public static String of(String name) {
        if (name == null || name.isBlank()) return CONTENT;
        String plain = plain(name);
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(plain).find()) return rule.type();
        }
        return CONTENT;
    }

    /** Lower case without accents, so "Générique" and "GENERIQUE" read alike. */
    private static String plain(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** Words match at word starts ("intro" in "Introduction", not "reintroduced"); a regex is taken as is. */
    private static Rule rule(String type, String... words) {
        StringBuilder alternatives = new StringBuilder();
        for (String word : words) {
            if (!alternatives.isEmpty()) alternatives.append('|');
            boolean regex = word.contains("\\");
            boolean ascii = word.chars().allMatch(c -> c < 0x80);
            if (regex) alternatives.append(word);
            else if (ascii) alternatives.append("\\b").append(Pattern.quote(word));
            // Reduced as names are: stripping marks also strips Japanese voicing marks (グ → ク).
            else alternatives.append(Pattern.quote(plain(word)));
        }
        return new Rule(type, Pattern.compile(alternatives.toString()));
    }
}
