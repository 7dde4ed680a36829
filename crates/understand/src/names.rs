//! Names: runs of capitalised words classified as people, organisations or
//! places; titles and roles around them; kinship and affiliation relations;
//! within-article coreference of surnames.

use crate::doc::Doc;
use crate::lexicons;
use corroborate_gazetteer::{fold_name, Gazetteer};
use corroborate_model::{Entity, EntityKind, EntityMention, Relation, Role};
use corroborate_text::is_stopword;

/// What a run of capitalised words names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    Person,
    Organization,
    /// The gazetteer knows it (or a region word follows it).
    Place,
    /// A building or installation ("… Power Plant").
    Facility,
    /// Nothing decided it.
    Unknown,
}

/// A role or relation phrase attached to a name.
#[derive(Debug, Clone)]
pub(crate) struct RoleFound {
    /// The role words, lower-case.
    pub role: String,
    /// Byte range of the role words.
    pub start: usize,
    pub end: usize,
    /// Possessor: a name ("Trump") …
    pub of_name: Option<String>,
    /// … its group index, when it is a name in the text …
    pub of_group: Option<usize>,
    /// … or the byte offset of a possessive pronoun ("his").
    pub of_pronoun: Option<usize>,
    /// Whether the role word is a relation (son-in-law) rather than a title.
    pub relation: bool,
}

/// A run of capitalised words, title stripped.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// First and last token (inclusive) of the name itself.
    pub first: usize,
    pub last: usize,
    pub sentence: usize,
    pub kind: NameKind,
    /// Written with a possessive ending ("Trump's").
    pub possessive: bool,
    /// Roles and relations stated around the name.
    pub roles: Vec<RoleFound>,
}

impl Group {
    pub fn start(&self, doc: &Doc) -> usize {
        doc.tokens[self.first].start
    }

    pub fn end(&self, doc: &Doc) -> usize {
        doc.tokens[self.last].end
    }

    /// End of the name itself, a possessive ending ("Lind's") left out.
    pub fn name_end(&self, doc: &Doc) -> usize {
        doc.tokens[self.last].start + doc.bare(self.last).len()
    }

    /// The name as written, a possessive ending removed.
    pub fn name(&self, doc: &Doc) -> String {
        let mut s = doc.words_text(self.first, self.last).to_owned();
        if self.possessive {
            s.truncate(
                s.len()
                    - (doc.tokens[self.last].end
                        - doc.tokens[self.last].start
                        - doc.bare(self.last).len()),
            );
        }
        s
    }
}

/// Everything [`find`] read off the names of an article.
pub(crate) struct Found {
    pub groups: Vec<Group>,
}

/// Whether a lexicon (keys lower-case, multi-word allowed) holds `folded`.
fn in_lex(lex: &corroborate_text::Lexicon, folded: &str) -> bool {
    lex.contains(folded)
}

fn is_title_word(doc: &Doc, folded: &str) -> bool {
    lexicons::title_vocabulary(doc.lang).contains(folded)
}

/// A kinship or affiliation word that is not also a title ("son-in-law",
/// "wife"; "adviser" is a title, read as a role).
fn is_relation_word(folded: &str) -> bool {
    in_lex(lexicons::relations(), folded) && !in_lex(lexicons::titles(), folded)
}

/// A lexicon row for `folded` in the article's language (column `col`
/// holds a row's language; `*` rows count in every language).
fn row_in<'l>(
    doc: &Doc,
    lex: &'l corroborate_text::Lexicon,
    folded: &str,
    col: usize,
) -> Option<&'l Vec<String>> {
    lex.get_in(folded, corroborate_text::lexicon_lang(doc.lang), col)
}

/// Connectors allowed inside a name ("Ministry of Defense", "Secretary of State").
fn is_name_connector(folded: &str) -> bool {
    matches!(
        folded,
        "of" | "for" | "de" | "del" | "la" | "di" | "von" | "van" | "bin" | "al"
    )
}

