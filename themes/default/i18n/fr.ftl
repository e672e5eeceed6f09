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
nav-topics = Thèmes
nav-figures = Chiffres
nav-timeline = Chronologie
nav-entities = Entités
nav-sources = Sources
nav-changes = Nouveautés
breadcrumb-label = Fil d’Ariane
toc-label = Sur cette page
feed-title = Affirmations par date
footer = Réalisé avec dossier. Notes : fiabilité de la source (A–F) puis crédibilité de l’information (1–6), échelle de l’Amirauté. Chaque affirmation renvoie au passage sur lequel elle repose.
footer-short = Réalisé avec dossier.
# Le lien du pied de page vers le site entier en .zip (quand la construction en écrit un).
footer-download = Télécharger pour lire hors ligne
footer-download-failed = Le téléchargement n’a pas pu être préparé. Réessayez une fois en ligne.

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
legend-summary = Lire les cotes et les statuts

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
metric-caption = Chaque ligne est un chiffre, étiqueté par la source qui l’a donné la première ; un point est une valeur exacte, un point creux une valeur approchée (avec la tolérance en moustaches), une barre une fourchette, une flèche une borne ouverte. Le tableau ci-dessous donne toutes les valeurs.
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
# Un graphique de nombreux chiffres a une ligne par origine.
chart-title-origins =
    { $label } : { $count ->
        [one] { $count } chiffre
       *[other] { $count } chiffres
    } de { $origins ->
        [one] { $origins } origine
       *[other] { $origins } origines
    }, une ligne par origine, sur un axe de 0 à { $max } { $unit }
chart-origin =
    { $origin } : { $count ->
        [one] { $count } chiffre
       *[other] { $count } chiffres
    }, de { $low } à { $high }
metric-caption-origins = Chaque ligne est une origine, étiquetée par le nombre de chiffres qu’elle a donnés ; sa barre va du plus bas au plus haut d’entre eux (les valeurs approchées avec la tolérance), une flèche marquant une borne ouverte. Le tableau ci-dessous donne tous les chiffres.
metric-caption-elsewhere = Chaque ligne est un chiffre, étiqueté par la source qui l’a donné la première ; un point est une valeur exacte, un point creux une valeur approchée (avec la tolérance en moustaches), une barre un intervalle, une flèche une borne ouverte.
metric-caption-origins-elsewhere = Chaque ligne est une origine, étiquetée par le nombre de chiffres qu’elle a donnés ; sa barre va du plus bas au plus haut d’entre eux (les valeurs approchées avec la tolérance), une flèche marquant une borne ouverte.
metric-table-elsewhere =
    { $figures ->
        [one] Son chiffre, dans un tableau de la page des chiffres
       *[other] Ses { $figures } chiffres, dans un tableau de la page des chiffres
    }

## Pages d’une longue liste (les affirmations d’un thème, la chronologie)

pager-label = Pages
pager-prev = Précédente
pager-next = Suivante

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
topic-timeline-elsewhere =
    { $count ->
        [one] Son affirmation datée est dans la chronologie, dans l’ordre des événements, avec celles des autres thèmes.
       *[other] Ses { $count } affirmations datées sont dans la chronologie, dans l’ordre des événements, avec celles des autres thèmes.
    }
topic-claims-page = { $title } : affirmations, page { $page } sur { $pages }

## Page d’affirmation (claim.html)

