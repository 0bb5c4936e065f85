package io.alignstream.ingest.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in English→French lexicon of the MT generator: six topic domains of 34 word pairs each
 * (20 nouns with grammatical gender, 8 post-nominal adjectives with masculine/feminine forms, 6 verbs
 * in the infinitive). Every English word is a single token, belongs to exactly one domain and to
 * exactly one word class and never equals a template's function word, so a sentence's French side
 * is a function of its English side and a token's domain can be read off the English alone.
 *
 * <p>French articles follow the usual rules: {@code le}/{@code la}, {@code l'} before a vowel or mute
 * h, {@code du}/{@code de la}/{@code de l'} after {@code de}, {@code d'} before a vowel-initial verb.
 */
public final class MtLexicon {

  /** A noun: English form, French form without article, feminine or not. */
  public record Noun(String en, String fr, boolean feminine) {
    /** With the definite article: le fichier, la table, l'adresse. */
    public String definite() {
      return elides(fr) ? "l'" + fr : (feminine ? "la " : "le ") + fr;
    }

    /** After de: du fichier, de la table, de l'adresse. */
    public String ofDefinite() {
      return elides(fr) ? "de l'" + fr : (feminine ? "de la " : "du ") + fr;
    }
  }

  /** A post-nominal adjective with its masculine and feminine French forms. */
  public record Adjective(String en, String frMasculine, String frFeminine) {
    public String agree(Noun noun) {
      return noun.feminine() ? frFeminine : frMasculine;
    }
  }

  /** A verb in the infinitive. */
  public record Verb(String en, String fr) {
    /** After de: de fermer, d'ouvrir. */
    public String afterDe() {
      return elides(fr) ? "d'" + fr : "de " + fr;
    }
  }

  /** One topic domain's vocabulary. */
  public record Domain(String name, List<Noun> nouns, List<Adjective> adjectives, List<Verb> verbs) {}

  public static final String UI = "ui";
  public static final String DB = "db";
  public static final String NET = "net";
  public static final String GEO = "geo";
  public static final String COOKING = "cooking";
  public static final String MED = "med";

  private static final Map<String, Domain> DOMAINS = new LinkedHashMap<>();
  private static final Map<String, String> DOMAIN_OF_WORD = new HashMap<>();

  static {
    add(UI,
        "file fichier m|folder dossier m|window fenêtre f|button bouton m|menu menu m|dialog dialogue m"
            + "|tab onglet m|toolbar barre_d'outils f|icon icône f|setting paramètre m|preference préférence f"
            + "|shortcut raccourci m|password mot_de_passe m|account compte m|user utilisateur m|profile profil m"
            + "|document document m|selection sélection f|clipboard presse-papiers m|screen écran m",
        "hidden caché cachée|visible visible visible|empty vide vide|read-only en_lecture_seule en_lecture_seule"
            + "|invalid invalide invalide|disabled désactivé désactivée|selected sélectionné sélectionnée"
            + "|default par_défaut par_défaut",
        "open ouvrir|close fermer|save enregistrer|rename renommer|delete supprimer|print imprimer");
    add(DB,
        "table table f|row ligne f|column colonne f|index index m|query requête f|transaction transaction f"
            + "|schema schéma m|database base_de_données f|key clé f|constraint contrainte f|trigger déclencheur m"
            + "|view vue f|sequence séquence f|cursor curseur m|tablespace tablespace m|role rôle m"
            + "|backup sauvegarde f|replica réplique f|lock verrou m|record enregistrement m",
        "unique unique unique|primary primaire primaire|foreign étranger étrangère|temporary temporaire temporaire"
            + "|committed validé validée|corrupted corrompu corrompue|locked verrouillé verrouillée"
            + "|partitioned partitionné partitionnée",
        "insert insérer|commit valider|truncate tronquer|analyze analyser|restore restaurer|reindex réindexer");
    add(NET,
        "packet paquet m|port port m|host hôte m|router routeur m|socket socket f|address adresse f"
            + "|gateway passerelle f|interface interface f|protocol protocole m|server serveur m|client client m"
            + "|connection connexion f|proxy proxy m|firewall pare-feu m|subnet sous-réseau m"
            + "|certificate certificat m|domain domaine m|link lien m|timeout délai_d'attente m"
            + "|bandwidth bande_passante f",
        "remote distant distante|local local locale|secure sécurisé sécurisée|unreachable injoignable injoignable"
            + "|encrypted chiffré chiffrée|blocked bloqué bloquée|available disponible disponible|slow lent lente",
        "send envoyer|resolve résoudre|bind lier|forward transférer|reset réinitialiser|configure configurer");
    add(GEO,
        "country pays m|river fleuve m|mountain montagne f|capital capitale f|island île f|coast côte f"
            + "|border frontière f|desert désert m|lake lac m|valley vallée f|ocean océan m|city ville f"
            + "|region région f|province province f|forest forêt f|plain plaine f|volcano volcan m|bay baie f"
            + "|continent continent m|peninsula péninsule f",
        "northern du_nord du_nord|southern du_sud du_sud|eastern de_l'est de_l'est|western de_l'ouest de_l'ouest"
            + "|mountainous montagneux montagneuse|tropical tropical tropicale|coastal côtier côtière"
            + "|arid aride aride",
        "visit visiter|cross traverser|explore explorer|map cartographier|survey arpenter|irrigate irriguer");
    add(COOKING,
        "sauce sauce f|onion oignon m|butter beurre m|flour farine f|oven four m|pan poêle f|knife couteau m"
            + "|dough pâte f|soup soupe f|salt sel m|pepper poivre m|garlic ail m|cream crème f|egg œuf m"
            + "|sugar sucre m|recipe recette f|cake gâteau m|bread pain m|cheese fromage m|spoon cuillère f",
        "hot chaud chaude|fresh frais fraîche|salty salé salée|sweet sucré sucrée"
            + "|crispy croustillant croustillante|raw cru crue|melted fondu fondue|burnt brûlé brûlée",
        "stir remuer|bake cuire|slice trancher|whisk fouetter|season assaisonner|peel éplucher");
    add(MED,
        "patient patient m|dose dose f|symptom symptôme m|fever fièvre f|tablet comprimé m|vaccine vaccin m"
            + "|infection infection f|wound plaie f|artery artère f|heart cœur m|lung poumon m|kidney rein m"
            + "|liver foie m|nurse infirmière f|surgeon chirurgien m|diagnosis diagnostic m"
            + "|treatment traitement m|allergy allergie f|prescription ordonnance f|blood sang m",
        "chronic chronique chronique|acute aigu aiguë|inflamed enflammé enflammée|sterile stérile stérile"
            + "|infected infecté infectée|swollen enflé enflée|benign bénin bénigne|severe grave grave",
        "prescribe prescrire|examine examiner|treat traiter|disinfect désinfecter|monitor surveiller"
            + "|inject injecter");
  }

  private MtLexicon() {}

  /** Domain names in their fixed order: ui, db, net, geo, cooking, med. */
  public static Set<String> domainNames() {
    return DOMAINS.keySet();
  }

  public static Domain domain(String name) {
    Domain d = DOMAINS.get(name);
    if (d == null) {
      throw new IllegalArgumentException("unknown MT domain " + name + "; known: " + DOMAINS.keySet());
    }
    return d;
  }

  /** The domain an English content word belongs to; empty for function words and placeholders. */
  public static Optional<String> domainOf(String englishToken) {
    return Optional.ofNullable(DOMAIN_OF_WORD.get(englishToken));
  }

  static boolean elides(String french) {
    return !french.isEmpty() && "aeiouyhàâéèêëîïôœù".indexOf(Character.toLowerCase(french.charAt(0))) >= 0;
  }

  private static void add(String name, String nouns, String adjectives, String verbs) {
    List<Noun> ns = new ArrayList<>();
    for (String[] f : entries(nouns, 3)) {
      ns.add(new Noun(f[0], f[1], f[2].equals("f")));
    }
    List<Adjective> as = new ArrayList<>();
    for (String[] f : entries(adjectives, 3)) {
      as.add(new Adjective(f[0], f[1], f[2]));
    }
    List<Verb> vs = new ArrayList<>();
    for (String[] f : entries(verbs, 2)) {
      vs.add(new Verb(f[0], f[1]));
    }
    Domain domain = new Domain(name, List.copyOf(ns), List.copyOf(as), List.copyOf(vs));
    DOMAINS.put(name, domain);
    List<String> words = new ArrayList<>();
    ns.forEach(n -> words.add(n.en()));
    as.forEach(a -> words.add(a.en()));
    vs.forEach(v -> words.add(v.en()));
    for (String w : words) {
      if (DOMAIN_OF_WORD.put(w, name) != null || MtTemplates.FUNCTION_WORDS.contains(w)) {
        // An ambiguous English word would make the translation, or the measured domain, ill-defined.
        throw new IllegalStateException("English word used twice in the MT lexicon: " + w);
      }
    }
  }

  /** Entries separated by '|', fields by ' ', '_' standing for a space inside a French field. */
  private static List<String[]> entries(String spec, int fields) {
    List<String[]> out = new ArrayList<>();
    for (String entry : spec.split("\\|")) {
      String[] f = entry.trim().split(" ");
      if (f.length != fields) {
        throw new IllegalStateException("bad lexicon entry: " + entry);
      }
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].replace('_', ' ');
      }
      out.add(f);
    }
    return out;
  }
}