/// Whether a one-letter token is a piece of a dotted acronym ("U.S.").
fn part_of_acronym(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    let before = doc.text[..t.start].chars().next_back();
    let after = doc.text[t.end..].chars().nth(1);
    doc.bare(i).chars().count() == 1
        && (before == Some('.')
            || after.is_some_and(|c| c.is_alphabetic()) && doc.text[t.end..].starts_with('.'))
}

/// Whether a capitalised token can open a name: not a common word written
/// with a capital only because it starts the sentence.
fn can_open(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    let sentence_start = i == 0 || doc.tokens[i - 1].sentence != t.sentence || {
        // After an opening quote or a dash the next word is capitalised too.
        let gap = doc.gap(doc.tokens[i - 1].end, t.start);
        gap.contains(['“', '"', '—', ':', '(']) && !gap.contains(',')
    };
    if is_stopword(&t.folded)
        || lexicons::pronoun(doc, &t.folded).is_some()
        || part_of_acronym(doc, i)
    {
        return false;
    }
    if sentence_start && doc.lower_words.contains(&t.folded) && !is_title_word(doc, &t.folded) {
        return false;
    }
    true
}

/// Splits the article into capitalised runs and classifies them.
pub(crate) fn find(doc: &Doc, blocked: &[(usize, usize)], gaz: Option<&Gazetteer>) -> Found {
    let mut groups: Vec<Group> = Vec::new();
    let toks = &doc.tokens;
    // Per sentence: (alphabetic words, capitalised ones), in one pass.
    let mut counts = vec![(0usize, 0usize); doc.sentences.len()];
    for t in toks
        .iter()
        .filter(|t| t.folded.chars().next().is_some_and(char::is_alphabetic))
    {
        if let Some(c) = counts.get_mut(t.sentence) {
            c.0 += 1;
            c.1 += usize::from(t.capital);
        }
    }
    let title_case: Vec<bool> = counts
        .iter()
        .map(|&(n, cap)| n >= 4 && cap * 10 >= n * 8)
        .collect();
    let mut i = 0;
    while i < toks.len() {
        let is_blocked = |k: usize| {
            blocked
                .iter()
                .any(|&(a, b)| toks[k].start < b && toks[k].end > a)
        };
        // In a title-case headline every word is capitalised: there a common
        // word ("Killed", "In"), an event word of the lexicons ("Charged")
        // or a compound of such words ("Hit-And-Run") is no part of a name.
        let plain = |w: &str| {
            is_stopword(w)
                || doc.lower_words.contains(w)
                || corroborate_text::shared::occurrences().contains(w)
                || corroborate_text::shared::casualties().contains(w)
        };
        let common = |k: usize| {
            let w = toks[k].folded.as_str();
            title_case[toks[k].sentence]
                && (plain(w)
                    || (w.contains('-')
                        && w.split('-').all(|part| !part.is_empty() && plain(part))))
        };
        if !toks[i].capital || !can_open(doc, i) || is_blocked(i) || common(i) {
            i += 1;
            continue;
        }
        let sentence = toks[i].sentence;
        let mut last = i;
        let mut j = i + 1;
        while j < toks.len() && toks[j].sentence == sentence && !toks[last].possessive {
            let gap = doc.gap(toks[last].end, toks[j].start);
            // An initial keeps the name going: "Regina M. Benjamin".
            let initial = gap.trim() == "."
                && doc.bare(last).chars().count() == 1
                && toks[last].capital
                && gap.ends_with(char::is_whitespace)
                && !part_of_acronym(doc, last);
            if !gap.chars().all(char::is_whitespace) && !initial {
                break;
            }
            if is_blocked(j) || common(j) {
                break;
            }
            if toks[j].capital {
                last = j;
                j += 1;
                continue;
            }
            // "Ministry of Defense": a connector followed by a capital.
            if is_name_connector(&toks[j].folded)
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.capital && n.sentence == sentence)
                && doc
                    .gap(toks[j].end, toks[j + 1].start)
                    .chars()
                    .all(char::is_whitespace)
            {
                last = j + 1;
                j += 2;
                continue;
            }
            break;
        }
        // A leading country or demonym before a title ("Russian President
        // Vladimir Putin", "Ukraine's President …") says whose title it is.
        let mut first = i;
        let mut of_country: Option<String> = None;
        if first < last && is_title_word(doc, &toks[first + 1].folded) {
            if let Some(z) = gaz {
                let hits = z.lookup_folded(&fold_name(doc.bare(first)));
                if let Some(c) = hits
                    .iter()
                    .find(|e| e.kind == corroborate_model::PlaceKind::Country)
                {
                    of_country = Some(c.name.clone());
                    first += 1;
                }
            }
        }
        // Leading titles: "President Vladimir Putin", "Gen. Ruiz".
        let mut title: Option<(usize, usize)> = None;
        while first < last {
            let Some(k) = longest_title(doc, first, last) else {
                break;
            };
            title = Some((title.map_or(first, |t| t.0), k));
            first = k + 1;
        }
        let mut g = Group {
            first,
            last,
            sentence,
            kind: NameKind::Unknown,
            possessive: toks[last].possessive,
            roles: Vec::new(),
        };
        if let Some((a, b)) = title {
            // "Ukraine's President Volodymyr Zelenskyy": the possessor before the title.
            if of_country.is_none() && a > 0 {
                let p = &toks[a - 1];
                if p.possessive
                    && p.capital
                    && doc
                        .gap(p.end, toks[a].start)
                        .chars()
                        .all(char::is_whitespace)
                {
                    of_country = Some(doc.bare(a - 1).to_owned());
                }
            }
            g.roles.push(RoleFound {
                role: doc.words_text(a, b).to_lowercase(),
                start: toks[a].start,
                end: toks[b].end,
                of_name: of_country.clone(),
                of_group: None,
                of_pronoun: None,
                relation: false,
            });
        }
        // A lone title ("President said") names nobody.
        let only_title = (title.is_some() && first > last)
            || (first == last && is_title_word(doc, &toks[first].folded));
        if !only_title {
            groups.push(g);
        }
        i = last + 1;
    }
    for gi in 0..groups.len() {
        classify(doc, &mut groups, gi, gaz);
    }
    // Single words that repeat a known person's surname are that person.
    // The last name, or for a two-word name either word ("Xi" of "Xi
    // Jinping": many names put the family name first).
    let surnames: Vec<String> = groups
        .iter()
        .filter(|g| g.kind == NameKind::Person && g.last > g.first)
        .flat_map(|g| {
            let mut keys = vec![doc.tokens[g.last].folded.clone()];
            if g.last == g.first + 1 {
                keys.push(doc.tokens[g.first].folded.clone());
            }
            keys
        })
        .collect();
    for g in &mut groups {
        if g.first == g.last && surnames.contains(&doc.tokens[g.first].folded) {
            g.kind = NameKind::Person;
        }
    }
    for gi in 0..groups.len() {
        if groups[gi].kind == NameKind::Person {
            let roles = roles_around(doc, &groups, gi);
            groups[gi].roles.extend(roles);
        }
    }
    Found { groups }
}

