package org.parley.bench;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic names, bios and club names in the languages Parley speaks and a few more scripts and
 * accents (Cyrillic, Romanian ș/ț, German ß and umlauts, Dutch ij, Polish, Turkish, Spanish), for
 * the search benchmark's generated network.
 */
final class SearchNames {

    record Language(String code, List<String> first, List<String> last, List<String> topics, List<String> cities,
                    List<String> bios, List<String> clubs) {}

    static final List<Language> LANGUAGES = List.of(
            new Language("en",
                    List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "William",
                            "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
                            "Charles", "Karen", "Elon", "Grace", "Olivia", "Noah", "Amelia", "Oliver", "Harper", "Ethan"),
                    List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
                            "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris",
                            "Clark", "Lewis", "Musk", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott"),
                    List.of("jazz", "startups", "poetry", "football", "astronomy", "cooking", "crypto", "philosophy",
                            "gardening", "cinema", "history", "climate"),
                    List.of("London", "Boston", "Dublin", "Toronto", "Sydney", "Leeds", "Austin", "Chicago"),
                    List.of("Podcaster from %2$s. I talk about %1$s.", "%1$s nerd, %2$s native", "Building things in %2$s; %1$s on weekends"),
                    List.of("%s Lovers Club", "The %2$s %1$s Society", "%s Friends", "Late Night %s")),
            new Language("de",
                    List.of("Jürgen", "Günther", "Björn", "Jörg", "Anja", "Käthe", "Lukas", "Leonie", "Matthias", "Sören",
                            "Uwe", "Ursula", "Maximilian", "Sophie", "Friedrich", "Hannelore", "Jürgen", "Heike", "Dörte"),
                    List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Meyer", "Wagner", "Becker", "Schäfer",
                            "Koch", "Großmann", "Hoffmann", "Schröder", "Köhler", "Krüger", "Strauß", "Bäcker", "Jäger"),
                    List.of("Straßenbahnen", "Fußball", "Brettspiele", "Philosophie", "Gärtnern", "Bücher", "Energiewende",
                            "Bier", "Wandern", "Musik"),
                    List.of("München", "Köln", "Düsseldorf", "Nürnberg", "Berlin", "Hamburg", "Lübeck", "Göttingen"),
                    List.of("Ich spreche über %1$s, aus %2$s.", "%1$s und Kaffee in %2$s", "Aus %2$s. Meistens %1$s."),
                    List.of("Freunde der %s", "%2$s %1$s Stammtisch", "%s Verein", "Runde für %s")),
            new Language("nl",
                    List.of("Daan", "Sem", "Lotte", "Fenna", "Bram", "Jeroen", "Sanne", "Anouk", "Thijs", "Maarten",
                            "IJsbrand", "Floor", "Joris", "Eline", "Ruud", "Marijke", "Sietske"),
                    List.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
                            "Meijer", "de Boer", "Mulder", "van der IJssel", "Dekker", "Brouwer", "Hoekstra", "Wijnands"),
                    List.of("fietsen", "schaatsen", "kaas", "zeilen", "politiek", "tulpen", "voetbal", "muziek"),
                    List.of("Amsterdam", "Utrecht", "Rotterdam", "Den Haag", "Groningen", "IJmuiden", "Zwolle"),
                    List.of("Ik praat over %1$s vanuit %2$s.", "%1$s en koffie in %2$s", "Uit %2$s, gek op %1$s"),
                    List.of("Vrienden van %s", "%2$s %1$s Club", "Vereniging voor %s")),
            new Language("ro",
                    List.of("Ioana", "Ștefan", "Andreea", "Mihai", "Alexandru", "Elena", "Răzvan", "Cătălina", "Bogdan",
                            "Irina", "Ionuț", "Oana", "Tudor", "Mădălina", "Gheorghe", "Ileana", "Vlad", "Smaranda"),
                    List.of("Popescu", "Ionescu", "Popa", "Rădulescu", "Dumitrescu", "Stoica", "Munteanu",
                            "Constantinescu", "Ștefănescu", "Georgescu", "Țurcanu", "Niculescu", "Mureșan", "Lungu", "Pușcaș"),
                    List.of("poezie", "fotbal", "istorie", "bucătărie", "muzică populară", "șah", "tehnologie", "călătorii"),
                    List.of("București", "Cluj-Napoca", "Iași", "Timișoara", "Brașov", "Constanța", "Sibiu"),
                    List.of("Vorbesc românește despre %1$s, din %2$s.", "%1$s și cafea în %2$s", "Din %2$s, pasionat de %1$s"),
                    List.of("Clubul de %s", "Prietenii %2$s: %1$s", "Cercul de %s")),
            new Language("ru",
                    List.of("Владимир", "Александр", "Дмитрий", "Сергей", "Анна", "Мария", "Ольга", "Наталья", "Екатерина",
                            "Алексей", "Андрей", "Татьяна", "Юлия", "Пётр", "Фёдор", "Ирина", "Артём", "Алёна"),
                    List.of("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
                            "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Путин", "Ёлкин", "Семёнов"),
                    List.of("шахматы", "поэзия", "футбол", "история", "кино", "программирование", "музыка", "путешествия"),
                    List.of("Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Самара"),
                    List.of("Говорю о том, что люблю: %1$s. %2$s.", "%1$s и чай, %2$s", "Из города %2$s, люблю %1$s"),
                    List.of("Клуб любителей: %s", "%2$s — %1$s", "Кружок: %s")),
            new Language("es",
                    List.of("José", "María", "Lucía", "Álvaro", "Íñigo", "Sofía", "Martín", "Begoña"),
                    List.of("García", "Martínez", "Fernández", "Núñez", "Peña", "López", "Muñoz", "Gómez"),
                    List.of("fútbol", "cocina", "música", "política"),
                    List.of("Madrid", "Sevilla", "Bilbao", "Málaga"),
                    List.of("Hablo de %1$s desde %2$s.", "%1$s y café en %2$s"),
                    List.of("Club de %s", "Amigos de %s")),
            new Language("pl",
                    List.of("Łukasz", "Małgorzata", "Wojciech", "Zofia", "Paweł", "Agnieszka"),
                    List.of("Kowalski", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński", "Szymańska"),
                    List.of("piłka nożna", "historia", "muzyka", "góry"),
                    List.of("Kraków", "Wrocław", "Gdańsk", "Łódź"),
                    List.of("Mówię o %1$s, %2$s.", "%1$s i kawa, %2$s"),
                    List.of("Klub: %s", "Przyjaciele: %s")),
            new Language("tr",
                    List.of("Çağla", "Şule", "Ömer", "İsmail", "Gökhan", "Ayşe"),
                    List.of("Yılmaz", "Kaya", "Demir", "Şahin", "Öztürk", "Çelik"),
                    List.of("futbol", "müzik", "tarih", "yemek"),
                    List.of("İstanbul", "İzmir", "Ankara", "Bursa"),
                    List.of("%2$s'dan %1$s hakkında konuşuyorum.", "%1$s ve çay, %2$s"),
                    List.of("%s Kulübü", "%s Dostları")));

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(Map.entry('а', "a"), Map.entry('б', "b"),
            Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "yo"),
            Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "y"), Map.entry('к', "k"),
            Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"), Map.entry('п', "p"),
            Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"), Map.entry('ф', "f"),
            Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ш', "sh"), Map.entry('щ', "shch"),
            Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"), Map.entry('ю', "yu"),
            Map.entry('я', "ya"));

    private SearchNames() {}

    /** Latin letters, digits and underscores only, as usernames are. */
    static String usernamePart(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            String t = CYRILLIC.get(c);
            out.append(t != null ? t : String.valueOf(c));
        }
        String ascii = Normalizer.normalize(out.toString().replace("ß", "ss").replace("ł", "l").replace("ı", "i"),
                Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.replaceAll("[^a-z0-9]", "");
    }

    static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** Mostly Parley's five languages, some of the others. */
    static Language language(Random r) {
        return r.nextInt(10) < 8 ? LANGUAGES.get(r.nextInt(5)) : LANGUAGES.get(5 + r.nextInt(LANGUAGES.size() - 5));
    }
}
