# Les mots de l’interface en français : chaque mot que le thème intégré et
# le générateur mettent dans les pages. Un message dont l’identifiant finit
# par `-html` est du HTML (son texte n’est pas échappé ; ses variables le
# sont, sauf celles dont le nom finit par `_html`) ; tout autre message est
# du texte. Un thème remplace un message dans son propre
# themes/<nom>/i18n/<langue>.ftl. Les nombres donnés en variables
# s’écrivent à la française (15 000).

## Cadre des pages (base.html)

skip-link = Aller au contenu principal
site-search-label = Rechercher dans le dossier
site-search-button = Rechercher
nav-label = Site
nav-overview = Vue d’ensemble
nav-figures = Chiffres
nav-timeline = Chronologie
nav-sources = Sources
breadcrumb-label = Fil d’Ariane
toc-label = Sur cette page
feed-title = Affirmations par date
footer = Réalisé avec dossier. Notes : fiabilité de la source (A–F) puis crédibilité de l’information (1–6), échelle de l’Amirauté. Chaque affirmation renvoie au passage sur lequel elle repose.
# Le lien du pied de page vers le site entier en .zip (quand la construction en écrit un).
footer-download = Télécharger pour lire hors ligne

## Statut d’une affirmation : son étiquette, le titre de son groupe, la légende

status-contested = contestée
status-corroborated = corroborée
status-single-source = source unique
status-group-contested = Contestées
status-group-corroborated = Corroborées
status-group-single-source = Source unique
legend-contested = contredite par une autre affirmation, ou dont un chiffre s’écarte de celui d’une autre origine
legend-corroborated = appuyée par une affirmation d’une autre origine, indépendante
legend-single-source = une seule origine, quel que soit le nombre d’articles qui la reprennent
legend-reliability = Fiabilité de la source
legend-credibility = Crédibilité de l’information
legend-status = Statut

## Notes de l’Amirauté : fiabilité d’une source (A–F) et crédibilité
## d’une information (1–6)

reliability-a = totalement fiable
reliability-b = habituellement fiable
reliability-c = assez fiable
reliability-d = habituellement peu fiable
reliability-e = non fiable
reliability-f = fiabilité impossible à évaluer
credibility-1 = confirmée par d’autres sources
credibility-2 = probablement vraie
credibility-3 = peut-être vraie
credibility-4 = douteuse
credibility-5 = improbable
credibility-6 = véracité impossible à évaluer
# L’infobulle d’une note : la lettre et ce qu’elle signifie, le chiffre et ce qu’il signifie.
grade-title = { $letter } : { $reliability } · { $number } : { $credibility }

## Types de sources d’origine

source-kind-government = Gouvernement
source-kind-intelligence = Service de renseignement
source-kind-state-media = Média d’État
source-kind-media = Média
source-kind-ngo = ONG
source-kind-other = Autre

## Jugements clés (termes de probabilité de l’ICD 203, leurs fourchettes, confiance)

likelihood-almost-no-chance = Quasiment exclu
likelihood-very-unlikely = Très improbable
likelihood-unlikely = Improbable
likelihood-roughly-even-chance = Une chance sur deux
likelihood-likely = Probable
likelihood-very-likely = Très probable
likelihood-almost-certain = Quasiment certain
band-almost-no-chance = 1 à 5 %
band-very-unlikely = 5 à 20 %
band-unlikely = 20 à 45 %
band-roughly-even-chance = 45 à 55 %
band-likely = 55 à 80 %
band-very-likely = 80 à 95 %
band-almost-certain = 95 à 99 %
confidence-low = Confiance faible
confidence-moderate = Confiance modérée
confidence-high = Confiance élevée
judgments-heading = Jugements clés
judgment-rests-on = Repose sur :

## Décomptes

# L’appui d’une affirmation ou d’un jugement : origines indépendantes, puis articles.
support =
    { $origins ->
        [one] { $origins } origine
       *[other] { $origins } origines indépendantes
    } · { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }
claims-count =
    { $count ->
        [one] { $count } affirmation
       *[other] { $count } affirmations
    }

## Les chiffres en mots ($value, $low et $high sont des nombres déjà écrits)