/// The last token of the longest title starting at token `i` (not past `last`).
fn longest_title(doc: &Doc, i: usize, last: usize) -> Option<usize> {
    let mut best = None;
    let mut key = String::new();
    for k in i..last.min(i + 4) {
        if k > i {
            key.push(' ');
        }
        key.push_str(doc.tokens[k].folded.trim_end_matches('.'));
        if lexicons::titles()
            .get_in(&key, corroborate_text::lexicon_lang(doc.lang), 1)
            .is_some()
        {
            best = Some(k);
        }
    }
    best
}

fn classify(doc: &Doc, groups: &mut [Group], gi: usize, gaz: Option<&Gazetteer>) {
    let g = &groups[gi];
    let toks = &doc.tokens;
    let folded: Vec<&str> = (g.first..=g.last)
        .map(|k| toks[k].folded.as_str())
        .collect();
    let orgs = lexicons::org_words();
    // In the article's language: Polish "Sąd" (court) heads no English name.
    let class_of = |w: &str| row_in(doc, orgs, w, 1).and_then(|c| c.first().cloned());
    let is_org = row_in(doc, orgs, &folded.join(" "), 1).is_some()
        || folded
            .iter()
            .any(|w| class_of(w).as_deref() == Some("head"));
    if folded.len() > 1 && class_of(folded[folded.len() - 1]).as_deref() == Some("facility") {
        groups[gi].kind = NameKind::Facility;
        return;
    }
    let has_title = !g.roles.is_empty();
    let name_key = fold_name(&g.name(doc));
    let hits = gaz.map(|z| z.lookup_folded(&name_key)).unwrap_or_default();
    let in_gazetteer = !hits.is_empty();
    let is_country = hits
        .iter()
        .any(|e| e.kind == corroborate_model::PlaceKind::Country);
    let next = toks.get(g.last + 1).filter(|t| t.sentence == g.sentence);
    let region_after = next.is_some_and(|t| {
        lexicons::region_words()
            .get_all(&t.folded)
            .iter()
            .any(|c| c.first().is_none_or(|p| p == "after"))
    });
    let cue_after = next.is_some_and(|t| cue_verb(&t.folded, doc.lang));
    let kind = if is_org {
        NameKind::Organization
    } else if has_title {
        NameKind::Person
    } else if region_after || (in_gazetteer && (is_country || !cue_after)) {
        NameKind::Place
    } else if cue_after
        || (g.last > g.first
            && g.last - g.first <= 3
            && folded
                .iter()
                .all(|w| w.chars().all(char::is_alphabetic) || w.contains('-')))
    {
        NameKind::Person
    } else {
        NameKind::Unknown
    };
    groups[gi].kind = kind;
    // "Foreign Countries Kirill Dmitriev": words the article also writes in
    // lower case are not part of a person's name.
    if kind == NameKind::Person && !has_title {
        let g = &mut groups[gi];
        while g.last > g.first + 1 && doc.lower_words.contains(&toks[g.first].folded) {
            g.first += 1;
        }
    }
}

