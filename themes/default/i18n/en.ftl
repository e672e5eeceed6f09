# The interface's words in English: every word the built-in theme and the
# generator put in pages. A message whose id ends in `-html` is HTML (its
# text is not escaped; its variables are, unless their name ends in
# `_html`); every other message is text. A theme overrides any message in
# its own themes/<name>/i18n/<language>.ftl. Numbers given as variables
# are written the language's way (15,000).

## Page frame (base.html)

skip-link = Skip to main content
site-search-label = Search the dossier
site-search-button = Search
nav-label = Site
nav-overview = Overview
nav-topics = Topics
nav-figures = Figures
nav-timeline = Timeline
nav-entities = Entities
nav-sources = Sources
nav-changes = What changed
breadcrumb-label = Breadcrumb
toc-label = On this page
feed-title = Claims by date
footer = Built with dossier. Grades: source reliability (A–F) then information credibility (1–6), Admiralty scale. Every claim links to the passage it rests on.
footer-short = Built with dossier.
# The footer's link to the whole site as a .zip (when the build writes one).
footer-download = Download for offline reading
# When the reader's browser makes the .zip and cannot (offline, a file missing).
footer-download-failed = The download could not be made. Try again when online.

## Status of a claim: its tag, the heading of its group, the legend

status-contested = contested
status-corroborated = corroborated
status-single-source = single source
status-group-contested = Contested
status-group-corroborated = Corroborated
status-group-single-source = Single source
legend-contested = contradicted by another claim, or its figure disagrees with another origin's
legend-corroborated = supported by a claim from another, independent origin
legend-single-source = one origin only, however many articles repeat it
legend-reliability = Source reliability
legend-credibility = Information credibility
legend-status = Status
# The summary of the legend on pages that list claims.
legend-summary = How to read grades and statuses

## Admiralty grades: the reliability of a source (A–F) and the credibility
## of a piece of information (1–6)

reliability-a = completely reliable
reliability-b = usually reliable
reliability-c = fairly reliable
reliability-d = not usually reliable
reliability-e = unreliable
reliability-f = reliability cannot be judged
credibility-1 = confirmed by other sources
credibility-2 = probably true
credibility-3 = possibly true
credibility-4 = doubtful
credibility-5 = improbable
credibility-6 = truth cannot be judged
# A grade's tooltip: the letter and what it means, the number and what it means.
grade-title = { $letter }: { $reliability } · { $number }: { $credibility }

## Kinds of originating sources

source-kind-government = Government
source-kind-intelligence = Intelligence service
source-kind-state-media = State media
source-kind-media = Media
source-kind-ngo = NGO
source-kind-other = Other

## Key judgments (ICD 203 likelihood words, their bands, confidence)

likelihood-almost-no-chance = Almost no chance
likelihood-very-unlikely = Very unlikely
likelihood-unlikely = Unlikely
likelihood-roughly-even-chance = Roughly even chance
likelihood-likely = Likely
likelihood-very-likely = Very likely
likelihood-almost-certain = Almost certain
band-almost-no-chance = 1–5 %
band-very-unlikely = 5–20 %
band-unlikely = 20–45 %
band-roughly-even-chance = 45–55 %
band-likely = 55–80 %
band-very-likely = 80–95 %
band-almost-certain = 95–99 %
confidence-low = Low confidence
confidence-moderate = Moderate confidence
confidence-high = High confidence
judgments-heading = Key judgments
judgment-rests-on = Rests on:

## Counts

# The support of a claim or judgment: independent origins, then articles.
support =
    { $origins ->
        [one] { $origins } origin
       *[other] { $origins } independent origins
    } · { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }
claims-count =
    { $count ->
        [one] { $count } claim
       *[other] { $count } claims
    }

## Figures in words ($value, $low and $high are numbers already written)

figure-approx = about { $value }
figure-at-least = at least { $value }
figure-at-most = up to { $value }
figure-range = { $low }–{ $high }
figure-status-reported = reported
figure-status-announced = announced
figure-status-planned = planned
figure-status-estimated = estimated
figure-disagrees = disagrees

## Tables

