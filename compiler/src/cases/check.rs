//! Checking a case file against its pathway: the raw TOML form (`schema.rs`) becomes a
//! [`Case`] when every fact, value, recommendation, constraint, cross-reference and sentence it
//! names exists and its expectations can hold together; otherwise every problem is reported,
//! each pointing at its line.

use std::ops::Range;

use cairn_runtime::{Strength, Timing};
use miette::SourceSpan;
use toml::Spanned;

use super::error::CaseError;
use super::schema::{self, RawCase, RawDetails, RawErrorKind, RawExpect, RawWhy};
use super::{Case, DetailsExpect, Expect, PlanExpect, RefusalExpect, Sentence, WhyExpect};
use crate::guideline::{StatementId, normalise};
use crate::ir::facts::expected;
use crate::ir::{Fact, FactType, Pathway};
use crate::suggest::unknown_help;

/// Checks the text of the case file `name` against `pathway`. All problems are reported, in
/// file order.
pub fn check_case(name: &str, text: &str, pathway: &Pathway) -> Result<Case, Vec<CaseError>> {
    let raw = match schema::parse(text) {
        Ok(raw) => raw,
        Err(error) => {
            return Err(vec![CaseError::Malformed {
                message: error.message().trim_end().to_string(),
                at: error.span().map(span),
            }]);
        }
    };
    let mut checker = Checker { pathway, text, errors: Vec::new() };
    let case = checker.case(name, raw);
    let mut errors = checker.errors;
    if errors.is_empty() {
        Ok(case)
    } else {
        // Stable: errors at the same place keep the order they were found in.
        errors.sort_by_key(CaseError::offset);
        Err(errors)
    }
}

/// A byte range as miette wants it.
fn span(range: Range<usize>) -> SourceSpan {
    SourceSpan::new(range.start.into(), range.end.saturating_sub(range.start))
}

fn at<T>(spanned: &Spanned<T>) -> SourceSpan {
    span(spanned.span())
}

/// The state of checking one case.
struct Checker<'p> {
    pathway: &'p Pathway,
    /// The case file's text.
    text: &'p str,
    errors: Vec<CaseError>,
}

