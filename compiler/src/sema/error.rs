//! Errors of the semantic stage: names that do not resolve, types that do not fit, citations
//! that match no guideline statement. Each variant has a stable code and a labelled span.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A semantic error in a pathway.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum SemaError {
    /// The file has no `pathway` header.
    #[error("the file has no `pathway` header")]
    #[diagnostic(
        code(cairn::sema::missing_header),
        help(
            "start the file with\n\npathway my_pathway {{\n  title \"...\"\n  guideline \"guideline.txt\"\n}}"
        )
    )]
    MissingHeader {
        /// The start of the file.
        #[label("expected here")]
        at: SourceSpan,
    },

    /// Two `pathway` headers.
    #[error("a second `pathway` header")]
    #[diagnostic(code(cairn::sema::duplicate_header), help("a file holds one pathway"))]
    DuplicateHeader {
        /// The second header.
        #[label(primary, "second header")]
        at: SourceSpan,
        /// The first header.
        #[label("first header")]
        first: SourceSpan,
    },

    /// A header without a required field.
    #[error("the header has no `{field}`")]
    #[diagnostic(
        code(cairn::sema::missing_header_field),
        help("add `{field} \"...\"` to the header")
    )]
    MissingHeaderField {
        /// The missing field.
        field: &'static str,
        /// The header.
        #[label("in this header")]
        at: SourceSpan,
    },

    /// A header field given twice.
    #[error("`{field}` is given twice")]
    #[diagnostic(code(cairn::sema::duplicate_header_field), help("remove one of them"))]
    DuplicateHeaderField {
        /// The field.
        field: &'static str,
        /// The second one.
        #[label(primary, "second")]
        at: SourceSpan,
        /// The first one.
        #[label("first")]
        first: SourceSpan,
    },

    /// A name defined twice.
    #[error("`{name}` is defined twice")]
    #[diagnostic(
        code(cairn::sema::duplicate_definition),
        help(
            "every fact, enum, constraint, condition, cross-reference and recommendation needs its own name"
        )
    )]
    DuplicateDefinition {
        /// The name.
        name: String,
        /// The second definition.
        #[label(primary, "defined again here")]
        at: SourceSpan,
        /// The first definition.
        #[label("first defined here as {first_kind}")]
        first: SourceSpan,
        /// What the first definition is.
        first_kind: &'static str,
    },

    /// A value listed twice in one enum.
    #[error("`{name}` is listed twice in this enum")]
    #[diagnostic(code(cairn::sema::duplicate_value), help("remove one of them"))]
    DuplicateValue {
        /// The value.
        name: String,
        /// The second one.
        #[label(primary, "again here")]
        at: SourceSpan,
        /// The first one.
        #[label("first here")]
        first: SourceSpan,
    },

    /// A name that cannot be used because generated code could not name it.
    #[error("`{name}` cannot be used as a name")]
    #[diagnostic(
        code(cairn::sema::reserved_name),
        help("choose another name; `{name}` is reserved")
    )]
    ReservedName {
        /// The name.
        name: String,
        /// Where.
        #[label("reserved")]
        at: SourceSpan,
    },

    /// A set over an enum too large to be a set (sets are bitsets of up to 128 values).
    #[error(
        "a set of `{enum_name}` cannot be a fact: the enum has {count} values, more than {max}"
    )]
    #[diagnostic(
        code(cairn::sema::set_too_large),
        help("split the enum, or make the fact one value of it instead of a set")
    )]
    SetTooLarge {
        /// The enum.
        enum_name: String,
        /// How many values it has.
        count: usize,
        /// The most a set may hold.
        max: usize,
        /// The fact's type.
        #[label("a set of {count} values")]
        at: SourceSpan,
    },

    /// A name that resolves to nothing.
    #[error("unknown {kind} `{name}`")]
    #[diagnostic(code(cairn::sema::unknown_name), help("{help}"))]
    UnknownName {
        /// What kind of thing was expected.
        kind: &'static str,
        /// The name.
        name: String,
        /// Did you mean, or what is defined.
        help: String,
        /// Where.
        #[label("not defined")]
        at: SourceSpan,
    },

    /// A name that is defined, but as another kind of thing than the place needs.
    #[error("`{name}` is {found}, not {expected}")]
    #[diagnostic(code(cairn::sema::wrong_kind), help("{help}"))]
    WrongKind {
        /// The name.
        name: String,
        /// What it is, such as "a fact".
        found: &'static str,
        /// What the place needs, such as "an enum".
        expected: &'static str,
        /// What there is of the kind needed.
        help: String,
        /// Where.
        #[label(primary, "{found}")]
        at: SourceSpan,
        /// Where the name is defined.
        #[label("defined here as {found}")]
        defined: SourceSpan,
    },

    /// A value that is not in its enum.
    #[error("`{value}` is not a value of `{enum_name}`")]
    #[diagnostic(code(cairn::sema::unknown_value), help("{help}"))]
    UnknownValue {
        /// The value as written.
        value: String,
        /// The enum.
        enum_name: String,
        /// The allowed values, and did you mean.
        help: String,
        /// Where.
        #[label("not in `{enum_name}`")]
        at: SourceSpan,
    },

    /// Two enum facts of different enums compared with `==` or `!=`.
    #[error("cannot compare a value of `{left}` with a value of `{right}`")]
    #[diagnostic(
        code(cairn::sema::different_enums),
        help("both sides of `{op}` must be values of the same enum")
    )]
    DifferentEnums {
        /// The operator.
        op: &'static str,
        /// The enum of the left side.
        left: String,
        /// The enum of the right side.
        right: String,
        /// The right side.
        #[label("a value of `{right}`")]
        at: SourceSpan,
    },

    /// An enum fact compared with something that is not a value of its enum.
    #[error("cannot compare a value of `{expected}` with {found}")]
    #[diagnostic(
        code(cairn::sema::not_a_value),
        help("compare it with a value of `{expected}`: {values}")
    )]
    NotAValue {
        /// The enum whose value was expected.
        expected: String,
        /// Its values, each in backticks, comma-separated.
        values: String,
        /// What was found instead, in words.
        found: String,
        /// Where.
        #[label("{found}")]
        at: SourceSpan,
    },

    /// A set fact compared with `==` or `!=`.
    #[error("sets cannot be compared with `{op}`")]
    #[diagnostic(
        code(cairn::sema::set_compared),
        help("test membership with `{example} in <set>` or emptiness with `<set> is empty`")
    )]
    SetCompared {
        /// The operator.
        op: &'static str,
        /// The enum the set ranges over.
        set_of: String,
        /// A value of that enum, for the example in the help.
        example: String,
        /// The set fact.
        #[label("a set of `{set_of}`")]
        at: SourceSpan,
    },

    /// The left of `in set_fact` is not a value of the set's enum.
    #[error("the left of `{op}` must be a value of `{expected}`")]
    #[diagnostic(code(cairn::sema::member_not_a_value), help("the values are {values}"))]
    MemberNotAValue {
        /// The operator (`in`, `not in`).
        op: &'static str,
        /// The enum of the set.
        expected: String,
        /// Its values, each in backticks, comma-separated.
        values: String,
        /// What was found instead, in words.
        found: String,
        /// Where.
        #[label("{found}")]
        at: SourceSpan,
    },

    /// The left of `in { a, b }` is not an enum fact.
    #[error("the left of `{op} {{ ... }}` must be an enum fact")]
    #[diagnostic(
        code(cairn::sema::choices_need_enum_fact),
        help("write `fact {op} {{ value, value }}` with a fact whose type is an enum")
    )]
    ChoicesNeedEnumFact {
        /// The operator (`in`, `not in`).
        op: &'static str,
        /// What was found instead, in words.
        found: String,
        /// Where.
        #[label("{found}")]
        at: SourceSpan,
    },

    /// The right of `in` is neither a set fact nor a set of values.
    #[error("the right of `{op}` must be a set fact or a set of values `{{ a, b }}`")]
    #[diagnostic(
        code(cairn::sema::membership_needs_set),
        help("write `value {op} set_fact` or `enum_fact {op} {{ a, b }}`")
    )]
    MembershipNeedsSet {
        /// The operator (`in`, `not in`).
        op: &'static str,
        /// What was found instead, in words.
        found: String,
        /// Where.
        #[label("{found}")]
        at: SourceSpan,
    },

    /// `is empty` or `is not empty` on something that is not a set fact.
    #[error("`{op}` needs a set fact")]
    #[diagnostic(
        code(cairn::sema::empty_needs_set),
        help("only facts declared `set of <enum>` can be empty")
    )]
    EmptyNeedsSet {
        /// The operator (`is empty`, `is not empty`).
        op: &'static str,
        /// What was found instead, in words.
        found: String,
        /// Where.
        #[label("{found}")]
        at: SourceSpan,
    },

    /// A fact or value used where a condition (true or false) is needed.
    #[error("`{name}` is {found}, not a condition")]
    #[diagnostic(code(cairn::sema::not_boolean), help("{help}"))]
    NotBoolean {
        /// What was written.
        name: String,
        /// Its type, in words.
        found: String,
        /// How to make a condition of it.
        help: String,
        /// Where.
        #[label("expected true or false")]
        at: SourceSpan,
    },

    /// Conditions that are defined in terms of themselves.
    #[error("condition `{name}` depends on itself: {cycle}")]
    #[diagnostic(
        code(cairn::sema::cyclic_condition),
        help("a condition can use other conditions, but not in a circle")
    )]
    CyclicCondition {
        /// The condition.
        name: String,
        /// The cycle, such as `a -> b -> a`.
        cycle: String,
        /// Where.
        #[label("part of a cycle")]
        at: SourceSpan,
    },

    /// A recommendation clause given twice.
    #[error("a second `{clause}` clause")]
    #[diagnostic(
        code(cairn::sema::duplicate_clause),
        help("a recommendation has at most one {clause}")
    )]
    DuplicateClause {
        /// Which clause.
        clause: &'static str,
        /// The second.
        #[label(primary, "second")]
        at: SourceSpan,
        /// The first.
        #[label("first")]
        first: SourceSpan,
    },

    /// A recommendation without `when`.
    #[error("recommendation `{name}` has no `when` clause")]
    #[diagnostic(
        code(cairn::sema::missing_when),
        help("say when it applies: `when <condition>` (use `when true` if it always does)")
    )]
    MissingWhen {
        /// The recommendation.
        name: String,
        /// Where.
        #[label("needs `when`")]
        at: SourceSpan,
    },

    /// A timing whose unit is not a unit of time.
    #[error("`{unit}` is not a unit of time")]
    #[diagnostic(
        code(cairn::sema::timing_unit),
        help("use minutes, hours, days, weeks or months, such as `within 24 hours`")
    )]
    TimingUnit {
        /// The unit as written.
        unit: String,
        /// Where.
        #[label("expected a unit of time")]
        at: SourceSpan,
    },

    /// A dose whose unit is not a mass or a volume.
    #[error("`{unit}` is not a unit of mass or volume")]
    #[diagnostic(
        code(cairn::sema::dose_unit),
        help("use mcg, mg, g, kg, ml, l or units, such as `dose 16 mg`")
    )]
    DoseUnit {
        /// The unit as written.
        unit: String,
        /// Where.
        #[label("expected a mass or a volume")]
        at: SourceSpan,
    },

    /// A step of a dose schedule whose amount is in a unit of time (`5 days` for `500 mg`).
    #[error(
        "the amount of a dose is in `{unit}`, a unit of time, where a mass, a volume or units such as `mg` is expected"
    )]
    #[diagnostic(
        code(cairn::sema::dose_amount_in_time),
        help(
            "a step reads `500 mg three times a day for 5 days`: the amount in mcg, mg, g, kg, ml, l or units, how long after `for`"
        )
    )]
    DoseAmountInTime {
        /// The unit as written.
        unit: String,
        /// Where.
        #[label("a time, not a mass or a volume")]
        at: SourceSpan,
    },

    /// A step of a dose schedule whose length is not in days.
    #[error("a dose step lasts a number of `days`, not of `{unit}`")]
    #[diagnostic(
        code(cairn::sema::dose_duration_unit),
        help("write how long in days, such as `for 5 days` (`for 1 day`); a week is `for 7 days`")
    )]
    DoseDurationUnit {
        /// The unit as written.
        unit: String,
        /// Where.
        #[label("expected `days`")]
        at: SourceSpan,
    },

    /// A dose schedule whose route is not one of the fixed list.
    #[error("`{route}` is not a route of administration")]
    #[diagnostic(code(cairn::sema::dose_route), help("{help}"))]
    DoseRoute {
        /// The route as written.
        route: String,
        /// A suggestion, or the routes there are.
        help: String,
        /// Where.
        #[label("unknown route")]
        at: SourceSpan,
    },

    /// A timing range whose start is not before its end (`within 5 to 3 days`).
    #[error("the timing range `{from} to {to}` does not go up")]
    #[diagnostic(
        code(cairn::sema::timing_range),
        help(
            "write the earlier end first, such as `within 3 to 5 days`; a single time is `within 5 days`"
        )
    )]
    TimingRange {
        /// The start as written.
        from: String,
        /// The end as written.
        to: String,
        /// Where.
        #[label("{from} is not less than {to}")]
        at: SourceSpan,
    },

    /// A quantity out of range.
    #[error("`{text}` is not a valid {what}")]
    #[diagnostic(code(cairn::sema::invalid_quantity), help("{help}"))]
    InvalidQuantity {
        /// The number as written.
        text: String,
        /// What it is the amount of.
        what: &'static str,
        /// The allowed range.
        help: String,
        /// Where.
        #[label("out of range")]
        at: SourceSpan,
    },

    /// A citation that matches no statement of the guideline.
    #[error("no statement of the guideline matches `{quote}`")]
    #[diagnostic(code(cairn::sema::citation_not_found), help("{help}"))]
    CitationNotFound {
        /// The quote.
        quote: String,
        /// The nearest statement, and what to do.
        help: String,
        /// Where.
        #[label("matches no statement")]
        at: SourceSpan,
    },

    /// A prefix citation that matches several statements.
    #[error("`{quote}` matches {count} statements of the guideline")]
    #[diagnostic(code(cairn::sema::citation_ambiguous), help("{help}"))]
    CitationAmbiguous {
        /// The quote.
        quote: String,
        /// How many matched.
        count: usize,
        /// The candidates.
        help: String,
        /// Where.
        #[label("ambiguous")]
        at: SourceSpan,
    },

    /// A sentence that is both cited and declared informational.
    #[error("statement {id} is declared informational but is cited by `{by}`")]
    #[diagnostic(
        code(cairn::sema::cited_and_informational),
        help(
            "a sentence either carries logic or does not: remove the `informational` or the citation"
        )
    )]
    CitedAndInformational {
        /// The statement id.
        id: String,
        /// Who cites it.
        by: String,
        /// The informational declaration.
        #[label(primary, "informational here")]
        at: SourceSpan,
        /// The citation.
        #[label("cited here")]
        cited: SourceSpan,
    },

    /// A recommendation id in a condition, constraint, `when` clause or scope.
    #[error("recommendation `{name}` can be named in an `assert` only")]
    #[diagnostic(
        code(cairn::sema::recommendation_outside_assert),
        help(
            "conditions, constraints, `when` clauses and scopes are about facts, so that no recommendation depends on another; use the condition of `{name}`'s `when` clause instead"
        )
    )]
    RecommendationOutsideAssert {
        /// The recommendation.
        name: String,
        /// Where.
        #[label("a recommendation")]
        at: SourceSpan,
    },

    /// A `forbids` clause on a recommendation that is not a "do not".
    #[error("`{name}` is `{strength}`, so it cannot forbid anything")]
    #[diagnostic(
        code(cairn::sema::forbids_without_do_not),
        help(
            "only a \"do not\" recommendation (`do not`, `do not offer`, `do not consider`) names what it forbids"
        )
    )]
    ForbidsWithoutDoNot {
        /// The recommendation.
        name: String,
        /// Its strength.
        strength: String,
        /// The `forbids` clause.
        #[label("`forbids` here")]
        at: SourceSpan,
        /// The strength.
        #[label("strength `{strength}`")]
        strength_at: SourceSpan,
    },

    /// A recommendation that forbids itself.
    #[error("`{name}` forbids itself")]
    #[diagnostic(
        code(cairn::sema::forbids_itself),
        help("name the recommendation this \"do not\" forbids, not the \"do not\" itself")
    )]
    ForbidsItself {
        /// The recommendation.
        name: String,
        /// Where.
        #[label("its own name")]
        at: SourceSpan,
    },

    /// A `together` or `alternatives` declaration that pairs no two recommendations.
    #[error("`{kind} {name}` declares no pair of recommendations")]
    #[diagnostic(
        code(cairn::sema::empty_overlap),
        help(
            "name at least two different recommendations, or at least one on each side of `with`"
        )
    )]
    EmptyOverlap {
        /// `together` or `alternatives`.
        kind: &'static str,
        /// The group.
        name: String,
        /// Where.
        #[label("no pair")]
        at: SourceSpan,
    },

    /// A sentence declared informational twice.
    #[error("statement {id} is declared informational twice")]
    #[diagnostic(code(cairn::sema::duplicate_informational), help("remove one of them"))]
    DuplicateInformational {
        /// The statement id.
        id: String,
        /// The second.
        #[label(primary, "again here")]
        at: SourceSpan,
        /// The first.
        #[label("first here")]
        first: SourceSpan,
    },

    /// A numeric fact's unit that the unit table does not have.
    #[error("`{unit}` is not a unit Cairn knows")]
    #[diagnostic(code(cairn::sema::unknown_unit), help("{help}"))]
    UnknownUnit {
        /// The unit as written.
        unit: String,
        /// A close spelling, or the units there are.
        help: String,
        /// Where.
        #[label("unknown unit")]
        at: SourceSpan,
    },

    /// A number too large or too precise to hold exactly.
    #[error("`{value}` cannot be held exactly: {reason}")]
    #[diagnostic(
        code(cairn::sema::bad_number),
        help("numbers are below 1e18 in magnitude, with at most 18 significant digits")
    )]
    BadNumber {
        /// The number as written.
        value: String,
        /// Why not.
        reason: String,
        /// Where.
        #[label("this number")]
        at: SourceSpan,
    },

    /// A numeric fact whose range is empty or has a fraction for a whole number.
    #[error("the range of `{fact}` is {problem}")]
    #[diagnostic(code(cairn::sema::bad_range), help("{help}"))]
    BadRange {
        /// The fact.
        fact: String,
        /// What is wrong, in words.
        problem: String,
        /// How to fix it.
        help: String,
        /// The range.
        #[label("this range")]
        at: SourceSpan,
    },

    /// A number whose unit measures something else than what it is compared with.
    #[error("cannot compare `{subject}` in {expected} with a number in {found}")]
    #[diagnostic(
        code(cairn::sema::unit_mismatch),
        help(
            "{expected} measures {expected_dimension} and {found} {found_dimension}; write the number in {expected}, or in a unit of the same kind"
        )
    )]
    UnitMismatch {
        /// The fact or score compared.
        subject: String,
        /// Its unit.
        expected: String,
        /// What its unit measures.
        expected_dimension: &'static str,
        /// The unit of the number.
        found: String,
        /// What that unit measures.
        found_dimension: &'static str,
        /// The number.
        #[label("a number in {found}")]
        at: SourceSpan,
    },

    /// A conversion between units whose result has no exact decimal.
    #[error("{value} {from} is not an exact number of {to}")]
    #[diagnostic(
        code(cairn::sema::inexact_conversion),
        help(
            "write the number in {to}, the unit of `{subject}`, rounded as the guideline means it"
        )
    )]
    InexactConversion {
        /// The number as written.
        value: String,
        /// Its unit.
        from: String,
        /// The unit it would be converted to.
        to: String,
        /// The fact or score compared.
        subject: String,
        /// The number.
        #[label("no exact value in {to}")]
        at: SourceSpan,
    },

    /// A comparison of two numbers that are not both constants, or of no number at all.
    #[error("`{op}` compares a number with a constant; found {found}")]
    #[diagnostic(code(cairn::sema::not_a_comparison), help("{help}"))]
    NotAComparison {
        /// The operator.
        op: &'static str,
        /// What was found, in words.
        found: String,
        /// How to write it.
        help: String,
        /// Where.
        #[label("{found}")]
        at: SourceSpan,
    },

    /// `is known` or `is unknown` on something that is never unknown.
    #[error("`{name}` is never unknown: it is {found}")]
    #[diagnostic(code(cairn::sema::known_on_required), help("{help}"))]
    KnownOnRequired {
        /// What was tested.
        name: String,
        /// What it is, in words.
        found: String,
        /// How to fix it.
        help: String,
        /// Where.
        #[label("always known")]
        at: SourceSpan,
    },

    /// An optional fact read where it may be `null`.
    #[error("`{fact}` may be unknown here")]
    #[diagnostic(
        code(cairn::sema::unguarded_optional),
        help(
            "`{fact}` is optional (it may be null), so say what happens when it is not known; guard the test: `{guard}`"
        )
    )]
    UnguardedOptional {
        /// The optional fact.
        fact: String,
        /// The guarded form of the test.
        guard: String,
        /// Where it is read.
        #[label("read without `{fact} is known` before it")]
        at: SourceSpan,
    },

    /// A score criterion's weight that is not positive.
    #[error("a score's weight must be above 0, found {weight}")]
    #[diagnostic(
        code(cairn::sema::score_weight),
        help(
            "leave out a criterion that adds nothing; weights are whole or decimal numbers above 0"
        )
    )]
    ScoreWeight {
        /// The weight as written.
        weight: String,
        /// Where.
        #[label("not above 0")]
        at: SourceSpan,
    },

    /// A score used in a score declared before it (or in itself).
    #[error("score `{used}` is used before it is declared")]
    #[diagnostic(
        code(cairn::sema::score_order),
        help("declare `{used}` above `{score}`; a score may use the scores declared before it")
    )]
    ScoreOrder {
        /// The score being declared.
        score: String,
        /// The score it uses.
        used: String,
        /// Where.
        #[label("declared further down")]
        at: SourceSpan,
    },
}