table-quantity = Quantity
table-spread = Spread
table-figures = Figures
table-topic = Topic
table-figure = Figure
table-low = Low
table-best = Best
table-high = High
table-status = Status
table-as-of = As of
table-origin = Origin
table-claim = Claim
table-articles = Articles
table-value = Value
table-article = Article
table-published = Published
table-language = Language
table-outlet = Outlet
table-claims = Claims

## A quantity: its chart and table (figures page, topic pages)

metric-spread = Spread
metric-figures =
    { $figures ->
        [one] { $figures } figure
       *[other] { $figures } figures
    } from { $origins ->
        [one] { $origins } origin
       *[other] { $origins } origins
    }
metric-topic = topic
metric-caption = Each row is one figure, labelled with the source that first gave it; a dot is an exact value, a hollow dot an approximate one (with the tolerance as whiskers), a bar a range, an arrow an open bound. The table below has every value.
metric-table-caption = { $label }: every figure
chart-title =
    { $label }: { $count ->
        [one] { $count } figure
       *[other] { $count } figures
    } on one axis, from 0 to { $max }
chart-title-unit =
    { $label }: { $count ->
        [one] { $count } figure
       *[other] { $count } figures
    } on one axis, from 0 to { $max } { $unit }
# The tooltip of a chart row: the origin, the date the figure is for when
# it has one, the figure.
chart-row = { $origin }: { $figure }
chart-row-dated = { $origin }, { $date }: { $figure }
# A chart of many figures has one row per origin.
chart-title-origins =
    { $label }: { $count ->
        [one] { $count } figure
       *[other] { $count } figures
    } from { $origins ->
        [one] { $origins } origin
       *[other] { $origins } origins
    }, one row per origin, on one axis from 0 to { $max } { $unit }
chart-origin =
    { $origin }: { $count ->
        [one] { $count } figure
       *[other] { $count } figures
    }, from { $low } to { $high }
metric-caption-origins = Each row is one origin, labelled with how many figures it gave; its bar runs from the lowest to the highest of them (approximate values with the tolerance), an arrow marking an open bound. The table below has every figure.
# The same two captions on a topic page whose quantity has too many
# figures for a table there.
metric-caption-elsewhere = Each row is one figure, labelled with the source that first gave it; a dot is an exact value, a hollow dot an approximate one (with the tolerance as whiskers), a bar a range, an arrow an open bound.
metric-caption-origins-elsewhere = Each row is one origin, labelled with how many figures it gave; its bar runs from the lowest to the highest of them (approximate values with the tolerance), an arrow marking an open bound.
# The link to the quantity's table on the figures page.
metric-table-elsewhere =
    { $figures ->
        [one] Its figure, in a table on the figures page
       *[other] Its { $figures } figures, in a table on the figures page
    }

## Pages of a long list (a topic's claims, the timeline)

pager-label = Pages
pager-prev = Previous
pager-next = Next

## Front page (index.html)

index-kicker = Briefing dossier
index-counts =
    { $claims ->
        [one] { $claims } claim
       *[other] { $claims } claims
    } · { $articles ->
        [one] { $articles } source article
       *[other] { $articles } source articles
    } · { $sources ->
        [one] { $sources } originating source
       *[other] { $sources } originating sources
    } · { $topics ->
        [one] { $topics } topic
       *[other] { $topics } topics
    }
index-summary-label = Summary
index-topics = Topics
index-card-meta =
    { $claims ->
        [one] { $claims } claim
       *[other] { $claims } claims
    } · { $contested } contested
index-figures = Figures at a glance
index-figures-from =
    { $figures } from { $origins ->
        [one] { $origins } origin
       *[other] { $origins } origins
    }
index-how-to-read = How to read this dossier
# $grade_html is an example grade, B2, with its meaning as a tooltip.
index-how-to-read-text-html = Each claim carries a grade such as { $grade_html }: the reliability of the source that first made it, then the credibility of the information. Support is counted by <em>independent origins</em>, not by articles: five articles repeating one agency's report are one origin.

## Topic page (topic.html)