claims-group-kicker = Affirmations
# Le titre de la page ; $title est celui de l’article.
claims-group-title = Affirmations tirées de « { $title } »
# Le lien vers l’article, après le nombre d’affirmations.
claims-group-article = Lire l’article
claim-origin = Origine
# Après le nom de l’origine : son type, sa note de fiabilité et ce qu’elle signifie.
claim-origin-detail = ({ $kind } ; fiabilité { $grade }, { $meaning })
claim-relayed-by = Relayée par
claim-carried-by = Rapportée par
# Dans « Rapportée par », sur la page des affirmations de cet article même.
claim-this-article = cet article
claim-date = Date
claim-credibility = Crédibilité
claim-topics = Thèmes
claim-relay = Comment elle nous est parvenue
claim-figures = Chiffres
claim-evidence = Éléments de preuve
# Le lien d’une citation vers son passage dans l’article de la page.
claim-passage = Passage { $number }
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
reason-circular = Source unique : les affirmations qui l’appuient viennent de la même origine (une information qui circule en boucle ne compte qu’une fois).
conflict-contradiction = contredit cette affirmation (origine : { $origin })
# $mine est le chiffre de cette affirmation, $theirs celui de l’autre, donné par $origin.
conflict-figure = { $metric } : { $mine } ici, contre { $theirs } selon { $origin }
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
article-claims-page = Les affirmations tirées d’abord de cet article, en détail : notes, preuves, sources
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
timeline-page = Chronologie, page { $page } sur { $pages }
timeline-years = Années

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

## Entités (entities.html, entities/<id>.html) et les entités que
## mentionne une affirmation ou un article

entities-title = Personnes, organisations et lieux
entities-lede = Les personnes, organisations et lieux que nomment les sources, sous toutes les graphies qu’elles emploient. Chaque page recense les affirmations et les articles où il en est question.
entity-kind-person = Personne
entity-kind-organisation = Organisation
entity-kind-place = Lieu
entity-kind-other = Autre
entity-group-person = Personnes
entity-group-organisation = Organisations
entity-group-place = Lieux
entity-group-other = Autres
entities-card-meta =
    { $claims ->
        [one] { $claims } affirmation
       *[other] { $claims } affirmations
    } · { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }
# La description d’une page d’entité : son type et son nom, puis ses autres graphies.
entity-description = { $kind } : { $name }
entity-description-aliases = { $kind } : { $name } ; autres graphies : { $aliases }
entity-aliases = Autres graphies
entity-mentioned-in = Apparaît dans
entity-articles-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
entity-first = Première mention
entity-last = Dernière mention
entity-wikidata = Wikidata
entity-dates-note = Les dates sont celles des affirmations (quand les faits ont eu lieu) et des articles (quand ils ont été publiés) qui mentionnent { $name }.
entity-claims = Affirmations
entity-articles = Articles
entity-no-claims = Aucune affirmation ne mentionne { $name }.
entity-no-articles = Aucun article ne mentionne { $name }.
# La ligne d’une page d’affirmation ou d’article qui liste les entités qu’elle nomme.
mentions-label = Mentions

## Citations d’affirmations dans le texte de l’analyste ([@id]) et leurs références (cite.html)

# Le nom accessible d’un appel de référence : son numéro et l’énoncé de l’affirmation.
cite-label = Référence { $number } : { $statement }
# Le repère après un passage cité d’un article, pour les lecteurs d’écran :
# son nom. L’énoncé de l’affirmation est son info-bulle, que les lecteurs
# d’écran lisent comme sa description ($statement est fourni aussi).
passage-label = Affirmation { $number }
references-title = Références
# Le lien d’une référence vers un endroit qui la cite : son numéro, suivi
# d’une lettre quand plusieurs endroits la citent (1, ou 1a, 1b).
cite-back = Retour à l’appel de référence { $place }

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

## Nouveautés (changes.html), les étiquettes de changement des affirmations.
## Les noms d’édition ($edition, $baseline, $from, $to) sont donnés tels que
## l’auteur les a écrits.