/// Whether a folded word is a speech verb of the cue lexicon.
pub(crate) fn cue_verb(folded: &str, lang: &str) -> bool {
    lexicons::quote_cues()
        .get_in(folded, corroborate_text::lexicon_lang(lang), 1)
        .is_some_and(|c| c.first().is_some_and(|t| t == "verb"))
}

/// Roles and relations written around a person's name: before it
/// ("Lind's special envoy, Marko Sedlar"; "his son-in-law Tomas Wren")
/// or as an apposition after it ("Tomas Wren, Lind's son-in-law,").
fn roles_around(doc: &Doc, groups: &[Group], gi: usize) -> Vec<RoleFound> {
    let g = &groups[gi];
    let toks = &doc.tokens;
    let mut out = Vec::new();
    // Before: walk back over role words, then find the possessor.
    let mut k = g.first;
    let mut words: Vec<usize> = Vec::new();
    while k > 0 && words.len() < 6 {
        let p = k - 1;
        if toks[p].sentence != g.sentence {
            break;
        }
        let gap = doc.gap(
            toks[p].end,
            toks[if words.is_empty() { g.first } else { k }].start,
        );
        let gap_ok =
            gap.chars().all(char::is_whitespace) || (words.is_empty() && gap.trim() == ",");
        if !gap_ok {
            break;
        }
        let t = &toks[p];
        let roleish = is_title_word(doc, &t.folded) || is_relation_word(&t.folded);
        let modifier = !t.capital
            && !is_stopword(&t.folded)
            && t.folded.chars().all(char::is_alphabetic)
            && t.folded.chars().count() > 2;
        if t.possessive || !(roleish || modifier) {
            break;
        }
        if words.is_empty() && !roleish {
            break;
        }
        words.push(p);
        k = p;
    }
    if let (Some(&near), Some(&far)) = (words.first(), words.last()) {
        let relation = is_relation_word(&toks[near].folded);
        let mut r = RoleFound {
            role: doc.gap(toks[far].start, toks[near].end).to_lowercase(),
            start: toks[far].start,
            end: toks[near].end,
            of_name: None,
            of_group: None,
            of_pronoun: None,
            relation,
        };
        if relation {
            r.role = canonical_relation(&toks[near].folded);
        }
        if far > 0
            && doc
                .gap(toks[far - 1].end, toks[far].start)
                .chars()
                .all(char::is_whitespace)
        {
            let p = &toks[far - 1];
            if p.possessive && p.capital {
                if let Some(pg) = groups.iter().position(|h| h.last == far - 1) {
                    r.of_name = Some(groups[pg].name(doc));
                    r.of_group = Some(pg);
                }
            } else if lexicons::pronoun(doc, &p.folded)
                .is_some_and(|c| c.first().is_some_and(|x| x == "possessive"))
            {
                r.of_pronoun = Some(p.start);
            }
        }
        out.push(r);
    }
    // After: ", Trump's son-in-law," / ", the mayor of Lyon,".
    if let Some(n) = toks.get(g.last + 1) {
        if n.sentence == g.sentence && doc.gap(toks[g.last].end, n.start).trim() == "," {
            let mut k = g.last + 1;
            let mut of_group = None;
            // ", U.S. President Donald Trump's son-in-law": the possessor may
            // carry its own titles.
            let possessor = (k..(k + 8).min(toks.len()))
                .take_while(|&j| {
                    toks[j].sentence == g.sentence
                        && (toks[j].capital || is_title_word(doc, &toks[j].folded))
                })
                .find(|&j| toks[j].possessive);
            if let Some(pj) = possessor {
                of_group = groups.iter().position(|h| h.last == pj);
                k = pj + 1;
            } else if matches!(toks[k].folded.as_str(), "the" | "a" | "an") {
                k += 1;
            }
            let start = k;
            let mut end = None;
            while k < toks.len() && toks[k].sentence == g.sentence && k < start + 6 {
                let t = &toks[k];
                if k > start
                    && !doc
                        .gap(toks[k - 1].end, t.start)
                        .chars()
                        .all(char::is_whitespace)
                {
                    break;
                }
                if is_title_word(doc, &t.folded) || is_relation_word(&t.folded) {
                    end = Some(k);
                } else if t.capital || is_stopword(&t.folded) {
                    break;
                }
                k += 1;
            }
            if let Some(e) = end {
                let relation = is_relation_word(&toks[e].folded);
                out.push(RoleFound {
                    role: if relation {
                        canonical_relation(&toks[e].folded)
                    } else {
                        doc.gap(toks[start].start, toks[e].end).to_lowercase()
                    },
                    start: toks[start].start,
                    end: toks[e].end,
                    of_name: of_group.map(|pg| groups[pg].name(doc)),
                    of_group,
                    of_pronoun: None,
                    relation,
                });
            }
        }
    }
    out
}