topic-kicker = Topic
topic-overview = Overview
topic-figures = Figures
topic-claims = Claims
topic-timeline = Timeline
topic-articles = Articles and sources
topic-no-claims = No claims yet.
topic-source-articles = Source articles
topic-sources = Originating and relaying sources
topic-source-reliability = reliability
# A topic with many dated claims shows them on the timeline only.
topic-timeline-elsewhere =
    { $count ->
        [one] Its dated claim is on the timeline, in the order of the events, with those of the other topics.
       *[other] Its { $count } dated claims are on the timeline, in the order of the events, with those of the other topics.
    }
# The title of a topic's page of claims after the first.
topic-claims-page = { $title }: claims, page { $page } of { $pages }

## Claim page (claim.html): the claims drawn first from one article

claims-group-kicker = Claims
# The page's title; $title is the article's.
claims-group-title = Claims from “{ $title }”
# The link back to the article, after the count of claims.
claims-group-article = Read the article
claim-origin = Origin
# After the origin's name: its kind, and its reliability grade and meaning.
claim-origin-detail = ({ $kind }; reliability { $grade }, { $meaning })
claim-relayed-by = Relayed by
claim-carried-by = Carried by
# In "Carried by" on the claims page of that very article.
claim-this-article = this article
claim-date = Date
claim-credibility = Credibility
claim-topics = Topics
claim-relay = How it reached us
claim-figures = Figures
claim-evidence = Evidence
# The link from a quote to its passage in the page's own article.
claim-passage = Passage { $number }
claim-original-page = original page
claim-contradicted-by = Contradicted by
claim-conflict = Conflict
claim-corroborated-by = Corroborated by
claim-judgments = Judgments resting on this claim
claim-note = Analyst note
# Why a claim has its status. $total conflicts in all, $shown on the page.
reason-contested-many = Contested: { $total } conflicts; the { $shown } most telling are below.
reason-contested =
    Contested: { $count ->
        [one] { $count } conflict
       *[other] { $count } conflicts
    } below.
reason-circular = Single source: the claims that support it come from the same origin (circular reporting counts once).
conflict-contradiction = contradicts this claim (origin: { $origin })
# $mine is this claim's figure, $theirs the other's, from $origin.
conflict-figure = { $metric }: { $mine } here vs { $theirs } from { $origin }
relay-origin = Origin
relay-via = Relayed by
relay-articles = Articles

## Article page (article.html)

article-kicker = Source article
article-breadcrumb = Source articles
article-published = Published
article-outlet = Outlet
article-author = Author
article-language = Language
article-reliability = Outlet reliability
article-original = Original
article-claims-drawn = Claims drawn
article-summary = Summary
article-text = Full text
article-text-note = Highlighted passages are quoted by claims; the number after each links to the claim.
article-claims = Claims drawn from this article
article-claims-page = Claims drawn first from this article, in full: grades, evidence, sources
article-passages =
    { $count ->
        [one] passage:
       *[other] passages:
    }
article-no-claims = No claim quotes this article yet.

## Figures page (figures.html)

figures-title = Figures
figures-description = Every figure, by metric, with its origin
# $contested_html is the "contested" tag; $tolerance a percentage.
figures-lede-html = Every number the sources give, side by side, by quantity. A quantity is flagged { $contested_html } when two origins' figures for the same date disagree by more than { $tolerance }%.
figures-data-html = Also as data: <a href="{ $csv }">claims.csv</a> (one row per figure), <a href="{ $json }">claims.json</a> (<a href="{ $schema }">schema</a>).
figures-toc = Quantities
figures-toc-contested = (contested)
figures-none = No claim gives a figure yet.

## Timeline page (timeline.html)

timeline-title = Timeline
timeline-description = Claims in order of the events they describe
# $month and $day are two dates, June 2025 and 17 June 2025.
timeline-lede = Claims in the order of the events they describe. Dates keep the precision the sources give: “{ $month }” comes before “{ $day }”.
timeline-undated = Undated
# The title of a page of the timeline after the first.
timeline-page = Timeline, page { $page } of { $pages }
# The list of years on the first page of a timeline of several pages.
timeline-years = Years

## Sources page (sources.html)

sources-title = Sources and articles
sources-description = Originating sources and source articles
sources-lede = Who first said what (originating sources), and the articles the dossier quotes.
sources-originating = Originating sources
# After a source's kind and country.
sources-reliability = reliability { $grade }: { $meaning }
sources-originates =
    Originates { $count ->
        [one] { $count } claim
       *[other] { $count } claims
    }