# L’étiquette d’une affirmation partout où elle est listée, puis ce que les lecteurs d’écran entendent après elle.
change-tag-new = nouvelle
change-tag-revised = révisée
change-tag-since = depuis l’édition { $edition }
# La note sous le titre d’une page d’affirmation, puis son lien vers changes.html.
change-note-new = Nouvelle depuis l’édition { $edition }.
# $fields liste ce qui a changé, avec les messages change-word-*.
change-note-revised = Révisée depuis l’édition { $edition } : { $fields }.
change-note-link = Voir ce qui a changé
change-word-statement = énoncé
change-word-figures = chiffres
change-word-credibility = crédibilité
change-word-grade = note
change-word-evidence = éléments de preuve
change-word-date = date
change-word-origin = origine
change-word-relays = relais
change-word-topics = thèmes
change-word-corroborates = corroborations
change-word-contradicts = contradictions
change-word-status = statut
# Joint le premier élément d’une liste au reste.
change-word-list = { $first }, { $rest }
changes-title = Ce qui a changé
changes-description = Ce qui a changé dans le dossier depuis sa dernière édition
changes-kicker = Nouveautés
# Le titre de la page : l’édition qu’est le dossier, et celle à laquelle il est comparé.
changes-heading-edition-since = Édition { $edition } — ce qui a changé depuis { $baseline }
changes-heading-edition = Édition { $edition }
changes-heading-since = Ce qui a changé depuis l’édition { $baseline }
# La première phrase de la page. $changes est changes-summary.
changes-lede-between = De l’édition { $from } ({ $from_date }) à l’édition { $to } ({ $to_date }) : { $changes }
changes-lede-between-nothing = Rien n’a changé entre l’édition { $from } ({ $from_date }) et l’édition { $to } ({ $to_date }).
changes-lede-first = Le dossier tel qu’il est constitue sa première édition, { $edition } ({ $date }) ; il n’y a pas d’édition antérieure à laquelle le comparer.
changes-lede-since = Depuis l’édition { $from } ({ $from_date }) : { $changes }
changes-lede-since-nothing = Rien n’a changé depuis l’édition { $from } ({ $from_date }).
# $counts est changes-counts.
changes-summary =
    { $counts } ; { $status ->
        [one] { $status } changement
       *[other] { $status } changements
    } de statut ; { $judgments ->
        [one] { $judgments } jugement clé modifié
       *[other] { $judgments } jugements clés modifiés
    }.
# Affirmations ajoutées, retirées et révisées (la première phrase, la liste des éditions).
changes-counts =
    { $added ->
        [one] { $added } affirmation ajoutée
       *[other] { $added } affirmations ajoutées
    }, { $removed ->
        [one] { $removed } retirée
       *[other] { $removed } retirées
    } et { $revised ->
        [one] { $revised } révisée
       *[other] { $revised } révisées
    }
# Le nombre d’entrées d’une section de la page, dans sa table des matières.
changes-toc-count = ({ $count })
changes-section-status = Changements de statut
changes-section-figures = Chiffres nouveaux ou révisés
changes-section-added = Nouvelles affirmations
changes-section-revised = Affirmations révisées
changes-section-removed = Affirmations retirées
changes-section-editions = Éditions
# L’étiquette d’un jugement clé.
changes-judgment-moved = modifié
changes-judgment-added = nouveau
changes-judgment-withdrawn = retiré
# Où un jugement a été formulé, quand son thème n’est plus dans le dossier.
changes-judgment-topic-gone = thème { $topic }
changes-field-likelihood = Probabilité
changes-field-confidence = Confiance
changes-field-rests-on = Repose sur
changes-likelihood-none = non précisée
changes-confidence-low = faible
changes-confidence-moderate = modérée
changes-confidence-high = élevée
# Les champs d’une affirmation révisée.
changes-field-statement = Énoncé
changes-field-figures = Chiffres
changes-field-credibility = Crédibilité
changes-field-grade = Note
changes-field-evidence = Éléments de preuve
changes-field-date = Date
changes-field-origin = Origine
changes-field-relays = Relayée par
changes-field-topics = Thèmes
changes-field-corroborates = Corrobore
changes-field-contradicts = Contredit
# La valeur d’un champ avant et après ; pour une liste, ce qui en est sorti et ce qui y est entré.
changes-before = Avant :
changes-after = Après :
changes-list-removed = En moins :
changes-list-added = En plus :
changes-date-none = aucune
# Une citation des éléments de preuve et le titre de son article.
changes-evidence = « { $quote } » — { $article }
# Un chiffre en mots ($value est déjà écrit) : grandeur, valeur, statut, date.
changes-figure = { $metric } : { $value } ({ $status }, { $date })
changes-figure-undated = { $metric } : { $value } ({ $status })
# Après un chiffre révisé : la valeur qu’il remplace ($value_html, barrée).
changes-figure-was-html = (au lieu de { $value_html })
# $before_html et $after_html sont des étiquettes de statut.
changes-status-was-html = Était { $before_html }, désormais { $after_html }
changes-why = Pourquoi
# Pourquoi une affirmation avait son statut, tel qu’une édition l’enregistre :
# affirmations et sources désignées par leur identifiant.
changes-reason-contradicted = contredite par { $claim }
changes-reason-figure = chiffre en désaccord avec { $claim }
changes-reason-total = { $count } conflits en tout
changes-reason-corroborated = origines indépendantes : { $origins }
changes-reason-single = une seule origine : { $origin }
changes-reason-circular = une seule origine : { $origin } (les affirmations qui l’appuient la partagent)
changes-reason-list = { $first } ; { $rest }
# Au-delà des mille premières entrées d’une section.
changes-more-status =
    { $count ->
        [one] Et { $count } autre changement de statut, non détaillé ici ; l’affirmation porte l’étiquette « révisée » partout où elle est listée.
       *[other] Et { $count } autres changements de statut, non détaillés ici ; chaque affirmation concernée porte l’étiquette « révisée » partout où elle est listée.
    }