fn canonical_relation(folded: &str) -> String {
    lexicons::relations()
        .get(folded)
        .and_then(|c| c.first().cloned())
        .unwrap_or_else(|| folded.to_owned())
}

/// Builds entities (with mentions and roles) and relations from the groups.
pub(crate) fn entities(doc: &Doc, found: &Found) -> (Vec<Entity>, Vec<Relation>) {
    let mut entities: Vec<Entity> = Vec::new();
    // Group index → entity index.
    let mut of_group: Vec<Option<usize>> = vec![None; found.groups.len()];
    for (gi, g) in found.groups.iter().enumerate() {
        let kind = match g.kind {
            NameKind::Person => EntityKind::Person,
            NameKind::Organization => EntityKind::Organization,
            _ => continue,
        };
        let name = g.name(doc);
        let key = fold_name(&name);
        let single = g.first == g.last;
        let existing = entities.iter().position(|e| {
            e.kind == kind
                && (fold_name(&e.name) == key
                    // "Petrović" told before "Ana Petrović": one person.
                    || (kind == EntityKind::Person
                        && !single
                        && !fold_name(&e.name).contains(' ')
                        && key.rsplit(' ').next() == Some(fold_name(&e.name).as_str()))
                    || (kind == EntityKind::Person && single && {
                        let full = fold_name(&e.name);
                        let parts: Vec<&str> = full.split(' ').collect();
                        parts.last() == Some(&key.as_str()) || (parts.len() == 2 && parts[0] == key)
                    }))
        });
        let idx = existing.unwrap_or_else(|| {
            entities.push(Entity {
                id: format!("e{}", entities.len()),
                kind,
                name: name.clone(),
                mentions: Vec::new(),
                roles: Vec::new(),
            });
            entities.len() - 1
        });
        // A later full name replaces an earlier surname-only one.
        if !single
            && entities[idx].name.split_whitespace().count() < name.split_whitespace().count()
        {
            entities[idx].name = name.clone();
        }
        entities[idx].mentions.push(EntityMention {
            span: doc.span(g.start(doc), g.name_end(doc)),
            text: name,
            sentence: g.sentence,
            via: if single && existing.is_some() && kind == EntityKind::Person {
                "surname"
            } else {
                "name"
            }
            .to_owned(),
        });
        of_group[gi] = Some(idx);
    }
    let mut relations = Vec::new();
    for (gi, g) in found.groups.iter().enumerate() {
        let Some(ei) = of_group[gi] else { continue };
        for r in &g.roles {
            let (object, object_name, ambiguous, alternatives, rule) = if let Some(pg) = r.of_group
            {
                let oi = of_group[pg];
                (oi, r.of_name.clone(), false, Vec::new(), "possessive_name")
            } else if let Some(pron) = r.of_pronoun {
                let (chosen, others) = resolve_possessive(doc, found, &of_group, gi, pron);
                let names = |i: usize| entities[i].name.clone();
                (
                    chosen,
                    chosen.map(names),
                    !others.is_empty(),
                    others.into_iter().map(names).collect(),
                    "possessive_pronoun",
                )
            } else {
                (None, r.of_name.clone(), false, Vec::new(), "title")
            };
            let of_text = object
                .map(|o| entities[o].name.clone())
                .or(object_name.clone());
            if r.relation {
                relations.push(Relation {
                    relation: r.role.clone(),
                    subject: entities[ei].id.clone(),
                    subject_name: entities[ei].name.clone(),
                    object: object.map(|o| entities[o].id.clone()),
                    object_name: of_text,
                    span: doc.span(r.start.min(g.start(doc)), r.end.max(g.end(doc))),
                    sentence: g.sentence,
                    ambiguous,
                    alternatives,
                    rule: rule.to_owned(),
                });
            } else {
                let role = Role {
                    role: r.role.clone(),
                    of: of_text,
                    span: doc.span(r.start, r.end),
                };
                let roles = &mut entities[ei].roles;
                if let Some(x) = roles
                    .iter_mut()
                    .find(|x| x.role == role.role && (x.of.is_none() || x.of == role.of))
                {
                    if x.of.is_none() {
                        *x = role;
                    }
                } else if role.of.is_some() || !roles.iter().any(|x| x.role == role.role) {
                    roles.push(role);
                }
            }
        }
    }
    (entities, relations)
}