sources-relays =
    Relays { $count ->
        [one] { $count } claim
       *[other] { $count } claims
    }
sources-articles = Source articles
sources-grades = Grades

## Entities (entities.html, entities/<id>.html) and the entities a claim
## or an article mentions

entities-title = People, organisations and places
entities-lede = Who and what the sources name, under every spelling they use. Each page lists the claims and the articles that mention it.
entity-kind-person = Person
entity-kind-organisation = Organisation
entity-kind-place = Place
entity-kind-other = Other
entity-group-person = People
entity-group-organisation = Organisations
entity-group-place = Places
entity-group-other = Other
entities-card-meta =
    { $claims ->
        [one] { $claims } claim
       *[other] { $claims } claims
    } · { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }
# An entity page's description: its kind and name, then its other spellings.
entity-description = { $kind }: { $name }
entity-description-aliases = { $kind }: { $name }, also written { $aliases }
entity-aliases = Also written
entity-mentioned-in = Mentioned in
entity-articles-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
entity-first = First mentioned
entity-last = Last mentioned
entity-wikidata = Wikidata
entity-dates-note = Dates are those of the claims (when the events happened) and of the articles (when they were published) that mention { $name }.
entity-claims = Claims
entity-articles = Articles
entity-no-claims = No claim mentions { $name }.
entity-no-articles = No article mentions { $name }.
# The row of a claim or article page listing the entities it names.
mentions-label = Mentions

## Citations of claims in the analyst's text ([@id]) and their references (cite.html)

# A citation marker's accessible name: its number and the claim's statement.
cite-label = Reference { $number }: { $statement }
# The marker after a quoted passage of an article, for screen readers: its
# name. The claim's statement is its tooltip, which screen readers read as
# its description ($statement is given too, for a theme that wants it here).
passage-label = Claim { $number }
references-title = References
# A reference's link back to a place citing it: its number, with a letter
# when several places cite it (1, or 1a, 1b).
cite-back = Back to citation { $place }

## Search page (search.html, search.js)

search-title = Search
search-description = Search the dossier
search-form-label = Search claims, articles, topics and sources
search-button = Search
search-noscript-html = Search needs JavaScript; the <a href="{ $sources }">sources page</a> lists every source and article.
search-prompt = Type a word to search claims, articles, topics and sources.
search-results =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    } for “{ $query }”
search-kind-claim = Claim
search-kind-article = Article
search-kind-topic = Topic
search-kind-source = Source

## What changed (changes.html), the change tags of claims. Edition names
## ($edition, $baseline, $from, $to) are given as the author wrote them.

# A claim's tag wherever it is listed, then what screen readers hear after it.
change-tag-new = new
change-tag-revised = revised
change-tag-since = since edition { $edition }
# The note under a claim page's heading, then its link to changes.html.
change-note-new = New since edition { $edition }.
# $fields lists what changed, from the change-word-* messages.
change-note-revised = Revised since edition { $edition }: { $fields }.
change-note-link = See what changed
change-word-statement = statement
change-word-figures = figures
change-word-credibility = credibility
change-word-grade = grade
change-word-evidence = evidence
change-word-date = date
change-word-origin = origin
change-word-relays = relays
change-word-topics = topics
change-word-corroborates = corroborates
change-word-contradicts = contradicts
change-word-status = status
# Joins the first item of a list to the rest.
change-word-list = { $first }, { $rest }
changes-title = What changed
changes-description = What changed in the dossier since its last edition
changes-kicker = What changed
# The page's heading: the edition the dossier is, and the one it is compared with.
changes-heading-edition-since = Edition { $edition } — what changed since { $baseline }
changes-heading-edition = Edition { $edition }
changes-heading-since = What changed since edition { $baseline }
# The page's first sentence. $changes is changes-summary.
changes-lede-between = From edition { $from } ({ $from_date }) to edition { $to } ({ $to_date }): { $changes }
changes-lede-between-nothing = Nothing changed from edition { $from } ({ $from_date }) to edition { $to } ({ $to_date }).
changes-lede-first = The dossier as it stands is its first edition { $edition } ({ $date }); there is no earlier edition to compare it with.
changes-lede-since = Since edition { $from } ({ $from_date }): { $changes }
changes-lede-since-nothing = Nothing has changed since edition { $from } ({ $from_date }).
# $counts is changes-counts.
changes-summary =
    { $counts }; { $status ->
        [one] { $status } change
       *[other] { $status } changes
    } of status; { $judgments ->
        [one] { $judgments } key judgment
       *[other] { $judgments } key judgments
    } changed.