changes-more-figures =
    { $count ->
        [one] Et { $count } autre chiffre, non détaillé ici ; il figure sur la page de son affirmation.
       *[other] Et { $count } autres chiffres, non détaillés ici ; ils figurent sur les pages des affirmations nouvelles et révisées.
    }
changes-more-revised =
    { $count ->
        [one] Et { $count } autre affirmation révisée, non détaillée ici ; elle porte l’étiquette « révisée » partout où elle est listée.
       *[other] Et { $count } autres affirmations révisées, non détaillées ici ; chacune porte l’étiquette « révisée » partout où elle est listée.
    }
changes-more-removed =
    { $count ->
        [one] Et { $count } autre, par son seul énoncé :
       *[other] Et { $count } autres, par leur seul énoncé :
    }
changes-removed-lede = Ces affirmations ne figurent plus dans le dossier et n’ont donc plus de page ; voici chacune telle que l’édition précédente l’a enregistrée.
changes-tag-removed = retirée
# $status_html est l’étiquette de statut qu’avait l’affirmation.
changes-removed-was-html = Était { $status_html }
changes-removed-id = Identifiant
changes-removed-status = { $status } ({ $reason })
changes-editions-lede = Chaque édition enregistre les affirmations et les jugements clés du dossier tels qu’ils étaient à sa date ; la plus récente vient en premier.
changes-table-edition = Édition
changes-table-date = Date
changes-table-since = Depuis la précédente
# La ligne du dossier tel qu’il est, quand il n’est pas une édition.
changes-now = Maintenant
changes-note-unrecorded = le dossier actuel, pas encore enregistré
changes-note-now = le dossier actuel
changes-note-baseline = point de comparaison
changes-first-edition = première édition

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
# Les entrées du flux pour ce qui a changé depuis une édition (leurs résumés
# sont change-note-new et change-note-revised, ou ceux-ci).
feed-change-new = Nouvelle affirmation : { $statement }
feed-change-revised = Affirmation révisée : { $statement }
feed-change-removed = Affirmation retirée : { $statement }
feed-change-removed-summary = Retirée depuis l’édition { $edition }.
# Après change-note-revised quand le statut a changé : les mots des étiquettes de statut.
feed-change-status = Était { $before }, désormais { $after }.
feed-judgment-moved = Jugement clé modifié : { $text }
feed-judgment-added = Nouveau jugement clé : { $text }
feed-judgment-withdrawn = Jugement clé retiré : { $text }
feed-judgment-moved-summary = Jugement clé modifié depuis l’édition { $edition }.
feed-judgment-added-summary = Nouveau jugement clé depuis l’édition { $edition }.
feed-judgment-withdrawn-summary = Jugement clé retiré depuis l’édition { $edition }.

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