/// Resolves a possessive pronoun ("his") before person `gi` to the subject
/// of its clause: the nearest person named before it in the sentence who is
/// not written as a possessor himself ("Lind's envoy, Sedlar, … his" →
/// Sedlar). The other people named before it are returned as the
/// alternatives that make the reading ambiguous.
fn resolve_possessive(
    doc: &Doc,
    found: &Found,
    of_group: &[Option<usize>],
    gi: usize,
    pronoun_at: usize,
) -> (Option<usize>, Vec<usize>) {
    let g = &found.groups[gi];
    let before: Vec<(usize, &Group)> = found
        .groups
        .iter()
        .enumerate()
        .filter(|(hi, h)| {
            *hi != gi
                && h.kind == NameKind::Person
                && h.sentence == g.sentence
                && h.end(doc) <= pronoun_at
        })
        .collect();
    let mut candidates: Vec<(usize, bool)> = Vec::new();
    for (hi, h) in before.iter().rev() {
        if let Some(e) = of_group[*hi] {
            if !candidates.iter().any(|c| c.0 == e) {
                candidates.push((e, h.possessive));
            }
        }
    }
    if candidates.is_empty() {
        // The subject of the previous sentence.
        let prev = found.groups.iter().enumerate().rev().find(|(_, h)| {
            h.kind == NameKind::Person && h.sentence + 1 == g.sentence && !h.possessive
        });
        return (prev.and_then(|(hi, _)| of_group[hi]), Vec::new());
    }
    let chosen = candidates
        .iter()
        .find(|c| !c.1)
        .or(candidates.first())
        .map(|c| c.0);
    let others = candidates
        .iter()
        .map(|c| c.0)
        .filter(|e| Some(*e) != chosen)
        .collect();
    (chosen, others)
}

