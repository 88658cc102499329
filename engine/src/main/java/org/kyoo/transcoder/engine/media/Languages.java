package org.kyoo.transcoder.engine.media;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/** Container language tags (ISO 639-2, as Matroska and MP4 store them) to BCP-47. */
public final class Languages {
    private static final Map<String, String> TWO_LETTER_BY_THREE = buildMap();

    private Languages() {}

    /**
     * The BCP-47 tag for a stream's language tag: {@code eng}→{@code en}, {@code fre}/{@code fra}→{@code fr},
     * a three-letter code without a two-letter form kept as is; {@code und}, empty or unparsable → null.
     */
    public static String toBcp47(String tag) {
        if (tag == null) return null;
        String value = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        if (value.isEmpty()) return null;
        String primary = value;
        String rest = "";
        int dash = value.indexOf('-');
        if (dash >= 0) {
            primary = value.substring(0, dash);
            rest = value.substring(dash);
        }
        if (!primary.chars().allMatch(c -> c >= 'a' && c <= 'z')) return null;
        if (primary.length() == 3) primary = TWO_LETTER_BY_THREE.getOrDefault(primary, primary);
        else if (primary.length() != 2) return null;
        if (primary.equals("und")) return null;
        if (rest.isEmpty()) return primary;
        // Region and script subtags: let Locale normalise their case ("en-us" → "en-US").
        String normalised = Locale.forLanguageTag(primary + rest).toLanguageTag();
        return normalised.equals("und") ? primary : normalised;
    }

    private static Map<String, String> buildMap() {
        Map<String, String> map = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                String three = new Locale(two).getISO3Language();
                if (!three.isEmpty()) map.putIfAbsent(three, two);
            } catch (MissingResourceException ignored) {
                // a two-letter code without a three-letter form cannot appear in a container
            }
        }
        // Current codes where the JDK still knows the withdrawn ones (iw, in, ji).
        map.put("heb", "he");
        map.put("ind", "id");
        map.put("yid", "yi");
        // ISO 639-2/B (bibliographic) codes, which Matroska files commonly carry.
        String[][] bibliographic = {
            {"fre", "fr"}, {"ger", "de"}, {"dut", "nl"}, {"chi", "zh"}, {"cze", "cs"}, {"gre", "el"},
            {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"}, {"wel", "cy"}, {"arm", "hy"}, {"baq", "eu"},
            {"bur", "my"}, {"geo", "ka"}, {"ice", "is"}, {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"},
            {"alb", "sq"}, {"tib", "bo"},
        };
        for (String[] pair : bibliographic) map.put(pair[0], pair[1]);
        return Map.copyOf(map);
    }
}