# Claims added, removed and revised (the first sentence, the list of editions).
changes-counts =
    { $added ->
        [one] { $added } claim
       *[other] { $added } claims
    } added, { $removed } removed and { $revised } revised
# How many entries a section of the page has, in its table of contents.
changes-toc-count = ({ $count })
changes-section-status = Changes of status
changes-section-figures = New and revised figures
changes-section-added = New claims
changes-section-revised = Revised claims
changes-section-removed = Removed claims
changes-section-editions = Editions
# A key judgment's tag.
changes-judgment-moved = changed
changes-judgment-added = new
changes-judgment-withdrawn = withdrawn
# Where a judgment was made, when its topic is no longer in the dossier.
changes-judgment-topic-gone = topic { $topic }
changes-field-likelihood = Likelihood
changes-field-confidence = Confidence
changes-field-rests-on = Rests on
changes-likelihood-none = not given
changes-confidence-low = low
changes-confidence-moderate = moderate
changes-confidence-high = high
# The fields of a revised claim.
changes-field-statement = Statement
changes-field-figures = Figures
changes-field-credibility = Credibility
changes-field-grade = Grade
changes-field-evidence = Evidence
changes-field-date = Date
changes-field-origin = Origin
changes-field-relays = Relayed by
changes-field-topics = Topics
changes-field-corroborates = Corroborates
changes-field-contradicts = Contradicts
# A field's value before and after; for a list, what left it and what joined it.
changes-before = Before:
changes-after = After:
changes-list-removed = Removed:
changes-list-added = Added:
changes-date-none = none
# A quote of the evidence and the title of its article.
changes-evidence = “{ $quote }” — { $article }
# A figure in words ($value is already written): quantity, value, status, date.
changes-figure = { $metric }: { $value } ({ $status }, as of { $date })
changes-figure-undated = { $metric }: { $value } ({ $status })
# After a revised figure: the value it replaces ($value_html, struck).
changes-figure-was-html = (was { $value_html })
# $before_html and $after_html are status tags.
changes-status-was-html = Was { $before_html }, now { $after_html }
changes-why = Why
# Why a claim had its status, as an edition records it: claims and
# sources named by id.
changes-reason-contradicted = contradicted by { $claim }
changes-reason-figure = figure disagrees with { $claim }
changes-reason-total = { $count } conflicts in all
changes-reason-corroborated = independent origins: { $origins }
changes-reason-single = one origin: { $origin }
changes-reason-circular = one origin: { $origin } (the claims that support it share it)
changes-reason-list = { $first }; { $rest }
# Past the first thousand entries of a section.
changes-more-status =
    And { $count ->
        [one] { $count } more change of status, not shown here; the claim is tagged “revised” wherever it is listed.
       *[other] { $count } more changes of status, not shown here; each claim is tagged “revised” wherever it is listed.
    }
changes-more-figures =
    And { $count ->
        [one] { $count } more figure, not shown here; it is on the page of its claim.
       *[other] { $count } more figures, not shown here; they are on the pages of the new and revised claims.
    }
changes-more-revised =
    And { $count ->
        [one] { $count } more revised claim, not shown here; it is tagged “revised” wherever it is listed.
       *[other] { $count } more revised claims, not shown here; each is tagged “revised” wherever it is listed.
    }
changes-more-removed = And { $count } more, by statement alone:
changes-removed-lede = These claims are no longer in the dossier, so they have no page; here is each as the earlier edition recorded it.
changes-tag-removed = removed
# $status_html is the status tag the claim had.
changes-removed-was-html = Was { $status_html }
changes-removed-id = Id
changes-removed-status = { $status }: { $reason }
changes-editions-lede = Each edition records the dossier's claims and key judgments as they stood on its date; the newest comes first.
changes-table-edition = Edition
changes-table-date = Date
changes-table-since = Since the one before
# The row of the dossier as it stands, when it is no edition.
changes-now = Now
changes-note-unrecorded = the dossier now, not yet recorded
changes-note-now = the dossier now
changes-note-baseline = compared with here
changes-first-edition = first edition