/// The person a subject pronoun at character offset `at` (in sentence
/// `sentence`) stands for: the first person named as a subject (not a
/// possessor) earlier in the same sentence, else in the nearest sentence
/// before it that names one — news style keeps the subject of the previous
/// sentence as "he" or "she".
pub(crate) fn antecedent<'e>(
    doc: &Doc,
    entities: &'e [Entity],
    sentence: usize,
    at: usize,
) -> Option<&'e Entity> {
    // (sentence distance, after a function word, position) — smallest wins.
    let mut best: Option<((usize, bool, usize), &Entity)> = None;
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for m in &e.mentions {
            if m.sentence > sentence || (m.sentence == sentence && m.span.end > at) {
                continue;
            }
            let (start, end) = doc.byte_range(m.span);
            let after = doc.gap(end, (end + 4).min(doc.text.len()));
            if after.starts_with("'s") || after.starts_with("’s") {
                continue;
            }
            // "with Sedlar and Wren": objects of a preposition are not subjects.
            let after_function_word = doc.token_before(start).is_some_and(|k| {
                doc.tokens[k].sentence == m.sentence && is_stopword(&doc.tokens[k].folded)
            });
            let key = (sentence - m.sentence, after_function_word, m.span.start);
            if best.as_ref().is_none_or(|(b, _)| key < *b) {
                best = Some((key, e));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// Adds each personal pronoun ("he", "his", "вона") as a mention of the
/// person it stands for, so an entity's mentions cover "Vladimir Putin" …
/// "Putin" … "he".
pub(crate) fn pronoun_mentions(doc: &Doc, entities: &mut [Entity]) {
    let mut found: Vec<(usize, EntityMention)> = Vec::new();
    for t in &doc.tokens {
        let Some(cols) = lexicons::pronoun(doc, &t.folded) else {
            continue;
        };
        if cols.get(1).is_some_and(|g| g == "any") {
            continue; // "they", "their": groups, not one person
        }
        let span = doc.span(t.start, t.end);
        let Some(e) = antecedent(doc, entities, t.sentence, span.start) else {
            continue;
        };
        let Some(ei) = entities.iter().position(|x| x.id == e.id) else {
            continue;
        };
        found.push((
            ei,
            EntityMention {
                span,
                text: doc.gap(t.start, t.end).to_owned(),
                sentence: t.sentence,
                via: "pronoun".to_owned(),
            },
        ));
    }
    for (ei, m) in found {
        entities[ei].mentions.push(m);
    }
    for e in entities.iter_mut() {
        e.mentions.sort_by_key(|m| m.span.start);
    }
}