figure-approx = environ { $value }
figure-at-least = au moins { $value }
figure-at-most = jusqu’à { $value }
figure-range = { $low }–{ $high }
figure-status-reported = rapporté
figure-status-announced = annoncé
figure-status-planned = prévu
figure-status-estimated = estimé
figure-disagrees = en désaccord

## Tableaux

table-quantity = Grandeur
table-spread = Écart
table-figures = Chiffres
table-topic = Thème
table-figure = Chiffre
table-low = Bas
table-best = Central
table-high = Haut
table-status = Statut
table-as-of = À la date du
table-origin = Origine
table-claim = Affirmation
table-articles = Articles
table-value = Valeur
table-article = Article
table-published = Publication
table-language = Langue
table-outlet = Média
table-claims = Affirmations

## Une grandeur : son graphique et son tableau (page des chiffres, pages de thème)

metric-spread = Écart
metric-figures =
    { $figures ->
        [one] { $figures } chiffre
       *[other] { $figures } chiffres
    } de { $origins ->
        [one] { $origins } origine
       *[other] { $origins } origines
    }
metric-topic = thème
metric-caption = Chaque ligne est un chiffre, étiqueté par la source qui l’a donné la première ; un point est une valeur exacte, un point creux une valeur approchée (avec la tolérance en moustaches), une barre une fourchette, une flèche une borne ouverte. Le tableau ci-dessous donne toutes les valeurs.
metric-table-caption = { $label } : tous les chiffres
chart-title =
    { $label } : { $count ->
        [one] { $count } chiffre
       *[other] { $count } chiffres
    } sur un axe, de 0 à { $max }
chart-title-unit =
    { $label } : { $count ->
        [one] { $count } chiffre
       *[other] { $count } chiffres
    } sur un axe, de 0 à { $max } { $unit }
# L’infobulle d’une ligne du graphique : l’origine, la date à laquelle le chiffre se rapporte
# quand il en a une, le chiffre.
chart-row = { $origin } : { $figure }
chart-row-dated = { $origin }, { $date } : { $figure }

## Page d’accueil (index.html)

index-kicker = Dossier d’information
index-counts =
    { $claims ->
        [one] { $claims } affirmation
       *[other] { $claims } affirmations
    } · { $articles ->
        [one] { $articles } article source
       *[other] { $articles } articles sources
    } · { $sources ->
        [one] { $sources } source d’origine
       *[other] { $sources } sources d’origine
    } · { $topics ->
        [one] { $topics } thème
       *[other] { $topics } thèmes
    }
index-summary-label = Résumé
index-topics = Thèmes
index-card-meta =
    { $claims ->
        [one] { $claims } affirmation
       *[other] { $claims } affirmations
    } · { $contested ->
        [one] { $contested } contestée
       *[other] { $contested } contestées
    }
index-figures = Les chiffres en bref
index-figures-from =
    { $figures } de { $origins ->
        [one] { $origins } origine
       *[other] { $origins } origines
    }
index-how-to-read = Comment lire ce dossier
# $grade_html est un exemple de note, B2, avec sa signification en infobulle.
index-how-to-read-text-html = Chaque affirmation porte une note telle que { $grade_html } : la fiabilité de la source qui l’a formulée la première, puis la crédibilité de l’information. L’appui se compte en <em>origines indépendantes</em>, non en articles : cinq articles qui reprennent le rapport d’une même agence font une seule origine.

## Page de thème (topic.html)

topic-kicker = Thème
topic-overview = Vue d’ensemble
topic-figures = Chiffres
topic-claims = Affirmations
topic-timeline = Chronologie
topic-articles = Articles et sources
topic-no-claims = Aucune affirmation pour l’instant.
topic-source-articles = Articles sources
topic-sources = Sources d’origine et relais
topic-source-reliability = fiabilité

## Page d’affirmation (claim.html)