## Page not found (404.html)

not-found-title = Page not found
not-found-lede = There is no page at this address. The dossier may have been rebuilt and the page renamed.
not-found-links-html = <a href="{ $home }">Go to the overview</a> or <a href="{ $sources }">browse sources and articles</a>.

## The single file (dossier export --single-file): its contents, after the
## cover, and the contents' link in the bar at the top

single-contents = Contents
single-contents-dossier = The dossier
single-contents-claims = Claims
single-contents-articles = Source articles

## The Atom feed (feed.xml), an entry's summary

feed-summary = { $status } · origin: { $origin } · { $date }
# The feed's entries for what changed since an edition (their summaries
# are change-note-new and change-note-revised, or these).
feed-change-new = New claim: { $statement }
feed-change-revised = Revised claim: { $statement }
feed-change-removed = Removed claim: { $statement }
feed-change-removed-summary = Removed since edition { $edition }.
# After change-note-revised when the status changed: status tags' words.
feed-change-status = Was { $before }, now { $after }.
feed-judgment-moved = Key judgment changed: { $text }
feed-judgment-added = New key judgment: { $text }
feed-judgment-withdrawn = Key judgment withdrawn: { $text }
feed-judgment-moved-summary = Key judgment changed since edition { $edition }.
feed-judgment-added-summary = New key judgment since edition { $edition }.
feed-judgment-withdrawn-summary = Key judgment withdrawn since edition { $edition }.

## dossier serve: the overlay shown while the last change does not build

serve-error-label = Build error
serve-error-title = dossier serve: the last change does not build. Showing the last good build.
serve-error-dismiss = Dismiss

## dossier serve: the annotation panel on article pages ({ $name } values are filled in by the panel)

panel-title = Annotate this passage
panel-close = Close
panel-keys = Alt+Shift+A: go to this panel · Esc: close it
panel-quote = Quote
panel-loading = Reading the dossier’s topics and sources…
panel-checking = Looking for the quote in the article…
panel-unique = Found once in the article.
panel-singled-prefix = Found { $count } times; the words before it, “{ $prefix }”, single this one out and are saved as its prefix.
panel-singled-suffix = Found { $count } times; the words after it, “{ $suffix }”, single this one out and are saved as its suffix.
panel-singled-both = Found { $count } times; the words around it, “{ $prefix }” before and “{ $suffix }” after, single this one out and are saved as its prefix and suffix.
panel-ambiguous = Found { $count } times, and no nearby words single this one out: select a longer passage.
panel-not-found = Not in the article’s text as the build reads it: select words of the article itself.
panel-closest = Closest passage: “{ $text }”
panel-case-differs = It matches if case is ignored: copy the capitals as in the article.
panel-empty = Nothing to quote: select words of the article.
panel-mode = Save as
panel-mode-new = A new claim
panel-mode-evidence = Evidence for an existing claim
panel-file = Claims file
panel-file-hint = Created if it does not exist; the new claim is added at its end.
panel-statement = Statement
panel-id = Id
panel-id-hint = Suggested from the statement: lowercase letters, digits and hyphens.
panel-topics = Topics
panel-origin = Origin
panel-choose = Choose…
panel-credibility = Credibility
panel-credibility-none = Not given
panel-date = Date of the event (optional)
panel-date-hint = YYYY, YYYY-MM or YYYY-MM-DD
panel-translation = Translation (optional)
panel-figure = Figure (optional)
panel-metric = Metric
panel-no-figure = No figure
panel-value = Value
panel-low = Low
panel-high = High
panel-precision = Precision
panel-status = Status
panel-as-of = As of
panel-default = Default
panel-save-claim = Save the claim
panel-claim = Claim
panel-claim-hint = Type words of its id or statement, then pick it.
panel-save-evidence = Add the evidence
panel-saving = Checking with the build and saving…
panel-saved = Saved in { $file }. Rebuilding: the page reloads by itself.
panel-refused = Not saved.
panel-failed = No answer from dossier serve: is it still running?