impl Checker<'_> {
    /// The first line of a spanned table: its `[header]`, not every line below it.
    fn first_line<T>(&self, table: &Spanned<T>) -> SourceSpan {
        let range = table.span();
        let end = self
            .text
            .get(range.clone())
            .and_then(|inside| inside.find('\n'))
            .map_or(range.end, |newline| range.start + newline);
        span(range.start..end)
    }

    fn case(&mut self, name: &str, raw: RawCase) -> Case {
        let description =
            self.text("description", &raw.description, "say in a line what the case checks");
        let rationale = self.text(
            "rationale",
            &raw.rationale,
            "say why the expectation is right; for a pathway case, quote the guideline sentence it checks",
        );
        let checks = self.sentences(&raw.checks);
        let refusal = raw.expect.get_ref().error.as_ref().map(|e| *e.get_ref());
        let facts_json = self.facts(&raw, refusal);
        let expect = self.expect(&raw.expect);
        Case { name: name.to_string(), description, rationale, checks, facts_json, expect }
    }

    /// A text that must say something.
    fn text(&mut self, field: &'static str, value: &Spanned<String>, help: &'static str) -> String {
        if value.get_ref().trim().is_empty() {
            self.errors.push(CaseError::EmptyText { field, help, at: at(value) });
        }
        value.get_ref().clone()
    }

    // -----------------------------------------------------------------------------------------
    // Facts
    // -----------------------------------------------------------------------------------------

    /// The facts as JSON text. They are checked against the pathway unless the case expects
    /// them to be refused as invalid, in which case they are passed through as written.
    fn facts(&mut self, raw: &RawCase, refusal: Option<RawErrorKind>) -> String {
        let invalid_expected = refusal == Some(RawErrorKind::Invalid);
        match (&raw.facts, &raw.facts_json) {
            (Some(_), Some(json)) => {
                self.errors.push(CaseError::Facts {
                    message: "both `[facts]` and `facts_json` are given",
                    at: at(json),
                });
                String::new()
            }
            (None, None) => {
                self.errors
                    .push(CaseError::Facts { message: "the case has no facts", at: span(0..0) });
                String::new()
            }
            (None, Some(json)) => {
                // TOML has no `null`: facts with an unknown optional fact are written as JSON.
                let has_null = serde_json::from_str::<serde_json::Value>(json.get_ref())
                    .ok()
                    .and_then(|v| v.as_object().map(|o| o.values().any(|v| v.is_null())))
                    .unwrap_or(false);
                if !invalid_expected && !has_null {
                    self.errors.push(CaseError::Facts {
                        message: "`facts_json` is only for facts that must be refused as invalid, or that hold a `null`",
                        at: at(json),
                    });
                }
                json.get_ref().clone()
            }
            (Some(table), None) => {
                if !invalid_expected {
                    self.check_facts(table);
                }
                let mut object = serde_json::Map::new();
                for (key, value) in table.get_ref() {
                    match to_json(value.get_ref()) {
                        Some(json) => {
                            object.insert(key.get_ref().clone(), json);
                        }
                        None => self.errors.push(CaseError::Malformed {
                            message: "this number cannot be written in JSON".to_string(),
                            at: Some(at(value)),
                        }),
                    }
                }
                serde_json::Value::Object(object).to_string()
            }
        }
    }

    /// Every fact known, of the right type and in its enum; every fact of the pathway given.
    fn check_facts(&mut self, table: &Spanned<schema::FactsTable>) {
        let names: Vec<&str> = self.pathway.facts.iter().map(|f| f.name.node.as_str()).collect();
        for (key, value) in table.get_ref() {
            let Some(fact) = self.pathway.facts.iter().find(|f| f.name.node == *key.get_ref())
            else {
                self.errors.push(CaseError::UnknownFact {
                    name: key.get_ref().clone(),
                    help: unknown_help(key.get_ref(), "fact", &names),
                    at: at(key),
                });
                continue;
            };
            self.check_value(fact, value);
        }
        for fact in &self.pathway.facts {
            if !table.get_ref().keys().any(|key| *key.get_ref() == fact.name.node) {
                self.errors.push(CaseError::MissingFact {
                    name: fact.name.node.clone(),
                    expected: expected(self.pathway, fact),
                    at: self.first_line(table),
                });
            }
        }
    }

    fn check_value(&mut self, fact: &Fact, value: &Spanned<toml::Value>) {
        let (name, ty) = (fact.name.node.as_str(), fact.ty);
        let wrong = |found: &toml::Value| CaseError::WrongType {
            name: name.to_string(),
            expected: expected(self.pathway, fact),
            found: describe(found),
            at: at(value),
        };
        match (ty, value.get_ref()) {
            (FactType::Bool, toml::Value::Boolean(_)) => {}
            // Whether the number is whole and in range is the engines' to decide: cases check
            // that they refuse it.
            (FactType::Number(_), toml::Value::Integer(_) | toml::Value::Float(_)) => {}
            (FactType::Enum(e), toml::Value::String(s)) => {
                self.check_variant(name, e, s, at(value))
            }
            (FactType::Set(e), toml::Value::Array(items)) => {
                for item in items {
                    match item {
                        toml::Value::String(s) => self.check_variant(name, e, s, at(value)),
                        other => {
                            self.errors.push(CaseError::WrongType {
                                name: name.to_string(),
                                expected: expected(self.pathway, fact),
                                found: format!("an array holding {}", describe(other)),
                                at: at(value),
                            });
                            return;
                        }
                    }
                }
            }
            (_, found) => self.errors.push(wrong(found)),
        }
    }

    fn check_variant(&mut self, name: &str, e: crate::ir::EnumId, value: &str, at: SourceSpan) {
        let variants: Vec<&str> =
            self.pathway.enum_(e).variants.iter().map(|v| v.node.as_str()).collect();
        if !variants.contains(&value) {
            self.errors.push(CaseError::UnknownValue {
                name: name.to_string(),
                value: value.to_string(),
                help: unknown_help(value, "value", &variants),
                at,
            });
        }
    }

    // -----------------------------------------------------------------------------------------
    // Expectations
    // -----------------------------------------------------------------------------------------

    fn expect(&mut self, raw: &Spanned<RawExpect>) -> Expect {
        let table = raw.get_ref();
        if let Some(kind) = &table.error {
            return Expect::Refused(self.refusal(table, kind));
        }
        for key in [&table.constraint, &table.message_contains].into_iter().flatten() {
            self.errors.push(CaseError::Conflicting {
                message: "a refusal is described but no refusal is expected".to_string(),
                help: "add `error = \"inconsistent\"` or `error = \"invalid\"`",
                at: at(key),
                other: None,
            });
        }
        let nothing = table.includes.is_empty()
            && table.excludes.is_empty()
            && table.exactly.is_none()
            && table.why.is_empty()
            && table.details.is_empty();
        if nothing && table.constraint.is_none() && table.message_contains.is_none() {
            self.errors.push(CaseError::NoExpectation { at: self.first_line(raw) });
        }
        Expect::Plan(self.plan(table))
    }

    fn refusal(&mut self, table: &RawExpect, kind: &Spanned<RawErrorKind>) -> RefusalExpect {
        let plan_keys = table
            .includes
            .iter()
            .chain(&table.excludes)
            .map(at)
            .chain(table.exactly.as_ref().map(at))
            .chain(table.why.iter().map(at))
            .chain(table.details.iter().map(at));
        for key in plan_keys {
            self.errors.push(CaseError::Conflicting {
                message: "a plan is described but the facts are expected to be refused".to_string(),
                help: "a refused input has no plan: keep either `error` or the plan's expectations",
                at: key,
                other: Some(at(kind)),
            });
        }
        let message_contains = table.message_contains.as_ref().map(|m| m.get_ref().clone());
        match kind.get_ref() {
            RawErrorKind::Invalid => {
                if let Some(constraint) = &table.constraint {
                    self.errors.push(CaseError::Conflicting {
                        message: "invalid facts break no constraint".to_string(),
                        help: "a constraint is named with `error = \"inconsistent\"`",
                        at: at(constraint),
                        other: Some(at(kind)),
                    });
                }
                RefusalExpect::Invalid { message_contains }
            }
            RawErrorKind::Inconsistent => {
                let constraint = table.constraint.as_ref().map(|name| {
                    let names: Vec<&str> =
                        self.pathway.constraints.iter().map(|c| c.name.node.as_str()).collect();
                    if !names.contains(&name.get_ref().as_str()) {
                        self.errors.push(CaseError::UnknownConstraint {
                            name: name.get_ref().clone(),
                            help: unknown_help(name.get_ref(), "constraint", &names),
                            at: at(name),
                        });
                    }
                    name.get_ref().clone()
                });
                RefusalExpect::Inconsistent { constraint, message_contains }
            }
        }
    }

    fn plan(&mut self, table: &RawExpect) -> PlanExpect {
        let includes = self.recommendations(&table.includes);
        let excludes = self.recommendations(&table.excludes);
        for (i, included) in table.includes.iter().enumerate() {
            let first = !table.includes.iter().take(i).any(|o| o.get_ref() == included.get_ref());
            let excluded = table.excludes.iter().find(|e| e.get_ref() == included.get_ref());
            if let Some(excluded) = excluded.filter(|_| first) {
                self.conflict(
                    format!("`{}` is both included and excluded", included.get_ref()),
                    "keep it in one of the two lists",
                    included,
                    Some(excluded),
                );
            }
            if let Some(again) =
                table.includes.iter().skip(i + 1).find(|o| o.get_ref() == included.get_ref())
            {
                self.conflict(
                    format!("`{}` is included twice", again.get_ref()),
                    "remove one",
                    again,
                    Some(included),
                );
            }
        }
        let exactly = table.exactly.as_ref().map(|list| {
            let ids = self.recommendations(list.get_ref());
            self.check_exactly(table, list);
            ids
        });
        let why = table.why.iter().map(|w| self.why(table, w)).collect();
        let details = table.details.iter().map(|d| self.details(table, d)).collect();
        PlanExpect { exactly, includes, excludes, why, details }
    }

    /// `exactly` agrees with `includes` and `excludes`, lists each id once, and in the order a
    /// plan can have (the order of the pathway source).
    fn check_exactly(&mut self, table: &RawExpect, list: &Spanned<Vec<Spanned<String>>>) {
        let ids = list.get_ref();
        for (i, id) in ids.iter().enumerate() {
            if let Some(again) = ids.iter().skip(i + 1).find(|o| o.get_ref() == id.get_ref()) {
                self.conflict(
                    format!("`{}` is listed twice", id.get_ref()),
                    "a plan makes each recommendation once",
                    again,
                    Some(id),
                );
            }
            if let Some(excluded) = table.excludes.iter().find(|e| e.get_ref() == id.get_ref()) {
                self.conflict(
                    format!("`{}` is in `exactly` and excluded", id.get_ref()),
                    "keep it in one of the two lists",
                    excluded,
                    Some(id),
                );
            }
        }
        for included in &table.includes {
            if !ids.iter().any(|id| id.get_ref() == included.get_ref()) {
                self.conflict(
                    format!("`{}` is included but not in `exactly`", included.get_ref()),
                    "`exactly` is the whole plan: add it there, or drop `includes`",
                    included,
                    Some(list),
                );
            }
        }
        let position =
            |id: &str| self.pathway.recommendations.iter().position(|r| r.name.node == id);
        for pair in ids.windows(2) {
            if let (Some(a), Some(b)) = (position(pair[0].get_ref()), position(pair[1].get_ref())) {
                if a > b {
                    self.conflict(
                        format!(
                            "`{}` comes before `{}` in the pathway, so in every plan",
                            pair[1].get_ref(),
                            pair[0].get_ref()
                        ),
                        "list `exactly` in the order of the pathway source",
                        &pair[1],
                        Some(&pair[0]),
                    );
                }
            }
        }
    }

    fn why(&mut self, table: &RawExpect, raw: &Spanned<RawWhy>) -> WhyExpect {
        let why = raw.get_ref();
        let recommendation = self.recommendation(&why.recommendation);
        self.must_be_in_plan(table, &why.recommendation, "a justification");
        let sentences = self.sentences(&why.sentences);
        let not_sentences = self.sentences(&why.not_sentences);
        for absent in &why.not_sentences {
            let same = |s: &Sentence| sentences.iter().any(|t| t.id == s.id);
            if let Some(resolved) = self.resolve_quiet(absent.get_ref()) {
                if same(&resolved) {
                    self.conflict(
                        format!("`{}` is both expected and not expected", absent.get_ref()),
                        "keep it in one of `sentences` and `not_sentences`",
                        absent,
                        None::<&Spanned<String>>,
                    );
                }
            }
        }
        if why.sentences.is_empty() && why.not_sentences.is_empty() && why.conditions.is_none() {
            self.errors.push(CaseError::NoExpectation { at: self.first_line(raw) });
        }
        let conditions =
            why.conditions.as_ref().map(|list| list.iter().map(|c| c.get_ref().clone()).collect());
        WhyExpect { recommendation, sentences, not_sentences, conditions }
    }

    fn details(&mut self, table: &RawExpect, raw: &Spanned<RawDetails>) -> DetailsExpect {
        let details = raw.get_ref();
        let recommendation = self.recommendation(&details.recommendation);
        self.must_be_in_plan(table, &details.recommendation, "details");
        let strength = details.strength.as_ref().and_then(|s| {
            let parsed = Strength::parse(s.get_ref());
            if parsed.is_none() {
                self.errors.push(CaseError::UnknownWord {
                    what: "strength",
                    value: s.get_ref().clone(),
                    help: "the strengths are `do`, `offer`, `consider`, `ensure`, `refer`, `do not`, `do not offer`, `do not consider`",
                    at: at(s),
                });
            }
            parsed
        });
        let timing = details.timing.as_ref().map(|t| {
            if t.get_ref() == "none" {
                return None;
            }
            let parsed = Timing::parse(t.get_ref());
            if parsed.is_none() {
                self.errors.push(CaseError::UnknownWord {
                    what: "timing",
                    value: t.get_ref().clone(),
                    help: "the timings are `immediately`, `within <number> <unit>`, `as soon as possible`, `on admission`, `from diagnosis onwards`, `urgent`, or `none`",
                    at: at(t),
                });
            }
            parsed
        });
        let dose = details
            .dose
            .as_ref()
            .map(|d| if d.get_ref() == "none" { None } else { Some(d.get_ref().clone()) });
        let see = details.see.as_ref().map(|ids| {
            let names: Vec<&str> =
                self.pathway.xrefs.iter().map(|x| x.name.node.as_str()).collect();
            for id in ids {
                if !names.contains(&id.get_ref().as_str()) {
                    self.errors.push(CaseError::UnknownXRef {
                        name: id.get_ref().clone(),
                        help: unknown_help(id.get_ref(), "cross-reference", &names),
                        at: at(id),
                    });
                }
            }
            ids.iter().map(|id| id.get_ref().clone()).collect()
        });
        let text = details.text.as_ref().map(|t| t.get_ref().clone());
        if details.strength.is_none()
            && details.timing.is_none()
            && details.dose.is_none()
            && details.text.is_none()
            && details.see.is_none()
        {
            self.errors.push(CaseError::NoExpectation { at: self.first_line(raw) });
        }
        DetailsExpect { recommendation, strength, timing, dose, text, see }
    }

    /// A justification or details need the recommendation in the plan: not excluded, and in
    /// `exactly` when there is one.
    fn must_be_in_plan(&mut self, table: &RawExpect, id: &Spanned<String>, what: &str) {
        if let Some(excluded) = table.excludes.iter().find(|e| e.get_ref() == id.get_ref()) {
            self.conflict(
                format!("{what} for `{}`, which is excluded", id.get_ref()),
                "only a recommendation in the plan has a justification and details",
                id,
                Some(excluded),
            );
        }
        if let Some(list) = &table.exactly {
            if !list.get_ref().iter().any(|e| e.get_ref() == id.get_ref()) {
                self.conflict(
                    format!("{what} for `{}`, which is not in `exactly`", id.get_ref()),
                    "only a recommendation in the plan has a justification and details",
                    id,
                    Some(list),
                );
            }
        }
    }

    fn conflict<A, B>(
        &mut self,
        message: String,
        help: &'static str,
        here: &Spanned<A>,
        other: Option<&Spanned<B>>,
    ) {
        self.errors.push(CaseError::Conflicting {
            message,
            help,
            at: at(here),
            other: other.map(at),
        });
    }

    // -----------------------------------------------------------------------------------------
    // Names and sentences
    // -----------------------------------------------------------------------------------------

    fn recommendations(&mut self, ids: &[Spanned<String>]) -> Vec<String> {
        ids.iter().map(|id| self.recommendation(id)).collect()
    }

    fn recommendation(&mut self, id: &Spanned<String>) -> String {
        let names: Vec<&str> =
            self.pathway.recommendations.iter().map(|r| r.name.node.as_str()).collect();
        if !names.contains(&id.get_ref().as_str()) {
            self.errors.push(CaseError::UnknownRecommendation {
                name: id.get_ref().clone(),
                help: unknown_help(id.get_ref(), "recommendation", &names),
                at: at(id),
            });
        }
        id.get_ref().clone()
    }

    fn sentences(&mut self, written: &[Spanned<String>]) -> Vec<Sentence> {
        written.iter().filter_map(|s| self.sentence(s)).collect()
    }

    /// A sentence without reporting: for comparisons after [`Checker::sentence`] reported.
    fn resolve_quiet(&self, written: &str) -> Option<Sentence> {
        match resolve(self.pathway, written) {
            Resolved::One(id) => Some(Sentence { id, written: written.to_string() }),
            Resolved::None | Resolved::Several(_) => None,
        }
    }

    fn sentence(&mut self, written: &Spanned<String>) -> Option<Sentence> {
        let text = written.get_ref();
        match resolve(self.pathway, text) {
            Resolved::One(id) => Some(Sentence { id, written: text.clone() }),
            Resolved::None => {
                let looks_like_id = text.starts_with("s-") && !text.contains(' ');
                let nearest = self.pathway.guideline.nearest(text).filter(|_| !looks_like_id);
                let help = match nearest {
                    Some((nearest, _)) => format!(
                        "the nearest statement is {}: \"{}\"; quote a whole statement, its start followed by `...`, or its id",
                        nearest.id,
                        excerpt(&nearest.text)
                    ),
                    None if looks_like_id => "no statement has this id; `cairn coverage` lists the statements with their ids".to_string(),
                    None => "the guideline has no statements".to_string(),
                };
                self.errors.push(CaseError::UnknownSentence {
                    quote: excerpt(text),
                    help,
                    at: at(written),
                });
                None
            }
            Resolved::Several(ids) => {
                let candidates: Vec<String> = ids.iter().take(5).map(ToString::to_string).collect();
                self.errors.push(CaseError::AmbiguousSentence {
                    quote: excerpt(text),
                    count: ids.len(),
                    help: format!(
                        "quote more of the sentence, or use its id: it could be {}",
                        candidates.join(", ")
                    ),
                    at: at(written),
                });
                None
            }
        }
    }
}