claim-kicker = Affirmation
claim-origin = Origine
# Après le nom de l’origine : son type, sa note de fiabilité et ce qu’elle signifie.
claim-origin-detail = ({ $kind } ; fiabilité { $grade }, { $meaning })
claim-relayed-by = Relayée par
claim-carried-by = Rapportée par
claim-date = Date
claim-credibility = Crédibilité
claim-topics = Thèmes
claim-relay = Comment elle nous est parvenue
claim-figures = Chiffres
claim-evidence = Éléments de preuve
claim-original-page = page d’origine
claim-contradicted-by = Contredite par
claim-conflict = Conflit
claim-corroborated-by = Corroborée par
claim-judgments = Jugements qui reposent sur cette affirmation
claim-note = Note de l’analyste
# Pourquoi une affirmation a son statut. $total conflits en tout, $shown sur la page.
reason-contested-many = Contestée : { $total } conflits ; les { $shown } plus significatifs sont ci-dessous.
reason-contested =
    Contestée : { $count ->
        [one] { $count } conflit
       *[other] { $count } conflits
    } ci-dessous.
reason-corroborated = Corroborée : { $origins } origines indépendantes l’appuient.
reason-single-source = Source unique : aucune affirmation d’une autre origine ne l’appuie.
reason-circular = Source unique : les affirmations qui l’appuient viennent de la même origine (une information qui circule en boucle ne compte qu’une fois).
conflict-contradiction = contredit cette affirmation (origine : { $origin })
# $mine est le chiffre de cette affirmation, $theirs celui de l’autre, donné par $origin.
conflict-figure = { $metric } : { $mine } ici, contre { $theirs } selon { $origin }
relay-title = Chaîne de relais :
relay-articles-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
relay-origin = Origine
relay-via = Relayée par
relay-articles = Articles

## Page d’article (article.html)

article-kicker = Article source
article-breadcrumb = Articles sources
article-published = Publication
article-outlet = Média
article-author = Auteur
article-language = Langue
article-reliability = Fiabilité du média
article-original = Original
article-claims-drawn = Affirmations tirées
article-summary = Résumé
article-text = Texte intégral
article-text-note = Les passages surlignés sont cités par des affirmations ; le numéro qui suit chacun renvoie à l’affirmation.
article-claims = Affirmations tirées de cet article
article-passages =
    { $count ->
        [one] passage :
       *[other] passages :
    }
article-no-claims = Aucune affirmation ne cite encore cet article.

## Page des chiffres (figures.html)

figures-title = Chiffres
figures-description = Chaque chiffre, par grandeur, avec son origine
# $contested_html est l’étiquette « contestée » ; $tolerance un pourcentage.
figures-lede-html = Tous les nombres que donnent les sources, côte à côte, par grandeur. Une grandeur est marquée { $contested_html } quand les chiffres de deux origines pour une même date s’écartent de plus de { $tolerance } %.
figures-data-html = Aussi en données : <a href="{ $csv }">claims.csv</a> (une ligne par chiffre), <a href="{ $json }">claims.json</a> (<a href="{ $schema }">schéma</a>).
figures-toc = Grandeurs
figures-toc-contested = (contestée)
figures-none = Aucune affirmation ne donne encore de chiffre.

## Chronologie (timeline.html)

timeline-title = Chronologie
timeline-description = Les affirmations dans l’ordre des événements qu’elles décrivent
# $month et $day sont deux dates, juin 2025 et 17 juin 2025.
timeline-lede = Les affirmations dans l’ordre des événements qu’elles décrivent. Les dates gardent la précision que donnent les sources : « { $month } » vient avant « { $day } ».
timeline-undated = Sans date

## Page des sources (sources.html)

sources-title = Sources et articles
sources-description = Sources d’origine et articles sources
sources-lede = Qui a dit quoi en premier (les sources d’origine), et les articles que cite le dossier.
sources-originating = Sources d’origine
# Après le type et le pays d’une source.
sources-reliability = fiabilité { $grade } : { $meaning }
sources-originates =
    Est à l’origine de { $count ->
        [one] { $count } affirmation
       *[other] { $count } affirmations
    }
sources-relays =
    Relaie { $count ->
        [one] { $count } affirmation
       *[other] { $count } affirmations
    }
sources-articles = Articles sources
sources-grades = Notes

## Recherche (search.html, search.js)

search-title = Recherche
search-description = Rechercher dans le dossier
search-form-label = Rechercher dans les affirmations, les articles, les thèmes et les sources
search-button = Rechercher
search-noscript-html = La recherche a besoin de JavaScript ; la <a href="{ $sources }">page des sources</a> liste chaque source et chaque article.
search-prompt = Tapez un mot pour chercher dans les affirmations, les articles, les thèmes et les sources.
search-results =
    { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    } pour « { $query } »
