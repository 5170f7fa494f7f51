//! Human names for grammar rules, so syntax errors say "expected a quoted string" rather than
//! a rule name such as `EOI`. The match is exhaustive: adding a rule to the grammar does not
//! compile until it has a name, and `tests::every_rule_has_a_human_name` checks the names.

use super::parser::Rule;

/// Every rule of the grammar. pest's `Rule::all_rules()` leaves out `EOI`, which it adds to
/// every grammar itself, and which is the rule most likely to leak into an error message.
pub fn every_rule() -> Vec<Rule> {
    let mut rules = Rule::all_rules().to_vec();
    if !rules.contains(&Rule::EOI) {
        rules.push(Rule::EOI);
    }
    rules
}

/// What a rule is called in an error message: `expected <name>`.
pub fn human_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::WHITESPACE => "whitespace",
        Rule::COMMENT => "a comment",
        Rule::keyword => "a keyword",
        Rule::ident => "a name",
        Rule::ident_char => "a letter, digit or `_`",
        Rule::gap => "a space between words",
        Rule::string_char => "a character of a string",
        Rule::fact_type => {
            "a type (`bool`, an enum, `set of <enum>`, or `whole`/`decimal` with a unit and range, after `optional` when it may be unknown)"
        }
        Rule::infix_op => {
            "an operator (`and`, `or`, `implies`, `iff`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`)"
        }
        Rule::prefix_op => "`not` before a condition",
        Rule::postfix_op => "`is empty` or `is not empty` after a set, `is known` or `is unknown`",
        Rule::operand => "a fact, a condition, a value, a number or `(`",
        Rule::term => "a term of a condition",
        Rule::rec_clause => "a clause of a recommendation",
        Rule::item => "a declaration",
        Rule::string => "a quoted string",
        Rule::string_inner => "the text of a string",
        Rule::integer => "a whole number",
        Rule::decimal => "a number such as `16` or `0.5`",
        Rule::unit => "a unit such as `mg` or `hours`",
        Rule::header_key => "a header field (`title`, `guideline`, `publisher` or `version`)",
        Rule::header_field => "a header field such as `title \"...\"`",
        Rule::header => "a pathway header `pathway name { ... }`",
        Rule::enum_decl => "an enum declaration `enum name { a, b }`",
        Rule::type_bool => "`bool`",
        Rule::type_set => "`set of <enum>`",
        Rule::type_enum => "the name of an enum",
        Rule::description => "a description in quotes",
        Rule::fact_decl => "a fact declaration `fact name: type`",
        Rule::constraint_decl => "a constraint `constraint name: <condition>`",
        Rule::op_implies => "`implies`",
        Rule::op_iff => "`iff`",
        Rule::op_or => "`or`",
        Rule::op_and => "`and`",
        Rule::op_eq => "`==`",
        Rule::op_ne => "`!=`",
        Rule::op_not_in => "`not in`",
        Rule::op_in => "`in`",
        Rule::op_not => "`not`",
        Rule::op_is_not_empty => "`is not empty`",
        Rule::op_is_empty => "`is empty`",
        Rule::bool_literal => "`true` or `false`",
        Rule::set_literal => "a set of values such as `{ past, current }`",
        Rule::paren_expr => "a parenthesised condition",
        Rule::expr => "a condition",
        Rule::cites => "a citation `cites \"...\"`",
        Rule::condition_decl => "a condition `condition name: ...`",
        Rule::url => "`url \"...\"`",
        Rule::xref_decl => "a cross-reference `xref name: \"title\"`",
        Rule::strength_do_not_offer => "`do not offer`",
        Rule::strength_do_not_consider => "`do not consider`",
        Rule::strength_do_not => "`do not`",
        Rule::strength_do => "`do`",
        Rule::strength_offer => "`offer`",
        Rule::strength_consider => "`consider`",
        Rule::strength_ensure => "`ensure`",
        Rule::strength_refer => "`refer`",
        Rule::strength => "a recommendation strength such as `offer` or `consider`",
        Rule::timing_immediately => "`immediately`",
        Rule::timing_within => "`within <number> <unit>`",
        Rule::timing_to => "`to <number>`",
        Rule::timing_after => "`after`",
        Rule::timing_after_clause => "`after <number> <unit>`",
        Rule::timing_asap => "`as soon as possible`",
        Rule::timing_on_admission => "`on admission`",
        Rule::timing_from_diagnosis => "`from diagnosis onwards`",
        Rule::timing_urgent => "`urgent`",
        Rule::timing => "a timing such as `within 1 week` or `immediately`",
        Rule::dose => "a dose such as `dose 16 mg`",
        Rule::freq_once => "`once`",
        Rule::freq_twice => "`twice`",
        Rule::freq_three => "`three times`",
        Rule::freq_four => "`four times`",
        Rule::freq_n => "`<number> times`",
        Rule::frequency => "how often, such as `twice a day`",
        Rule::dose_then => "`, then`",
        Rule::dose_step => "a step such as `500 mg twice a day for 5 days`",
        Rule::dose_schedule => {
            "a dose schedule such as `dose \"amoxicillin\" oral: 500 mg three times a day for 5 days`"
        }
        Rule::when_clause => "`when <condition>`",
        Rule::see => "`see <cross-reference>`",
        Rule::forbids => "`forbids <recommendation>`",
        Rule::recommend_decl => "a recommendation `recommend id: strength \"text\"`",
        Rule::informational_decl => "`informational \"...\" because \"...\"`",
        Rule::assert_decl => "an assertion `assert name: <condition>`",
        Rule::member_list => "a list of recommendations such as `a, b`",
        Rule::with_sides => "`with`",
        Rule::together_decl => "an intended overlap `together name \"why\": a, b`",
        Rule::alternatives_decl => "alternatives `alternatives name \"why\": a, b`",
        Rule::scope_decl => "a scope `scope name: <condition>`",
        Rule::single_item => "one declaration",
        Rule::number => "a number such as `65` or `7.5`",
        Rule::fact_unit => "the unit of a numeric fact, such as `years`, `mmol/L` or `%`",
        Rule::literal_unit => "the unit of a number, such as `mg/L` or `hours`",
        Rule::number_whole => "`whole`",
        Rule::number_decimal => "`decimal`",
        Rule::type_number => "a numeric type such as `whole years in 0 to 130`",
        Rule::optional => "`optional`",
        Rule::op_le => "`<=`",
        Rule::op_ge => "`>=`",
        Rule::op_lt => "`<`",
        Rule::op_gt => "`>`",
        Rule::op_is_known => "`is known`",
        Rule::op_is_unknown => "`is unknown`",
        Rule::number_literal => "a number, with a unit when it is not the fact's own",
        Rule::score_term => "a criterion of a score such as `age >= 65` or `1.5 for x`",
        Rule::score_decl => "a score `score name: criterion, criterion`",
        Rule::file => "a pathway file",
    }
}