/// What a written sentence resolves to.
enum Resolved {
    One(StatementId),
    None,
    Several(Vec<StatementId>),
}

/// Resolves a sentence as citations do: a statement id, a whole statement, or (ending in `...`)
/// the start of one; whitespace and typographic quotes are normalised first.
fn resolve(pathway: &Pathway, written: &str) -> Resolved {
    let guideline = &pathway.guideline;
    if let Some(statement) = guideline.get(&StatementId(written.trim().to_string())) {
        return Resolved::One(statement.id.clone());
    }
    let normalised = normalise(written);
    let prefix = ["...", "…"]
        .iter()
        .find_map(|ellipsis| normalised.strip_suffix(ellipsis))
        .map(str::trim_end);
    let found: Vec<StatementId> = guideline
        .statements
        .iter()
        .filter(|s| match prefix {
            Some(p) => !p.is_empty() && s.text.starts_with(p),
            None => s.text == normalised,
        })
        .map(|s| s.id.clone())
        .collect();
    match found.as_slice() {
        [] => Resolved::None,
        [one] => Resolved::One(one.clone()),
        _ => Resolved::Several(found),
    }
}

/// Shortens long sentences for messages.
fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(MAX).collect::<String>())
    }
}

/// A TOML value as JSON; `None` for a float JSON cannot hold (infinite or not a number).
fn to_json(value: &toml::Value) -> Option<serde_json::Value> {
    Some(match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Value::Number(serde_json::Number::from_f64(*f)?),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(to_json).collect::<Option<_>>()?)
        }
        toml::Value::Table(table) => serde_json::Value::Object(
            table.iter().map(|(k, v)| Some((k.clone(), to_json(v)?))).collect::<Option<_>>()?,
        ),
    })
}

/// A TOML value in words, for messages.
fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("the string \"{}\"", excerpt(s)),
        toml::Value::Integer(i) => format!("the number {i}"),
        toml::Value::Float(f) => format!("the number {f}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "an array".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}