search-kind-claim = Affirmation
search-kind-article = Article
search-kind-topic = Thème
search-kind-source = Source

## Page introuvable (404.html)

not-found-title = Page introuvable
not-found-lede = Il n’y a pas de page à cette adresse. Le dossier a peut-être été reconstruit et la page renommée.
not-found-links-html = <a href="{ $home }">Aller à la vue d’ensemble</a> ou <a href="{ $sources }">parcourir les sources et les articles</a>.

## Le fichier unique (dossier export --single-file) : son sommaire, après la
## couverture, et le lien vers le sommaire dans la barre du haut

single-contents = Sommaire
single-contents-dossier = Le dossier
single-contents-claims = Affirmations
single-contents-articles = Articles sources

## Le flux Atom (feed.xml), le résumé d’une entrée

feed-summary = { $status } · origine : { $origin } · { $date }

## dossier serve : le panneau affiché tant que la dernière modification ne se construit pas

serve-error-label = Erreur de construction
serve-error-title = dossier serve : la dernière modification ne se construit pas. Le site affiché est la dernière version réussie.
serve-error-dismiss = Fermer

## dossier serve : le panneau d’annotation des pages d’articles

panel-title = Annoter ce passage
panel-close = Fermer
panel-keys = Alt+Maj+A : aller à ce panneau · Échap : le fermer
panel-quote = Citation
panel-loading = Lecture des thèmes et des sources du dossier…
panel-checking = Recherche de la citation dans l’article…
panel-unique = Trouvée une seule fois dans l’article.
panel-singled-prefix = Trouvée { $count } fois ; les mots qui la précèdent, « { $prefix } », désignent celle-ci et sont enregistrés comme son préfixe.
panel-singled-suffix = Trouvée { $count } fois ; les mots qui la suivent, « { $suffix } », désignent celle-ci et sont enregistrés comme son suffixe.
panel-singled-both = Trouvée { $count } fois ; les mots qui l’entourent, « { $prefix } » avant et « { $suffix } » après, désignent celle-ci et sont enregistrés comme son préfixe et son suffixe.
panel-ambiguous = Trouvée { $count } fois, et aucun mot voisin ne désigne celle-ci : sélectionnez un passage plus long.
panel-not-found = Absente du texte de l’article tel que la construction le lit : sélectionnez des mots de l’article lui-même.
panel-closest = Passage le plus proche : « { $text } »
panel-case-differs = Elle correspond si l’on ignore la casse : recopiez les majuscules telles qu’elles sont dans l’article.
panel-empty = Rien à citer : sélectionnez des mots de l’article.
panel-mode = Enregistrer comme
panel-mode-new = Une nouvelle affirmation
panel-mode-evidence = Une preuve pour une affirmation existante
panel-file = Fichier d’affirmations
panel-file-hint = Créé s’il n’existe pas ; la nouvelle affirmation est ajoutée à la fin.
panel-statement = Énoncé
panel-id = Identifiant
panel-id-hint = Proposé d’après l’énoncé : minuscules, chiffres et traits d’union.
panel-topics = Thèmes
panel-origin = Origine
panel-choose = Choisir…
panel-credibility = Crédibilité
panel-credibility-none = Non indiquée
panel-date = Date de l’événement (facultatif)
panel-date-hint = AAAA, AAAA-MM ou AAAA-MM-JJ
panel-translation = Traduction (facultatif)
panel-figure = Chiffre (facultatif)
panel-metric = Indicateur
panel-no-figure = Aucun chiffre
panel-value = Valeur
panel-low = Minimum
panel-high = Maximum
panel-precision = Précision
panel-status = Statut
panel-as-of = En date du
panel-default = Par défaut
panel-save-claim = Enregistrer l’affirmation
panel-claim = Affirmation
panel-claim-hint = Tapez des mots de son identifiant ou de son énoncé, puis choisissez-la.
panel-save-evidence = Ajouter la preuve
panel-saving = Vérification par la construction et enregistrement…
panel-saved = Enregistré dans { $file }. Reconstruction en cours : la page se recharge d’elle-même.
panel-refused = Non enregistré.
panel-failed = Pas de réponse de dossier serve : est-il toujours lancé ?