/// Rules that start a top-level item; when several are expected at once an error names them as
/// one phrase instead of a list of eight.
pub fn is_item_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::header
            | Rule::enum_decl
            | Rule::fact_decl
            | Rule::constraint_decl
            | Rule::condition_decl
            | Rule::xref_decl
            | Rule::recommend_decl
            | Rule::informational_decl
            | Rule::assert_decl
            | Rule::together_decl
            | Rule::alternatives_decl
            | Rule::scope_decl
            | Rule::score_decl
    )
}

/// Infix operators; an error that expects several of them says "an operator".
pub fn is_operator_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::op_implies
            | Rule::op_iff
            | Rule::op_or
            | Rule::op_and
            | Rule::op_eq
            | Rule::op_ne
            | Rule::op_le
            | Rule::op_ge
            | Rule::op_lt
            | Rule::op_gt
            | Rule::op_not_in
            | Rule::op_in
            | Rule::op_is_empty
            | Rule::op_is_not_empty
            | Rule::op_is_known
            | Rule::op_is_unknown
    )
}

/// What can start an operand of a condition; an error that expects several of them says "a
/// fact, a condition, a value or `(`".
pub fn is_operand_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::op_not
            | Rule::bool_literal
            | Rule::paren_expr
            | Rule::set_literal
            | Rule::ident
            | Rule::number_literal
    )
}

/// Recommendation clauses; an error that expects several of them says "a clause".
pub fn is_clause_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::when_clause
            | Rule::cites
            | Rule::see
            | Rule::dose
            | Rule::dose_schedule
            | Rule::timing
            | Rule::forbids
    )
}

#[cfg(test)]
mod tests {
    use super::super::parser::ITEM_KEYWORDS;
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_rule_has_a_human_name() {
        let rules = every_rule();
        let raw_names: Vec<String> = rules.iter().map(|r| format!("{r:?}")).collect();
        // Rule names that read as code, not English: `EOI`, `fact_decl`, `op_and`, ...
        let code_like: Vec<&String> = raw_names
            .iter()
            .filter(|raw| raw.contains('_') || raw.chars().all(|c| c.is_ascii_uppercase()))
            .collect();
        let mut seen = HashSet::new();
        for rule in &rules {
            let name = human_name(*rule);
            let raw = format!("{rule:?}");
            assert!(!name.is_empty(), "rule {raw} has an empty name");
            assert_ne!(name, raw, "rule {raw} is named by its rule name");
            // "expected <name>" must read as a phrase: a lowercase word or a quoted keyword.
            assert!(
                name.starts_with(|c: char| c.is_ascii_lowercase() || c == '`'),
                "rule {raw} has a name that does not fit \"expected ...\": {name}"
            );
            let words: Vec<&str> =
                name.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).collect();
            for code in &code_like {
                assert!(
                    !words.contains(&code.as_str()),
                    "rule {raw} has a name that shows the rule name `{code}`: {name}"
                );
            }
            assert!(seen.insert(name), "two rules share the name {name}");
        }
        assert_eq!(seen.len(), raw_names.len());
        assert!(seen.len() > 50, "the walk saw only {} rules", seen.len());
        assert!(code_like.iter().any(|raw| raw.as_str() == "EOI"), "the walk missed `EOI`");
    }

    #[test]
    fn every_rule_in_a_group_has_a_name_of_its_own() {
        // The groups shorten lists of expected rules; a rule alone is still named by itself.
        for rule in &every_rule() {
            if is_item_rule(*rule) || is_operator_rule(*rule) || is_clause_rule(*rule) {
                assert!(!human_name(*rule).is_empty());
            }
        }
        let items = every_rule().into_iter().filter(|r| is_item_rule(*r)).count();
        assert_eq!(items, ITEM_KEYWORDS.len(), "every item keyword has its rule in the group");
    }
}
